package io.eql4j.flink;

import io.eql4j.event.Event;
import io.eql4j.runtime.RuntimeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * </pre>
 *
 * <p>Rules with {@code head}, {@code tail} or a size limit (limits over a rule's whole stream) are not run yet:
 * {@link #detect} refuses a plan with such rules, naming them, rather than giving partial results. See
 * {@code docs/notes/flink.md}.
 */
public final class EqlFlink {

    /** A lateness at least this long is unbounded: no watermarks until the input ends; nothing is ever late. */
    static final Duration UNBOUNDED = Duration.ofDays(365L * 1000);

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
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("the allowed lateness must not be negative: " + allowedLateness);
        }
        requireSupported(plan);
        SingleOutputStreamOperator<RuleEvent> routed = lines.transform(
                        "eql4j filters", FlinkTypes.RULE_EVENT, new RouterOperator(plan, allowedLateness))
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
        DataStream<MatchRecord> matches = routed.filter(new ByKind(eventQueries, true))
                .name("eql4j event-query records")
                .uid("eql4j-event-query-records")
                .process(new EventQueryMatches(plan), FlinkTypes.MATCH)
                .name("eql4j event queries")
                .uid("eql4j-event-queries");
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
     * {@code adapter}. The filters read that event itself; only an event that some filter passes, or that is reported
     * as a problem, is written as JSON (matches and problems carry the events as JSON text). A record's origin in problems is
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
            // the event as it is: the router evaluates the filters on it and writes as JSON only what it emits
            return SourceLine.ofEvent(name, subtask, ++count, adapter.toEvent(value));
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
     * Refuses a plan with rules that need the keyed detection operator.
     *
     * @throws UnsupportedPlanException naming them
     */
    public static void requireSupported(FlinkPlan plan) {
        List<String> unsupported = new ArrayList<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            if (r.limited()) {
                unsupported.add(r.rule().ruleId());
            }
        }
        if (!unsupported.isEmpty()) {
            int shown = Math.min(unsupported.size(), 10);
            String list = String.join(", ", unsupported.subList(0, shown))
                    + (unsupported.size() > shown ? " and " + (unsupported.size() - shown) + " more" : "");
            throw new UnsupportedPlanException("eql4j on Flink does not run rules with head, tail or a size limit "
                    + "yet: their limits apply to a rule's results over the whole stream (docs/notes/flink.md). "
                    + unsupported.size() + (unsupported.size() == 1 ? " rule has one: " : " rules have one: ") + list);
        }
    }

    /** A plan has rules that eql4j cannot run on Flink yet. */
    public static final class UnsupportedPlanException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedPlanException(String message) {
            super(message);
        }
    }
}
