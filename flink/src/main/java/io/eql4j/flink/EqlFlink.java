package io.eql4j.flink;

import io.eql4j.event.Event;
import io.eql4j.event.EventBytes;
import io.eql4j.runtime.RuntimeOptions;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * eql4j on Flink: EQL rules over a {@code DataStream} of NDJSON lines, of {@code Map} events, or of the user's own
 * records through an {@link EventAdapter}.
 *
 * <pre>
 * lines ─ RouterOperator (stateless, parallel: read the rules' fields, evaluate filters, one RuleEvent per
 *         (rule, join key) stamped with its event time; late events to the problems; watermarks from every
 *         event's time less the allowed lateness)
 *   ├─ event queries: each record is a match
 *   └─ keyBy(rule, join key) ─ KeyedDetection (sequences and samples: per-key state in Flink keyed state, events
 *                              in event-time order once the watermark passes, timers for windows) ─ matches
 *   (rules with head, tail or a size limit: their results ─ keyBy(rule) ─ ResultLimits (the rule's results in
 *    the embedded engine's result order as the watermark makes them final, its limits applied) ─ matches)
 * </pre>
 *
 * <p>See {@code docs/notes/flink.md}.
 */
public final class EqlFlink {

    /** A lateness at least this long is unbounded: no watermarks until the input ends; nothing is ever late. */
    static final Duration UNBOUNDED = Duration.ofDays(365L * 1000);

    /**
     * How long a parallel instance of the first operator may read nothing before it marks itself idle, so that the
     * watermark moves on with the other instances (docs/notes/flink.md, "Idle inputs"), unless one is given.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private EqlFlink() {}

    /**
     * The outputs of {@link #detect}.
     *
     * @param matches  one record per match; no order across rules or parallel instances
     * @param problems malformed lines, events without a usable timestamp, late events, rule errors
     * @param routed   the first operator's output: one record per (rule, join key) an event feeds (for tests and
     *                 for the keyed operator to come)
     */
    public record Detection(
            DataStream<MatchRecord> matches, DataStream<ProblemRecord> problems, DataStream<RuleEvent> routed) {}

    /**
     * Runs {@code plan}'s rules over {@code lines}.
     *
     * @param allowedLateness how far behind the newest event time an event may be and still be evaluated; an event
     *                        further behind is reported as late ({@link ProblemRecord.Kind#LATE}); a lateness of a
     *                        thousand years or more is unbounded
     * @throws UnsupportedPlanException if the plan has rules this version cannot run on Flink yet
     */
    public static Detection detect(DataStream<SourceLine> lines, FlinkPlan plan, Duration allowedLateness) {
        return detect(lines, plan, allowedLateness, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * Runs {@code plan}'s rules over {@code lines}, with the time after which a parallel instance that reads nothing
     * marks itself idle.
     *
     * @param allowedLateness as {@link #detect(DataStream, FlinkPlan, Duration)}
     * @param idleTimeout     processing time without input after which an instance of the first operator marks itself
     *                        idle, so that the watermark does not wait for it; a thousand years or more for never
     * @throws UnsupportedPlanException if the plan has rules this version cannot run on Flink yet
     */
    public static Detection detect(
            DataStream<SourceLine> lines, FlinkPlan plan, Duration allowedLateness, Duration idleTimeout) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be more than 0: " + idleTimeout);
        }
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("the allowed lateness must not be negative: " + allowedLateness);
        }
        requireSupported(plan);
        SingleOutputStreamOperator<RuleEvent> routed = lines.transform(
                        "eql4j filters", FlinkTypes.RULE_EVENT, new RouterOperator(plan, allowedLateness, idleTimeout))
                .uid("eql4j-filters");
        java.util.HashSet<String> eventQueries = new java.util.HashSet<>();
        boolean keyed = false;
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            if (r.kind() == EngineSeam.Kind.EVENT) {
                eventQueries.add(r.rule().ruleId());
            } else {
                keyed = true;
            }
        }
        SingleOutputStreamOperator<MatchRecord> eventMatches = routed.filter(new ByKind(eventQueries, true))
                .name("eql4j event-query records")
                .uid("eql4j-event-query-records")
                .process(new EventQueryMatches(plan), FlinkTypes.MATCH)
                .name("eql4j event queries")
                .uid("eql4j-event-queries");
        DataStream<MatchRecord> matches = eventMatches;
        DataStream<LimitedMatch> limited = eventMatches.getSideOutput(ResultLimits.RESULTS);
        DataStream<ProblemRecord> problems = routed.getSideOutput(EventRouter.PROBLEMS);
        if (keyed) {
            SingleOutputStreamOperator<MatchRecord> detected = routed.filter(new ByKind(eventQueries, false))
                    .name("eql4j sequence and sample records")
                    .uid("eql4j-keyed-records")
                    .keyBy(RuleEvent::ruleKey, FlinkTypes.RULE_KEY)
                    .process(new KeyedDetection(plan, RuntimeOptions.defaults()), FlinkTypes.MATCH)
                    .name("eql4j sequences and samples")
                    .uid("eql4j-keyed-detection");
            matches = matches.union(detected);
            problems = problems.union(detected.getSideOutput(EventRouter.PROBLEMS));
            limited = limited.union(detected.getSideOutput(ResultLimits.RESULTS));
        }
        if (EngineSeam.rules(plan.plan()).stream().anyMatch(EngineSeam.RuleInfo::limited)) {
            // only limited rules' results come here, keyed by rule: one rule's results meet at one instance
            matches =
                    matches.union(limited.keyBy(LimitedMatch::ruleId, org.apache.flink.api.common.typeinfo.Types.STRING)
                            .process(new ResultLimits(plan), FlinkTypes.MATCH)
                            .name("eql4j result limits")
                            .uid("eql4j-result-limits"));
        }
        return new Detection(matches, problems, routed);
    }

    /**
     * Turns a user's record into an eql4j {@link Event} (for instance {@code Event::of} over a {@code Map}, or a
     * view of the user's own type). Serializable: Flink ships it to the tasks.
     */
    @FunctionalInterface
    public interface EventAdapter<T> extends java.io.Serializable {
        Event toEvent(T value);
    }

    /**
     * Runs {@code plan}'s rules over a stream of the user's own records, each made an {@link Event} by
     * {@code adapter} and written as JSON (matches carry the events as JSON text). A record's origin in problems is
     * {@code NAME/SUBTASK@N}: the N-th record of that parallel instance of the stream.
     */
    public static <T> Detection detect(
            DataStream<T> events, EventAdapter<T> adapter, String name, FlinkPlan plan, Duration allowedLateness) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(name, "name");
        DataStream<SourceLine> lines =
                events.map(new ToLine<>(adapter, name), FlinkTypes.SOURCE_LINE).name("eql4j events as JSON");
        return detect(lines, plan, allowedLateness);
    }

    /** Runs {@code plan}'s rules over a stream of events as maps of field names to values (nested maps for objects). */
    public static Detection detectMaps(
            DataStream<java.util.Map<String, Object>> events, String name, FlinkPlan plan, Duration allowedLateness) {
        return detect(events, Event::of, name, plan, allowedLateness);
    }

    /** A user's record as a {@link SourceLine} of JSON. */
    private static final class ToLine<T> extends org.apache.flink.api.common.functions.RichMapFunction<T, SourceLine> {
        private static final long serialVersionUID = 1L;
        private final EventAdapter<T> adapter;
        private final String name;
        private transient long count;
        private transient int subtask;

        ToLine(EventAdapter<T> adapter, String name) {
            this.adapter = adapter;
            this.name = name;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public SourceLine map(T value) {
            return SourceLine.ofKafka(name, subtask, ++count, EventBytes.json(adapter.toEvent(value)));
        }
    }

    /** Keeps the records of event queries ({@code eventQueries} true) or of the other rules. */
    private static final class ByKind implements org.apache.flink.api.common.functions.FilterFunction<RuleEvent> {
        private static final long serialVersionUID = 1L;
        private final java.util.HashSet<String> eventQueries;
        private final boolean keep;

        ByKind(java.util.HashSet<String> eventQueries, boolean keep) {
            this.eventQueries = eventQueries;
            this.keep = keep;
        }

        @Override
        public boolean filter(RuleEvent event) {
            return eventQueries.contains(event.ruleId()) == keep;
        }
    }

    /** An event time in plan units as epoch milliseconds (floor), saturating; {@link RuleEvent#NO_TIME} stays. */
    static long toMillis(long time, long nanosPerUnit) {
        if (time == RuleEvent.NO_TIME) {
            return Long.MIN_VALUE;
        }
        if (nanosPerUnit >= 1_000_000L) {
            long factor = nanosPerUnit / 1_000_000L;
            long hi = Math.multiplyHigh(time, factor);
            long lo = time * factor;
            return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : time < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
        return Math.floorDiv(time, 1_000_000L / nanosPerUnit);
    }

    /**
     * Refuses a plan with rules that eql4j cannot run on Flink. Every rule a plan can hold runs on Flink today
     * (result limits included, since they are applied per rule after detection: docs/notes/flink.md), so this
     * refuses nothing; it stays the one check {@link #detect} and the job's main make before building a job.
     *
     * @throws UnsupportedPlanException naming the rules it cannot run
     */
    public static void requireSupported(FlinkPlan plan) {
        Objects.requireNonNull(plan, "plan");
    }

    /** A plan has rules that eql4j cannot run on Flink yet. */
    public static final class UnsupportedPlanException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedPlanException(String message) {
            super(message);
        }
    }
}
