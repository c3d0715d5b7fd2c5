package io.eql4j.runtime;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.DispatchState;
import io.eql4j.internal.plan.Dispatcher;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.time.Timestamps;
import io.eql4j.internal.util.Longs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The working part of an {@link EqlEngine} for one plan: the runners of its rules over their state, the event
 * clock, the counters. {@link EqlEngine} holds one and replaces it on a reload; {@link StateCodec} writes and reads
 * its state.
 */
final class EngineCore {

    final PlanData plan;
    private final Plan publicPlan;
    final EvalContext ctx;
    private final RuleRunner[] timed;
    private final RuleRunner[] untimed;
    private final RuleRunner[] all;
    /** The runners by rule index. */
    final RuleRunner[] runners;

    final DispatchState dispatch;
    /** Per rule: the event count at which it last ran, so that it runs once per event. */
    private final long[] runStamps;
    /** Scratch of {@link #runPassed}: the rules to run for the current event. */
    private final int[] passedRules;

    private long runStamp;
    /** The sequence rules with trailing missing-event stages, which wait for time to decide. */
    private final RuleRunner[] decisionRunners;

    private static final long NO_TIME = Long.MIN_VALUE;
    private final ProblemListener problems;
    private final int timestampSlot;
    private final int tiebreakerSlot;
    private final long unitNanos;
    final EventClock clock;

    long eventNumber;
    long processed;
    long withoutTimestamp;
    long late;
    long ruleErrors;
    long matches;
    /**
     * Events reported held for a jump in time beyond {@link RuntimeOptions#maxTimeJump()} that the stream
     * contradicted, and first times abandoned.
     */
    long timeJumps;
    /** The first event some filter accepted, which set the stream's time (for the report if it was wrong). */
    Event firstEvent;

    long firstNumber;
    boolean finished;
    /** The engine's count of pending sequences and sample keys, against {@link RuntimeOptions#maxPendingTotal()}. */
    final StateBudget budget;
    /** {@link RuntimeOptions#evictionReportInterval()} in plan units. */
    private final long reportEvery;

    private final RuntimeOptions runtimeOptions;
    /** What the caller's listener threw, so that it reaches the caller instead of being taken for a rule error. */
    private RuntimeException listenerFailure;

