package io.eql4j.flink;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.DispatchState;
import io.eql4j.internal.plan.Dispatcher;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.KeyedDriver;
import io.eql4j.internal.plan.LimitedResults;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.PlanHolder;
import io.eql4j.internal.plan.StagePlan;
import io.eql4j.internal.time.Timestamps;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EqlEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where this module reads engine-core's internals (its compiled plan, filter dispatcher, evaluation
 * context, key extractors and timestamp parser): everything else here uses engine-core's public API. When the
 * engine's internal structure changes, this class is what changes with it.
 *
 * <p>It answers two questions: what each rule of a plan is ({@link #rules}), and which (rule, join key) pairs an
 * event feeds and how ({@link Filters#evaluate}), with the same dispatcher, the same key extraction and the same
 * timestamp reading as the embedded engine.
 */
final class EngineSeam {

    private EngineSeam() {}

    /** The three kinds of EQL query. */
    enum Kind {
        EVENT,
        SEQUENCE,
        SAMPLE
    }

    /**
     * One rule of a plan as this module needs to know it.
     *
     * @param index   the rule's position in the plan
     * @param rule    the rule with its metadata
     * @param kind    event query, sequence or sample
     * @param stages  the number of stages ({@code with runs} expanded; 1 for an event query)
     * @param limited whether its results are limited ({@code head}, {@code tail}, a size): such limits apply to a
     *                rule's results over the whole stream
     * @param fingerprint the fingerprint of its compiled machine (hex SHA-256, as in the engine's snapshots): the same
     *                    for the same query under the same compile-time settings, whatever the rule's name
     */
    record RuleInfo(int index, Rule rule, Kind kind, int stages, boolean limited, String fingerprint) {}

    /** The rules of {@code plan}, in plan order. */
    static List<RuleInfo> rules(Plan plan) {
        PlanData data = data(plan);
        List<RuleInfo> out = new ArrayList<>();
        for (CompiledRule r : data.compiledRules()) {
            out.add(new RuleInfo(
                    r.index(),
                    r.rule(),
                    Kind.valueOf(r.kind().name()),
                    r.stages().size(),
                    !r.limit().steps().isEmpty(),
                    java.util.HexFormat.of().formatHex(data.fingerprint(r.index()))));
        }
        return out;
    }

    /** A fresh evaluator of {@code plan}'s filters, for one thread. */
    static Filters filters(Plan plan) {
        return new Filters(plan, data(plan));
    }

    private static PlanData data(Plan plan) {
        if (plan instanceof PlanHolder holder) {
            return holder.planData();
        }
        throw new IllegalArgumentException("not a plan made by EqlCompiler: " + plan);
    }

    /**
     * One (rule, join key) an event feeds.
     *
     * @param rule   the rule's index in the plan
     * @param key    the join-key values, {@code null} for an optional key without value; empty without keys
     * @param stages the stages whose filters the event passed with this key, ascending
     * @param until  whether it passed the rule's {@code until} filter with this key
     */
    record Hit(int rule, List<Object> key, int[] stages, boolean until) {}

    /**
     * A rule's filter failed on the event.
     *
     * @param rule    the rule's index, or -1 when dispatching as a whole failed
     * @param message what failed, in our words
     */
    record Failure(int rule, String message) {}

    /**
     * What an event means to a plan's rules.
     *
     * @param hits          the (rule, join key) pairs it feeds: those of samples first (the engine runs them as
     *                      events arrive), then those of event queries and sequences, each in plan order
     * @param time          its time in plan units, or {@link RuleEvent#NO_TIME} when no event query or sequence
     *                      needs it (or it has none: see {@code timeProblem})
     * @param tiebreaker    its tiebreaker value, or {@code null}
     * @param timeProblem   why it has no usable time although an event query or sequence filter passed, or null;
     *                      then only sample hits are in {@code hits}
     * @param failures      the filters that failed on it
     * @param observed      the event's time in plan units as far as it was read: {@code time} when an event query or
     *                      sequence needed it, else read from one in {@link Filters#TIME_SAMPLE} + 1 events that no
     *                      such filter passed (as the embedded engine samples them to move its clock), else
     *                      {@link RuleEvent#NO_TIME}
     */
    record Verdict(
            List<Hit> hits, long time, Object tiebreaker, String timeProblem, List<Failure> failures, long observed) {}

    /** Evaluates a plan's filters on one event at a time, as the embedded engine does. Not thread-safe. */
    static final class Filters {
        /** One in {@code TIME_SAMPLE + 1} events that no timed filter passes is read for its time. */
        static final long TIME_SAMPLE = 63;

        private final PlanData plan;
        private final EvalContext ctx;
        private final DispatchState dispatch;
        private final int[][] stageFilters;
        private final int[] untilFilters;
        private final List<CompiledRule> rules;
        private final boolean anyTimed;
        private final boolean anyUntimed;
        private final long unitNanos;
        private final long[] seen;
        private long stamp;
        private long skipped;

        Filters(Plan layout, PlanData plan) {
            this.plan = plan;
            this.ctx = new EvalContext(plan.fieldTable(), layout, plan.memoCount());
            this.dispatch = new DispatchState(plan.filterCount());
            this.rules = plan.compiledRules();
            this.stageFilters = new int[rules.size()][];
            this.untilFilters = new int[rules.size()];
            boolean timed = false;
            boolean untimed = false;
            for (CompiledRule r : rules) {
                stageFilters[r.index()] = plan.stageFilters(r.index());
                untilFilters[r.index()] = plan.untilFilter(r.index());
                if (r.kind() == CompiledRule.Kind.SAMPLE) {
                    untimed = true;
                } else {
                    timed = true;
                }
            }
            this.anyTimed = timed;
            this.anyUntimed = untimed;
            this.unitNanos = plan.nanosPerUnit();
            this.seen = new long[rules.size()];
        }

        /** Evaluates the filters on {@code event}. */
        Verdict evaluate(Event event) {
            ctx.reset(event);
            List<Hit> hits = new ArrayList<>(2);
            List<Failure> failures = new ArrayList<>(0);
            if (anyUntimed) {
                dispatch(plan.untimedDispatcher(), hits, failures);
            }
            long time = RuleEvent.NO_TIME;
            long observed = RuleEvent.NO_TIME;
            Object tiebreaker = null;
            String timeProblem = null;
            boolean timedHit = false;
            if (anyTimed) {
                int samples = hits.size();
                if (dispatch(plan.timedDispatcher(), hits, failures) && hits.size() > samples) {
                    timedHit = true;
                    Object raw = Values.first(ctx.field(plan.timestampSlot()));
                    try {
                        if (raw == null) {
                            throw new IllegalArgumentException("it has no field [" + plan.timestampField() + "]");
                        }
                        time = Math.floorDiv(Timestamps.parseToEpochNanos(raw), unitNanos);
                    } catch (IllegalArgumentException e) {
                        timeProblem = "no usable timestamp: " + e.getMessage();
                        hits.subList(samples, hits.size()).clear(); // event queries and sequences need time
                    }
                    if (timeProblem == null && plan.tiebreakerSlot() >= 0) {
                        tiebreaker = Values.canonical(Values.first(ctx.field(plan.tiebreakerSlot())));
                    }
                    observed = time;
                }
            }
            if (!timedHit && (++skipped & TIME_SAMPLE) == 0) {
                observed = quietTime();
            }
            return new Verdict(hits, time, tiebreaker, timeProblem, failures, observed);
        }

        /** The current event's time in plan units, or NO_TIME when it has none (not a problem: no rule needs it). */
        private long quietTime() {
            try {
                Object raw = Values.first(ctx.field(plan.timestampSlot()));
                return raw == null ? RuleEvent.NO_TIME : Math.floorDiv(Timestamps.parseToEpochNanos(raw), unitNanos);
            } catch (IllegalArgumentException noTime) {
                return RuleEvent.NO_TIME;
            }
        }

        /** Runs one dispatcher; adds the hits of the rules whose filters passed; false when none passed. */
        private boolean dispatch(Dispatcher dispatcher, List<Hit> hits, List<Failure> failures) {
            dispatch.reset();
            try {
                dispatcher.evaluate(ctx, dispatch);
            } catch (RuntimeException e) {
                failures.add(new Failure(-1, "evaluating the rules' filters failed: " + e));
                return false;
            }
            for (int i = 0, n = dispatch.failureCount(); i < n; i++) {
                int rule = plan.ruleOf(dispatch.failedId(i));
                failures.add(new Failure(
                        rule, "rule [" + rules.get(rule).rule().ruleId() + "] failed on it: " + dispatch.failure(i)));
            }
            if (dispatch.count() == 0) {
                return false;
            }
            stamp++;
            int[] passedRules = new int[dispatch.count()];
            int count = 0;
            for (int i = 0, n = dispatch.count(); i < n; i++) {
                int rule = plan.ruleOf(dispatch.passedId(i));
                if (seen[rule] != stamp) {
                    seen[rule] = stamp;
                    passedRules[count++] = rule;
                }
            }
            Arrays.sort(passedRules, 0, count);
            for (int i = 0; i < count; i++) {
                hits(passedRules[i], hits, failures);
            }
            return true;
        }

        /** The (join key, stages) pairs of one rule whose filters passed for the current event. */
        private void hits(int rule, List<Hit> hits, List<Failure> failures) {
            CompiledRule compiled = rules.get(rule);
            Map<Object, int[]> stagesByKey = new LinkedHashMap<>();
            Map<Object, Boolean> untilByKey = new LinkedHashMap<>();
            int[] filters = stageFilters[rule];
            try {
                for (int s = 0; s < filters.length; s++) {
                    if (dispatch.passed(filters[s])) {
                        StagePlan stage = compiled.stages().get(s);
                        int[] one = {s};
                        forEachKey(stage.keys().extract(ctx), key -> stagesByKey.merge(key, one, EngineSeam::append));
                    }
                }
                if (untilFilters[rule] >= 0 && dispatch.passed(untilFilters[rule])) {
                    forEachKey(compiled.until().orElseThrow().keys().extract(ctx), key -> {
                        untilByKey.put(key, Boolean.TRUE);
                        stagesByKey.putIfAbsent(key, new int[0]);
                    });
                }
            } catch (RuntimeException e) {
                failures.add(new Failure(rule, "rule [" + compiled.rule().ruleId() + "] failed on it: " + e));
                return;
            }
            stagesByKey.forEach(
                    (key, stages) -> hits.add(new Hit(rule, JoinKey.values(key), stages, untilByKey.containsKey(key))));
        }
    }

    /**
     * The engine's driver of sequences and samples one (rule, join key) at a time, over key states the caller keeps
     * ({@link KeyedDetection} keeps them in Flink keyed state). Samples keep at most {@code maxSamplesPerKey} samples
     * per key.
     */
    static KeyedDriver keyedDriver(Plan plan, int maxSamplesPerKey) {
        initRuntime();
        return KeyedDriver.create(data(plan), maxSamplesPerKey);
    }

    /** One key's state as the engine encodes it, events as their JSON text (see {@link KeyedSlot}). */
    static byte[] writeKeyState(Object state) {
        initRuntime();
        return KeyedDriver.write(state, OrderedEvent::stateText);
    }

    /** One key's state from {@link #writeKeyState}. */
    static Object readKeyState(byte[] bytes) {
        initRuntime();
        return KeyedDriver.read(bytes, OrderedEvent::fromStateText);
    }

    /**
     * Orders two tiebreaker values as the embedded engine orders events with equal times: a null after any value,
     * values of one kind by value, values of different kinds by kind.
     */
    static int compareTiebreakers(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = Values.compareStrict(a, b);
        return c != Integer.MIN_VALUE
                ? c
                : a.getClass().getName().compareTo(b.getClass().getName());
    }

    /**
     * The engine's own application of rule {@code rule}'s result limits ({@code head}, {@code tail}, size), over
     * results offered in result order; what the limits keep goes to {@code out}.
     */
    static <T> LimitedResults<T> limits(Plan plan, int rule, java.util.function.Consumer<? super T> out) {
        return new LimitedResults<>(data(plan).compiledRules().get(rule).limit(), out);
    }

    /**
     * How far after its completing event's time (in plan units) a rule's result may be delivered: a sequence with
     * trailing missing-event stages waits for their verdict, at most its {@code maxspan}; otherwise 0.
     */
    static long resultDelay(Plan plan, int rule) {
        CompiledRule r = data(plan).compiledRules().get(rule);
        if (r instanceof CompiledRule.Sequence s && s.topology().hasTrailing()) {
            return Math.max(0, s.maxSpan().orElse(0));
        }
        return 0;
    }

    /** Orders the join keys of two sequences completed by one event as the embedded engine delivers them. */
    static int compareSequenceKeys(List<Object> a, List<Object> b) {
        Object x = stored(a);
        Object y = stored(b);
        int c = JoinKey.compare(x, y);
        // the engine keeps extraction order where its order sees no difference (a null, values of two kinds):
        // here such keys are ordered by value, nulls first (docs/notes/flink.md, "Result limits")
        return c != 0 ? c : JoinKey.compareValuesFirstNull(x, y);
    }

    /** Orders the join keys of two samples completed by one event as the embedded engine delivers them. */
    static int compareSampleKeys(List<Object> a, List<Object> b) {
        return JoinKey.compareValuesFirstNull(stored(a), stored(b));
    }

    /** Join-key values as the engine stores a key. */
    private static Object stored(List<Object> values) {
        if (values.size() == 1) {
            return values.get(0) == null ? JoinKey.NULL : values.get(0);
        }
        Object[] stored = values.toArray();
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] == null) {
                stored[i] = JoinKey.NULL;
            }
        }
        return JoinKey.of(stored);
    }

    /** The engine registers its keyed driver when its engine class is initialised. */
    private static void initRuntime() {
        try {
            Class.forName(EqlEngine.class.getName(), true, EqlEngine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An event as the keyed operator holds it: only its JSON text. The router has already evaluated every filter and
     * extracted every key, so the state never reads an event's fields, only gives its text back in matches.
     */
    record TextOnlyEvent(String text) implements Event {
        @Override
        public Object field(io.eql4j.event.FieldPath path) {
            throw new UnsupportedOperationException("the keyed operator does not read fields");
        }

        @Override
        public Object source() {
            return text;
        }
    }

    /** Calls {@code action} with each stored key of what a key extractor returned (nothing for null). */
    private static void forEachKey(Object extracted, java.util.function.Consumer<Object> action) {
        if (extracted == null) {
            return; // a required key is missing: the event is not in the stage
        }
        if (extracted instanceof List<?> keys) {
            keys.forEach(action);
        } else {
            action.accept(extracted);
        }
    }

    private static int[] append(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
