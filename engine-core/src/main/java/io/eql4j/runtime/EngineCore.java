package io.eql4j.runtime;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.DispatchState;
import io.eql4j.internal.plan.Dispatcher;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.time.Timestamps;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
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
    boolean finished;
    private final RuntimeOptions runtimeOptions;
    /** What the caller's listener threw, so that it reaches the caller instead of being taken for a rule error. */
    private RuntimeException listenerFailure;

    EngineCore(Plan publicPlan, RuntimeOptions options, MatchListener listener, ProblemListener problems) {
        this.publicPlan = publicPlan;
        this.plan = EqlEngine.data(publicPlan);
        PlanData plan = this.plan;
        this.runtimeOptions = options;
        this.problems = problems;
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
                runner = new SequenceRunner(sequence, plan, counting, options.maxPendingSequences());
                if (sequence.maxSpan().isPresent()) {
                    minSpan = Math.min(minSpan, sequence.maxSpan().getAsLong());
                }
            } else if (rule instanceof CompiledRule.Sample sample) {
                runner = new SampleRunner(sample, plan, counting, options);
            } else {
                runner = new EventQueryRunner((CompiledRule.EventQuery) rule, plan, counting);
            }
            (runner.needsTime() ? timedRunners : untimedRunners).add(runner);
            runner.attach(dispatch);
            runners[rule.index()] = runner;
        }
        this.timed = timedRunners.toArray(RuleRunner[]::new);
        this.decisionRunners = timedRunners.stream().filter(r -> r instanceof SequenceRunner s && s.decidesLater())
                .toArray(RuleRunner[]::new);
        this.untimed = untimedRunners.toArray(RuleRunner[]::new);
        List<RuleRunner> everything = new ArrayList<>(timedRunners);
        everything.addAll(untimedRunners);
        this.all = everything.toArray(RuleRunner[]::new);
        this.timestampSlot = plan.timestampSlot();
        this.tiebreakerSlot = plan.tiebreakerSlot();
        this.unitNanos = plan.nanosPerUnit();
        long lateNanos;
        try {
            lateNanos = options.allowedLateness().toNanos();
        } catch (ArithmeticException moreThanCenturies) {
            lateNanos = Long.MAX_VALUE;
        }
        // expiry runs when event time has moved by a sixteenth of the shortest window: memory stays within
        // about 1/16 above what the windows need, at a cost independent of the event rate
        this.clock = new EventClock(lateNanos / unitNanos,
                minSpan == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, minSpan / 16));
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
            // time matters at once to buffered events and to trailing missing events; otherwise only to expiry
            if (clock.buffered() > 0 || awaitingTime() || clock.sampleSkipped()) {
                observeTime();
            }
            return;
        }
        long ts = timestamp(event, number);
        if (ts == NO_TIME) {
            return;
        }
        Object tiebreaker = tiebreakerSlot < 0 ? null : Values.canonical(Values.first(ctx.field(tiebreakerSlot)));
        switch (clock.offer(ts, tiebreaker, number)) {
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
                problems.onProblem(new EventProblem(EventProblem.Kind.LATE, number, event, null,
                        "late: its time " + instant(ts) + " is before " + instant(clock.position())
                                + ", where the stream already is (allowed lateness "
                                + runtimeOptions.allowedLateness() + ")"));
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
                again.add(new EventClock.Buffered(b.event(), b.ts(), b.tiebreaker(), b.number(),
                        dispatch.passedIds()));
            }
        }
        clock.replaceBuffered(again);
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
        } catch (IllegalArgumentException e) {
            withoutTimestamp++;
            problems.onProblem(new EventProblem(EventProblem.Kind.NO_TIMESTAMP, number, event, null,
                    "no usable timestamp: " + e.getMessage()));
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
        } catch (IllegalArgumentException noTime) {
            return; // it matters to no rule: not worth a report
        }
        if (clock.observe(ts)) {
            release();
            if (clock.sweepDue(clock.watermark())) {
                sweep(clock.watermark());
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
        long nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        long ts = Math.floorDiv(nanos, unitNanos);
        clock.observe(ts);
        release();
        sweep(clock.watermark());
    }

    /**
     * Ends the stream: evaluates every buffered event, decides what waited for more events (trailing missing
     * events, {@code tail}, samples in key order) and delivers the last matches. The engine accepts no more events.
     */
    void finish() {
        if (finished) {
            return;
        }
        clock.raiseWatermark(Long.MAX_VALUE);
        release();
        for (RuleRunner runner : all) {
            runner.finish();
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
        for (RuleRunner r : all) {
            pending += r.pendingSequences();
            decisions += r.pendingDecisions();
            sampleKeys += r.sampleKeys();
            expired += r.expired();
            evicted += r.evicted();
        }
        return new EngineStats(eventNumber, processed, withoutTimestamp, late, ruleErrors, matches, clock.buffered(),
                pending, decisions, sampleKeys, expired, evicted);
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
        } catch (RuntimeException e) {
            ruleErrors++;
            problems.onProblem(new EventProblem(EventProblem.Kind.RULE_ERROR, number, event, null,
                    "evaluating the rules' filters failed: " + e));
            return false;
        }
        for (int i = 0, n = dispatch.failureCount(); i < n; i++) {
            ruleErrors++;
            String ruleId = plan.compiledRules().get(plan.ruleOf(dispatch.failedId(i))).rule().ruleId();
            problems.onProblem(new EventProblem(EventProblem.Kind.RULE_ERROR, number, event, ruleId,
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
            run(runners[passedRules[i]], event, ts, number);
        }
    }

    private void run(RuleRunner runner, Event event, long ts, long number) {
        try {
            runner.onEvent(ctx, event, ts);
        } catch (RuntimeException e) {
            if (e == listenerFailure) {
                listenerFailure = null;
                throw e;
            }
            ruleErrors++;
            problems.onProblem(new EventProblem(EventProblem.Kind.RULE_ERROR, number, event,
                    runner.rule.rule().ruleId(), "rule [" + runner.rule.rule().ruleId() + "] failed on it: " + e));
        }
    }

    private void sweep(long now) {
        for (RuleRunner runner : timed) {
            runner.onTime(now);
        }
        clock.swept(now);
    }

    /** An event time in plan units as an ISO-8601 instant, for messages. */
    private String instant(long ts) {
        long nanos = ts * unitNanos;
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }

}