    EngineCore(Plan publicPlan, RuntimeOptions options, MatchListener listener, ProblemListener problems) {
        this.publicPlan = publicPlan;
        this.plan = EqlEngine.data(publicPlan);
        PlanData plan = this.plan;
        this.runtimeOptions = options;
        this.problems = problems;
        this.budget = new StateBudget(options.maxPendingTotal());
        // events read by JsonEventReader.forPlan(publicPlan) carry it as their layout: read by slot
        this.ctx = new EvalContext(plan.fieldTable(), publicPlan, plan.memoCount());
        MatchListener counting = match -> {
            matches++;
            try {
                listener.onMatch(match);
            } catch (RuntimeException e) {
                listenerFailure = e;
                throw e;
            }
        };
        this.dispatch = new DispatchState(plan.filterCount());
        this.runners = new RuleRunner[plan.compiledRules().size()];
        this.runStamps = new long[runners.length];
        this.passedRules = new int[runners.length];
        List<RuleRunner> timedRunners = new ArrayList<>();
        List<RuleRunner> untimedRunners = new ArrayList<>();
        long minSpan = Long.MAX_VALUE;
        for (CompiledRule rule : plan.compiledRules()) {
            RuleRunner runner;
            if (rule instanceof CompiledRule.Sequence sequence) {
                runner = new SequenceRunner(sequence, plan, counting, options.maxPendingSequences(), budget);
                if (sequence.maxSpan().isPresent()) {
                    minSpan = Math.min(minSpan, sequence.maxSpan().getAsLong());
                }
            } else if (rule instanceof CompiledRule.Sample sample) {
                runner = new SampleRunner(sample, plan, counting, options, budget);
            } else {
                runner = new EventQueryRunner((CompiledRule.EventQuery) rule, plan, counting);
            }
            (runner.needsTime() ? timedRunners : untimedRunners).add(runner);
            runner.attach(dispatch);
            runners[rule.index()] = runner;
        }
        this.timed = timedRunners.toArray(RuleRunner[]::new);
        this.decisionRunners = timedRunners.stream()
                .filter(r -> r instanceof SequenceRunner s && s.decidesLater())
                .toArray(RuleRunner[]::new);
        this.untimed = untimedRunners.toArray(RuleRunner[]::new);
        List<RuleRunner> everything = new ArrayList<>(timedRunners);
        everything.addAll(untimedRunners);
        this.all = everything.toArray(RuleRunner[]::new);
        this.timestampSlot = plan.timestampSlot();
        this.tiebreakerSlot = plan.tiebreakerSlot();
        this.unitNanos = plan.nanosPerUnit();
        long lateness = units(options.allowedLateness());
        long jump = units(options.maxTimeJump());
        this.reportEvery = units(options.evictionReportInterval());
        // expiry runs when event time has moved by a sixteenth of the shortest window: memory stays within
        // about 1/16 above what the windows need, at a cost independent of the event rate
        this.clock = new EventClock(
                lateness,
                minSpan == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, minSpan / 16),
                Math.max(1, jump),
                options.timeJumpConfirmations());
    }

    /** A duration in plan units, {@link Long#MAX_VALUE} when it is longer than the units can hold. */
    private long units(java.time.Duration d) {
        try {
            long nanos = d.toNanos();
            return nanos == Long.MAX_VALUE ? Long.MAX_VALUE : nanos / unitNanos;
        } catch (ArithmeticException moreThanCenturies) {
            return Long.MAX_VALUE;
        }
    }

    /** The plan this engine runs. */
    RuntimeOptions runtimeOptions() {
        return runtimeOptions;
    }

    PlanData plan() {
        return plan;
    }

    /** The plan as its users know it. */
    Plan publicPlan() {
        return publicPlan;
    }

    /**
     * Gives the engine the next event of the stream. Events in order are evaluated at once; events out of order
     * wait in the reorder buffer until the allowed lateness has passed.
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    void accept(Event event) {
        Objects.requireNonNull(event, "event");
        if (finished) {
            throw new IllegalStateException("the engine has finished; create a new one for a new stream");
        }
        long number = ++eventNumber;
        ctx.reset(event);
        if (untimed.length > 0 && evaluate(plan.untimedDispatcher(), event, number)) {
            runPassed(event, Long.MIN_VALUE, number);
        }
        if (timed.length == 0) {
            return;
        }
        // an event that no filter accepts cannot change any result: it needs no time and no place in the order
        if (!evaluate(plan.timedDispatcher(), event, number)) {
            processed++;
            // time matters at once to buffered events, to trailing missing events, to the stream's first time and
            // to jumps in time (which wait for confirmation); otherwise only to expiry
            if (clock.buffered() > 0
                    || awaitingTime()
                    || clock.provisional()
                    || clock.awaitingConfirmation()
                    || clock.sampleSkipped()) {
                observeTime();
            }
            return;
        }
        long ts = timestamp(event, number);
        if (ts == NO_TIME) {
            return;
        }
        Object tiebreaker = tiebreakerSlot < 0 ? null : Values.canonical(Values.first(ctx.field(tiebreakerSlot)));
        if (!clock.withinBound(ts) || clock.farBehind(ts)) {
            holdForJump(new EventClock.Buffered(event, ts, tiebreaker, number, dispatch.passedIds()));
            return;
        }
        if (!clock.started()) {
            firstEvent = event; // named if the stream's first time turns out wrong
            firstNumber = number;
        }
        clock.support(ts);
        admit(event, ts, tiebreaker, number);
        if (clock.holding()) {
            timeMoved();
        }
    }

    /**
     * An event some filter accepted, whose time may move event time: evaluates it now, holds it in the reorder
     * buffer, or reports it late. Its filters' verdicts are in {@link #dispatch}.
     */
    private void admit(Event event, long ts, Object tiebreaker, long number) {
        EventClock.Admission admission = clock.offer(ts, tiebreaker, number);
        if (admission != EventClock.Admission.LATE && clock.awaitingConfirmation()) {
            for (EventClock.Buffered contradicted : clock.contradictedBy(ts, number)) {
                if (contradicted.event() != null) {
                    reportJump(contradicted, number, ts);
                }
            }
        }
        switch (admission) {
            case NOW:
                run(event, ts, tiebreaker, number);
                clock.ranInOrder();
                break;
            case HOLD:
                clock.hold(new EventClock.Buffered(event, ts, tiebreaker, number, dispatch.passedIds()));
                release();
                break;
            default:
                late++;
                problems.onProblem(new EventProblem(
                        EventProblem.Kind.LATE,
                        number,
                        event,
                        null,
                        "late: its time " + instant(ts) + " is before " + instant(clock.position())
                                + ", where the stream already is (allowed lateness "
                                + io.eql4j.internal.time.Durations.format(runtimeOptions.allowedLateness()) + ")"));
        }
    }

    /**
     * After a reload: evaluates the filters of the new plan on the buffered events again, which were evaluated
     * under the old one; events that no filter of the new plan accepts leave the buffer.
     */
    void redispatchBuffered() {
        List<EventClock.Buffered> again = new ArrayList<>();
        for (EventClock.Buffered b : clock.bufferedInOrder()) {
            ctx.reset(b.event());
            if (evaluate(plan.timedDispatcher(), b.event(), b.number())) {
                again.add(new EventClock.Buffered(b.event(), b.ts(), b.tiebreaker(), b.number(), dispatch.passedIds()));
            }
        }
        clock.replaceBuffered(again);
        redispatchHeld(clock.unconfirmed);
        redispatchHeld(clock.isolated);
    }

    /** After a reload: the filters of the new plan on the events held for a jump in time. */
    private void redispatchHeld(List<EventClock.Buffered> held) {
        for (int i = 0; i < held.size(); i++) {
            EventClock.Buffered b = held.get(i);
            if (b.event() != null) {
                ctx.reset(b.event());
                // an event no filter of the new plan accepts still says what time it is
                held.set(
                        i,
                        new EventClock.Buffered(
                                evaluate(plan.timedDispatcher(), b.event(), b.number()) ? b.event() : null,
                                b.ts(),
                                b.tiebreaker(),
                                b.number(),
                                dispatch.count() > 0 ? dispatch.passedIds() : null));
            }
        }
    }

    /** Whether a sequence rule waits for event time to decide a trailing missing event. */
    private boolean awaitingTime() {
        for (RuleRunner runner : decisionRunners) {
            if (runner.pendingDecisions() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The current event's timestamp in plan units, or {@link #NO_TIME} (reported) when it has none. */
    private long timestamp(Event event, long number) {
        Object raw = Values.first(ctx.field(timestampSlot));
        try {
            if (raw == null) {
                throw new IllegalArgumentException("it has no field [" + plan.timestampField() + "]");
            }
            return Math.floorDiv(Timestamps.parseToEpochNanos(raw), unitNanos);
        } catch (IllegalArgumentException | StackOverflowError e) {
            withoutTimestamp++;
            problems.onProblem(new EventProblem(
                    EventProblem.Kind.NO_TIMESTAMP,
                    number,
                    event,
                    null,
                    "no usable timestamp: " + (e instanceof StackOverflowError ? describe(e) : e.getMessage())));
            return NO_TIME;
        }
    }

    /**
     * Event time advances with the events no filter accepts too (as it would if they were ordered), read from one
     * in {@code TIME_SAMPLE + 1} of them: buffered events are released, windows expire, missing events are decided.
     */
    private void observeTime() {
        long ts;
        try {
            Object raw = Values.first(ctx.field(timestampSlot));
            if (raw == null) {
                return;
            }
            ts = Math.floorDiv(Timestamps.parseToEpochNanos(raw), unitNanos);
        } catch (IllegalArgumentException | StackOverflowError noTime) {
            return; // it matters to no rule: not worth a report
        }
        if (!clock.withinBound(ts) || clock.farBehind(ts)) {
            holdForJump(new EventClock.Buffered(null, ts, null, eventNumber, null));
            return;
        }
        clock.support(ts);
        observeAt(ts);
        if (clock.holding()) {
            timeMoved();
        }
    }

    /** Event time is at least {@code ts} (an event no filter accepted, within the bound). */
    private void observeAt(long ts) {
        if (clock.observe(ts)) {
            release();
            if (clock.sweepDue(clock.watermark())) {
                sweep(clock.watermark());
            }
        }
    }

    /**
     * An event (or the time of one no filter accepted, with a null event) further ahead of event time than the
     * bound allows: held until enough further entries at or after its time (less the bound) confirm the jump, then
     * evaluated with them in arrival order, as without the bound. See docs/notes/engine.md, "One event cannot move
     * time far".
     */
    private void holdForJump(EventClock.Buffered entry) {
        EventClock.Buffered dropped = clock.holdUnconfirmed(entry);
        if (dropped != null && dropped.event() != null) {
            late++;
            problems.onProblem(new EventProblem(
                    EventProblem.Kind.LATE,
                    dropped.number(),
                    dropped.event(),
                    null,
                    "dropped: it waited for the stream to confirm its time " + instant(dropped.ts()) + ", and "
                            + EventClock.MAX_UNCONFIRMED + " later entries now wait"));
        }
        EventClock.Buffered confirmed;
        while ((confirmed = clock.confirmed()) != null) {
            boolean behind = clock.farBehind(confirmed.ts());
            List<EventClock.Buffered> taken = clock.takeConfirmed(confirmed);
            if (behind) {
                restartTime(confirmed);
            }
            replay(taken);
            timeMoved(); // a restart's report covers the events left waiting at the abandoned time
        }
    }

    /**
     * The stream's first time was contradicted by enough events far behind it (the first event was forged or
     * wrong): partial sequences begun at the abandoned time are dropped, and time starts again with the confirming
     * events. What was delivered stays delivered.
     */
    private void restartTime(EventClock.Buffered confirming) {
        long abandoned = clock.maxTs;
        for (RuleRunner runner : timed) {
            runner.restartTime();
        }
        clock.restart();
        timeJumps++;
        boolean named = firstEvent != null;
        problems.onProblem(new EventProblem(
                EventProblem.Kind.TIME_JUMP,
                named ? firstNumber : confirming.number(),
                named ? firstEvent : confirming.event(),
                null,
                "the stream's first events set its time to "
                        + instant(abandoned) + ", but "
                        + (runtimeOptions.timeJumpConfirmations() + 1) + " events more than the max time jump ("
                        + io.eql4j.internal.time.Durations.format(runtimeOptions.maxTimeJump())
                        + ") behind it agree on " + instant(confirming.ts())
                        + ": event time starts again there; sequences begun before are dropped, and events at the abandoned"
                        + " time wait until time reaches them or the stream ends"));
        firstEvent = null;
    }

    /**
     * A held event was contradicted: event {@code by}, at {@code at}, is evaluated and is more than the allowed
     * lateness before it. The event is set apart, and reported once.
     */
    private void reportJump(EventClock.Buffered entry, long by, long at) {
        timeJumps++;
        problems.onProblem(new EventProblem(
                EventProblem.Kind.TIME_JUMP,
                entry.number(),
                entry.event(),
                null,
                "its time " + instant(entry.ts()) + " is more than the max time jump ("
                        + io.eql4j.internal.time.Durations.format(runtimeOptions.maxTimeJump())
                        + ") ahead of the stream's time " + instant(clock.maxTs)
                        + ", and the stream went on without it (event " + by + " at " + instant(at)
                        + "): set apart, without moving time, until time reaches it (else evaluated at the end of the"
                        + " stream)"));
    }

    /**
     * After event time moved: evaluates the held entries now within the bound (those waiting in arrival order, then
     * those set apart in time order).
     */
    private void timeMoved() {
        List<EventClock.Buffered> ready;
        while (!(ready = clock.takeWithinBound()).isEmpty()) {
            replay(ready);
        }
    }

    /** Takes held entries, in arrival order, as if they arrived now within the bound. */
    private void replay(List<EventClock.Buffered> entries) {
        for (EventClock.Buffered b : entries) {
            clock.support(b.ts());
            if (b.event() == null) {
                observeAt(b.ts());
            } else {
                ctx.reset(b.event());
                dispatch.restore(b.passed());
                admit(b.event(), b.ts(), b.tiebreaker(), b.number());
            }
        }
    }

    /**
     * Moves event time forward to {@code time} without an event: events older than {@code time} minus the allowed
     * lateness are evaluated, windows that ended before it expire, and trailing missing events are decided.
     */
    void advanceTo(Instant time) {
        if (finished) {
            throw new IllegalStateException("the engine has finished");
        }
        long nanos = epochNanosSaturated(time);
        if (nanos == Long.MIN_VALUE) {
            return; // before any time an event can have: nothing to do
        }
        long ts = Math.floorDiv(nanos, unitNanos);
        replay(clock.takeUpTo(ts));
        clock.observe(ts);
        clock.trust();
        release();
        sweep(clock.watermark());
        timeMoved();
    }

    /**
     * Ends the stream: evaluates every buffered event, decides what waited for more events (trailing missing
     * events, {@code tail}, samples in key order) and delivers the last matches. The engine accepts no more events.
     */
    void finish() {
        if (finished) {
            return;
        }
        // what was held for a jump in time comes last, in time order, so that none of it is late: nothing more can
        // confirm a jump (an entry that arrived after one more than the lateness ahead of it contradicts that one)
        EventClock.Buffered earliest;
        while ((earliest = clock.takeEarliestHeld()) != null) {
            replay(List.of(earliest));
        }
        clock.raiseWatermark(Long.MAX_VALUE);
        release();
        for (RuleRunner runner : all) {
            runner.finish();
        }
        for (RuleRunner runner : all) {
            if (runner.evicted() != runner.reportedEvictions) {
                reportEvictions(runner, null, eventNumber, Long.MAX_VALUE);
            }
        }
        finished = true;
    }

    /** Makes every sequence rule report its decisions (for {@link EqlExplainer}). */
    void traceSequences(java.util.function.Function<CompiledRule, SequenceTrace> traces) {
        for (RuleRunner runner : all) {
            if (runner instanceof SequenceRunner sequence) {
                sequence.trace = traces.apply(runner.rule);
            }
        }
    }

    /** The engine's counters and live state, now. */
    EngineStats stats() {
        long pending = 0;
        long decisions = 0;
        long sampleKeys = 0;
        long expired = 0;
        long evicted = 0;
        java.util.Map<String, Long> byRule = new java.util.LinkedHashMap<>();
        for (RuleRunner r : runners) {
            pending += r.pendingSequences();
            decisions += r.pendingDecisions();
            sampleKeys += r.sampleKeys();
            expired += r.expired();
            evicted += r.evicted();
            if (r.evicted() > 0) {
                byRule.put(r.rule.rule().ruleId(), r.evicted());
            }
        }
        return new EngineStats(
                eventNumber,
                processed,
                withoutTimestamp,
                late,
                ruleErrors,
                matches,
                clock.buffered(),
                pending,
                decisions,
                sampleKeys,
                expired,
                evicted,
                java.util.Collections.unmodifiableMap(byRule),
                timeJumps,
                clock.heldForJump());
    }

    /** Evaluates the buffered events that the watermark has released, in order. */
    private void release() {
        EventClock.Buffered next;
        while ((next = clock.nextDue()) != null) {
            process(next);
        }
    }

    /** Runs a buffered event, now its turn has come, with the filters it passed when it arrived. */
    private void process(EventClock.Buffered b) {
        ctx.reset(b.event());
        dispatch.restore(b.passed());
        run(b.event(), b.ts(), b.tiebreaker(), b.number());
    }

    /** Runs the rules whose filters passed for the current event (evaluated by {@link #evaluate}). */
    private void run(Event event, long ts, Object tiebreaker, long number) {
        if (clock.sweepDue(ts)) {
            sweep(ts);
        }
        runPassed(event, ts, number);
        clock.evaluated(ts, tiebreaker, number);
        processed++;
    }

    /**
     * Evaluates the filters of {@code dispatcher} that can pass for the current event, reporting those that fail;
     * returns whether any passed (or failed).
     */
    private boolean evaluate(Dispatcher dispatcher, Event event, long number) {
        dispatch.reset();
        try {
            dispatcher.evaluate(ctx, dispatch);
        } catch (RuntimeException | StackOverflowError e) {
            ruleErrors++;
            problems.onProblem(new EventProblem(
                    EventProblem.Kind.RULE_ERROR,
                    number,
                    event,
                    null,
                    "evaluating the rules' filters failed: " + describe(e)));
            return false;
        }
        for (int i = 0, n = dispatch.failureCount(); i < n; i++) {
            ruleErrors++;
            String ruleId = plan.compiledRules()
                    .get(plan.ruleOf(dispatch.failedId(i)))
                    .rule()
                    .ruleId();
            problems.onProblem(new EventProblem(
                    EventProblem.Kind.RULE_ERROR,
                    number,
                    event,
                    ruleId,
                    "rule [" + ruleId + "] failed on it: " + dispatch.failure(i)));
        }
        return dispatch.count() > 0;
    }

    /**
     * Runs each rule with a filter that passed for the current event, once, in the order of the rules in the plan:
     * the matches one event completes come in rule order, whatever order the dispatcher found the rules in.
     */
    private void runPassed(Event event, long ts, long number) {
        runStamp++;
        int count = 0;
        for (int i = 0, n = dispatch.count(); i < n; i++) {
            int rule = plan.ruleOf(dispatch.passedId(i));
            if (runStamps[rule] != runStamp) {
                runStamps[rule] = runStamp;
                passedRules[count++] = rule;
            }
        }
        if (count > 1) {
            Arrays.sort(passedRules, 0, count);
        }
        for (int i = 0; i < count; i++) {
            RuleRunner runner = runners[passedRules[i]];
            run(runner, event, ts, number);
            if (runner.evicted() != runner.reportedEvictions) {
                reportEvictions(runner, event, number, ts == Long.MIN_VALUE ? clock.maxTs : ts);
            }
        }
        if (budget.over()) {
            enforceBudget(event, number, ts == Long.MIN_VALUE ? clock.maxTs : ts);
        }
    }

    /**
     * The engine holds more pending sequences and sample keys than {@link RuntimeOptions#maxPendingTotal()}: the
     * rule that holds the most evicts its least recently used keys, until the engine is 1/1024 of the budget below
     * it (so that a stream of new keys evicts in batches, not on every event).
     */
    private void enforceBudget(Event event, long number, long now) {
        long target = budget.max - Math.max(1, budget.max / 1024);
        while (budget.used > target) {
            RuleRunner largest = null;
            long most = 0;
            for (RuleRunner r : all) {
                long held = r.pendingSequences() + r.sampleKeys();
                if (held > most) {
                    most = held;
                    largest = r;
                }
            }
            if (largest == null) {
                return;
            }
            long before = budget.used;
            largest.evictTo(Math.max(0, most - (budget.used - target)));
            if (largest.evicted() != largest.reportedEvictions) {
                reportEvictions(largest, event, number, now);
            }
            if (budget.used >= before) {
                return; // nothing more can go (completed sequences waiting for delivery are not counted)
            }
        }
    }

    /**
     * Reports a rule's evictions since its last report, at most once per {@link RuntimeOptions#evictionReportInterval()}
     * of event time (the rest at {@link #finish}).
     */
    private void reportEvictions(RuleRunner runner, Event event, long number, long now) {
        if (now < runner.nextEvictionReport) {
            return;
        }
        long evicted = runner.evicted();
        long since = evicted - runner.reportedEvictions;
        String id = runner.rule.rule().ruleId();
        runner.reportedEvictions = evicted;
        runner.nextEvictionReport = Longs.saturatedAdd(now, reportEvery);
        problems.onProblem(new EventProblem(
                EventProblem.Kind.EVICTED,
                number,
                event,
                id,
                "rule [" + id + "] dropped "
                        + since + (since == 1 ? " pending sequence" : " pending sequences") + " ("
                        + evicted + " in all) to stay within max pending sequences ("
                        + runtimeOptions.maxPendingSequences()
                        + " per rule, " + runtimeOptions.maxPendingTotal()
                        + " per engine): its least recently used join"
                        + " keys; matches that needed them are missed"));
    }

    private void run(RuleRunner runner, Event event, long ts, long number) {
        try {
            runner.onEvent(ctx, event, ts);
        } catch (RuntimeException | StackOverflowError e) {
            if (e == listenerFailure) {
                listenerFailure = null;
                throw e;
            }
            ruleErrors++;
            problems.onProblem(new EventProblem(
                    EventProblem.Kind.RULE_ERROR,
                    number,
                    event,
                    runner.rule.rule().ruleId(),
                    "rule [" + runner.rule.rule().ruleId() + "] failed on it: " + describe(e)));
        }
    }

    /**
     * What went wrong with one event, for the problem listener. A {@link StackOverflowError} is the one
     * {@link Error} caught (here and where the timestamp is read): it comes from one event's values nested too
     * deeply for a recursive read, it unwinds the stack completely, and the next event is unaffected. Every other
     * Error, {@link OutOfMemoryError} first, concerns the whole JVM and is left to propagate (docs/limits.md).
     */
    private static String describe(Throwable e) {
        return e instanceof StackOverflowError
                ? "its values are nested too deeply to be read (the thread's stack ran out)"
                : e.toString();
    }

    private void sweep(long now) {
        for (RuleRunner runner : timed) {
            runner.onTime(now);
        }
        clock.swept(now);
    }

    /**
     * An instant in nanoseconds since the epoch; past 2262-04-11T23:47:16.854775807Z (the latest time an event can
     * have, as events are read in nanoseconds) it is that latest time, before 1677-09-21T00:12:43.145224192Z the
     * earliest. See {@link EqlEngine#advanceTo}.
     */
    static long epochNanosSaturated(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds > Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds < Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return Longs.saturatedAdd(seconds * 1_000_000_000L, time.getNano());
    }

    /** An event time in plan units as an ISO-8601 instant, for messages. */
    private String instant(long ts) {
        long nanos = ts * unitNanos;
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }
}
