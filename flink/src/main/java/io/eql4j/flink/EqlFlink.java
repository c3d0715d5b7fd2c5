package io.eql4j.flink;

import io.eql4j.event.Event;
import io.eql4j.runtime.RuntimeOptions;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
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
 * <p>With a second input of {@link RulePackUpdate}s ({@link #detect(DataStream, DataStream, FlinkPlan, Duration)}), the
 * rules change while the job runs: the first operator switches packs between two events, the keyed operator keeps the
 * state of rules an update did not change, and each update is acknowledged on {@link Detection#updates()}. Any pack
 * may have rules with {@code head}, {@code tail} or a size limit: a rule the update kept keeps its limit state (a
 * {@code head 1} that gave its result gives no other), a changed rule's limits start again. A parallel instance of the
 * first operator that reads no event for the idle timeout marks itself idle, with or without updates
 * ({@link #detect(DataStream, FlinkPlan, Duration, Duration)},
 * {@link #detect(DataStream, DataStream, FlinkPlan, Duration, Duration)}).
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
     *                 for the keyed operator to come); with a rule-update input, the records of sequences and samples
     *                 only (event queries' matches are made in the first operator)
     * @param updates  with a rule-update input, one acknowledgement per update: accepted with what happened to each
     *                 rule's state, or refused with its errors; {@code null} without one
     */
    public record Detection(
            DataStream<MatchRecord> matches,
            DataStream<ProblemRecord> problems,
            DataStream<RuleEvent> routed,
            DataStream<RuleUpdateReport> updates) {

        /** The outputs of a detection without a rule-update input. */
        public Detection(
                DataStream<MatchRecord> matches, DataStream<ProblemRecord> problems, DataStream<RuleEvent> routed) {
            this(matches, problems, routed, null);
        }
    }

    /**
     * Runs {@code plan}'s rules over {@code lines}.
     *
     * @param allowedLateness how far behind the newest event time an event may be and still be evaluated; an event
     *                        further behind is reported as late ({@link ProblemRecord.Kind#LATE}); a lateness of a
     *                        thousand years or more is unbounded
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
        Objects.requireNonNull(plan, "plan");
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
     * Runs {@code plan}'s rules over {@code lines}, and from each accepted {@link RulePackUpdate} on {@code updates}
     * on, that pack's, without a restart (docs/notes/flink.md, "Live rule updates"):
     *
     * <ul>
     *   <li>an update replaces the whole pack; it is compiled with {@code plan}'s compile-time settings;</li>
     *   <li>rules whose compiled machine is unchanged keep their state (partial sequences, sample candidates); changed
     *   rules start empty; removed rules' state is cleared; added rules start;</li>
     *   <li>each update is acknowledged once on {@link Detection#updates()}: when every instance of the first operator
     *   routes with it, with what happened to each rule; or refused at once with its errors (file, line, column) when
     *   it does not compile or has a rule this version cannot run on Flink, and the running pack keeps running;</li>
     *   <li>the running pack is in the job's checkpoints: a restart from one runs the pack that ran, not
     *   {@code plan}.</li>
     * </ul>
     *
     * @param updates rule packs, usually few and far between; their event time and watermarks are not used
     */
    public static Detection detect(
            DataStream<SourceLine> lines,
            DataStream<RulePackUpdate> updates,
            FlinkPlan plan,
            Duration allowedLateness) {
        return detect(lines, updates, plan, allowedLateness, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * {@link #detect(DataStream, DataStream, FlinkPlan, Duration)} with the time after which a parallel instance of
     * the first operator that reads no event marks itself idle (as
     * {@link #detect(DataStream, FlinkPlan, Duration, Duration)}; rule updates do not count as input).
     *
     * @param idleTimeout processing time without events after which an instance of the first operator marks itself
     *                    idle, so that the watermark does not wait for it; a thousand years or more for never
     */
    public static Detection detect(
            DataStream<SourceLine> lines,
            DataStream<RulePackUpdate> updates,
            FlinkPlan plan,
            Duration allowedLateness,
            Duration idleTimeout) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be more than 0: " + idleTimeout);
        }
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("the allowed lateness must not be negative: " + allowedLateness);
        }
        Objects.requireNonNull(plan, "plan");
        LivePack initial = LivePack.initial(plan);
        SingleOutputStreamOperator<LivePack> packs = updates.process(new PackCompiler(initial), LiveTypes.PACK)
                .name("eql4j rule updates")
                .uid("eql4j-rule-updates")
                .setParallelism(1);
        SingleOutputStreamOperator<RuleEvent> routed = lines.connect(packs.broadcast())
                .transform(
                        "eql4j filters",
                        LiveTypes.LIVE_RULE_EVENT,
                        new LiveRouterOperator(initial, allowedLateness, idleTimeout))
                .uid("eql4j-filters");
        DataStream<AppliedPack> applied = routed.getSideOutput(LiveRouterOperator.APPLIED);
        SingleOutputStreamOperator<MatchRecord> detected = routed.keyBy(RuleEvent::ruleKey, FlinkTypes.RULE_KEY)
                .connect(applied.broadcast(LiveKeyedDetection.RUNNING))
                .process(
                        new LiveKeyedDetection(
                                initial, RuntimeOptions.defaults().maxSamplesPerKey()),
                        FlinkTypes.MATCH)
                .name("eql4j sequences and samples")
                .uid("eql4j-keyed-detection");
        // limited rules' results, of event queries (from the router) and of sequences and samples: a pack may have
        // such rules now or after an update, so the step is always there (it sees nothing of other rules)
        DataStream<LimitedMatch> limited =
                routed.getSideOutput(ResultLimits.RESULTS).union(detected.getSideOutput(ResultLimits.RESULTS));
        SingleOutputStreamOperator<MatchRecord> limitedMatches = limited.keyBy(LimitedMatch::ruleId, Types.STRING)
                .connect(applied.broadcast(LiveResultLimits.RUNNING))
                .process(new LiveResultLimits(initial), FlinkTypes.MATCH)
                .name("eql4j result limits")
                .uid("eql4j-result-limits");
        DataStream<MatchRecord> matches =
                routed.getSideOutput(LiveRouterOperator.EVENT_MATCHES).union(detected, limitedMatches);
        DataStream<ProblemRecord> problems =
                routed.getSideOutput(EventRouter.PROBLEMS).union(detected.getSideOutput(EventRouter.PROBLEMS));
        DataStream<RuleUpdateReport> acknowledged = applied.keyBy(a -> a.pack().generation(), Types.LONG)
                .process(new UpdateAcknowledgements(), LiveTypes.REPORT)
                .name("eql4j rule update acknowledgements")
                .uid("eql4j-update-acknowledgements");
        DataStream<RuleUpdateReport> reports =
                packs.getSideOutput(PackCompiler.REFUSED).union(acknowledged);
        return new Detection(matches, problems, routed, reports);
    }

    /**
     * {@link #detect(DataStream, DataStream, FlinkPlan, Duration)} over the user's own records, each made an
     * {@link Event} by {@code adapter} (as {@link #detect(DataStream, EventAdapter, String, FlinkPlan, Duration)}).
     */
    public static <T> Detection detect(
            DataStream<T> events,
            EventAdapter<T> adapter,
            String name,
            DataStream<RulePackUpdate> updates,
            FlinkPlan plan,
            Duration allowedLateness) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(name, "name");
        return detect(events, adapter, name, updates, plan, allowedLateness, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * {@link #detect(DataStream, EventAdapter, String, DataStream, FlinkPlan, Duration)} with the idle timeout of
     * {@link #detect(DataStream, DataStream, FlinkPlan, Duration, Duration)}.
     */
    public static <T> Detection detect(
            DataStream<T> events,
            EventAdapter<T> adapter,
            String name,
            DataStream<RulePackUpdate> updates,
            FlinkPlan plan,
            Duration allowedLateness,
            Duration idleTimeout) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(name, "name");
        DataStream<SourceLine> lines =
                events.map(new ToLine<>(adapter, name), FlinkTypes.SOURCE_LINE).name("eql4j events as JSON");
        return detect(lines, updates, plan, allowedLateness, idleTimeout);
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
}
