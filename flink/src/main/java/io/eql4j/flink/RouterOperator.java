package io.eql4j.flink;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.Collector;

/**
 * The first operator as the job runs it: {@link EventRouter}'s work, and event time. Each record it emits carries its
 * event's time (epoch milliseconds) as its Flink timestamp, and it emits the watermarks itself, from the time of
 * <em>every</em> event it reads, not only of those some rule wants: events that pass no filter move time too (one in
 * 64 of them is read for its time, as the embedded engine samples them). Otherwise a parallel instance whose events
 * no rule wants would hold the watermark of everything downstream back, and windows, trailing missing events and
 * buffered events would wait for an event some rule wants.
 *
 * <p>It also decides lateness, per event and deterministically, as the embedded engine does: an event some event query
 * or sequence wants whose time is older than the newest time read before it less the allowed lateness is reported
 * once on {@link EventRouter#PROBLEMS} ({@link ProblemRecord.Kind#LATE}), counted per rule ({@code lateEvents}), and
 * not emitted for event queries and sequences. So nothing it emits is behind its own watermark.
 *
 * <p>The watermark is the newest event time read less the allowed lateness (less 1 ms, as a Flink watermark is
 * inclusive), emitted when it has moved, every auto-watermark interval of processing time (Flink's
 * {@code pipeline.auto-watermark-interval}, 200 ms by default). With an unbounded lateness it emits none: the end of
 * the input (the source's final watermark) releases everything. Watermarks from upstream are not used, except that
 * final one, which is passed on.
 *
 * <p><b>Idleness.</b> An instance that reads nothing for the idle timeout of processing time (more instances than
 * Kafka partitions, a quiet partition, a file split given to other instances) marks its output idle
 * ({@link WatermarkStatus#IDLE}), so that the operators after it take their watermark from the other instances
 * instead of waiting for it; the next event it reads makes it active again. Its events may then be behind the
 * watermark the others moved on: the keyed operator reports such records as late. With an unbounded lateness there
 * are no watermarks to hold back and it never marks itself idle. Upstream watermark statuses are not used either:
 * idleness is decided here, from this instance's input.
 *
 * <p>{@link LiveRouterOperator} extends it with a second input of rule packs, switching routers with
 * {@link #switchTo} and sending event queries' records elsewhere through {@link #emit}.
 */
class RouterOperator extends AbstractStreamOperator<RuleEvent>
        implements OneInputStreamOperator<SourceLine, RuleEvent>, ProcessingTimeService.ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private EventRouter router;
    private final long latenessMillis;
    private final boolean unbounded;
    private final long nanosPerUnit;
    /** Processing time without input after which this instance is idle, in ms; 0 for never. */
    private final long idleMillis;

    private transient StreamRecord<RuleEvent> reuse;
    private transient java.util.List<RuleEvent> pending;
    private transient Collector<RuleEvent> records;
    private transient java.util.Map<String, org.apache.flink.metrics.Counter> lateEvents;
    private transient long newest;
    private transient long emitted;
    private transient long interval;
    /** Whether an element arrived since the last processing-time tick. */
    private transient boolean sawInput;
    /** The processing time of the first tick that found no input since, or of the start. */
    private transient long quietSince;

    private transient boolean idle;

    RouterOperator(FlinkPlan plan, Duration allowedLateness) {
        this(plan, allowedLateness, EqlFlink.DEFAULT_IDLE_TIMEOUT);
    }

    /** @param idleTimeout processing time without input after which the instance is idle; unbounded for never */
    RouterOperator(FlinkPlan plan, Duration allowedLateness, Duration idleTimeout) {
        this.router = new EventRouter(plan);
        this.unbounded = allowedLateness.compareTo(EqlFlink.UNBOUNDED) >= 0;
        this.latenessMillis = unbounded ? 0 : allowedLateness.toMillis();
        this.nanosPerUnit = plan.plan().options().timestampPrecision().nanosPerUnit();
        this.idleMillis = unbounded || idleTimeout.compareTo(EqlFlink.UNBOUNDED) >= 0 ? 0 : idleTimeout.toMillis();
    }

    @Override
    public void open() throws Exception {
        super.open();
        router.init(getMetricGroup());
        lateEvents = new java.util.HashMap<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(router.plan().plan())) {
            lateEvents.put(
                    r.rule().ruleId(),
                    getMetricGroup().addGroup("rule", r.rule().ruleId()).counter("lateEvents"));
        }
        pending = new java.util.ArrayList<>();
        reuse = new StreamRecord<>(null);
        newest = Long.MIN_VALUE;
        emitted = Long.MIN_VALUE;
        records = new Collector<>() {
            @Override
            public void collect(RuleEvent event) {
                pending.add(event);
            }

            @Override
            public void close() {}
        };
        interval = getExecutionConfig().getAutoWatermarkInterval();
        idle = false;
        if (!unbounded && (interval > 0 || idleMillis > 0)) {
            ProcessingTimeService time = getProcessingTimeService();
            quietSince = time.getCurrentProcessingTime();
            time.registerTimer(quietSince + tick(), this);
        }
    }

    /** The processing time between two ticks: the watermark interval, or, without one, a tenth of the idle timeout. */
    private long tick() {
        return interval > 0 ? interval : Math.max(1, idleMillis / 10);
    }

    @Override
    public void processElement(StreamRecord<SourceLine> element) {
        sawInput = true;
        if (idle) {
            idle = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
        pending.clear();
        SourceLine line = element.getValue();
        long observed = router.route(
                line, records, problem -> output.collect(EventRouter.PROBLEMS, new StreamRecord<>(problem)));
        RuleEvent late = null;
        for (RuleEvent event : pending) {
            if (event.time() == RuleEvent.NO_TIME) {
                reuse.eraseTimestamp();
                reuse.replace(event);
                emit(reuse);
                continue;
            }
            long millis = EqlFlink.toMillis(event.time(), nanosPerUnit);
            if (isLate(millis)) {
                late = event;
                lateEvents.get(event.ruleId()).inc();
            } else {
                reuse.replace(event, millis);
                emit(reuse);
            }
        }
        if (late != null) {
            output.collect(
                    EventRouter.PROBLEMS,
                    new StreamRecord<>(new ProblemRecord(
                            ProblemRecord.Kind.LATE,
                            line.origin(),
                            null,
                            "late: its time " + Instant.ofEpochMilli(EqlFlink.toMillis(late.time(), nanosPerUnit))
                                    + " is before " + Instant.ofEpochMilli(newest) + ", the newest event time read "
                                    + "here, less the allowed lateness " + Duration.ofMillis(latenessMillis),
                            late.event())));
        }
        if (observed != RuleEvent.NO_TIME) {
            newest = Math.max(newest, EqlFlink.toMillis(observed, nanosPerUnit));
        }
        if (!unbounded && interval <= 0) {
            emitWatermark(); // periodic watermarks are off: one per event, as Flink's own generators then do
        }
    }

    /** Emits one routed record (a live job's router sends event queries' records elsewhere). */
    void emit(StreamRecord<RuleEvent> record) {
        output.collect(record);
    }

    /**
     * Routes with {@code next} from the next event on (a live rule update): its rules' counters are the current
     * router's where it has the rule, and each record carries its rule's revision from {@code revisionsById}.
     */
    void switchTo(EventRouter next, java.util.Map<String, Long> revisionsById) {
        next.init(getMetricGroup(), router, revisionsById);
        for (EngineSeam.RuleInfo r : EngineSeam.rules(next.plan().plan())) {
            lateEvents.computeIfAbsent(
                    r.rule().ruleId(),
                    id -> getMetricGroup().addGroup("rule", id).counter("lateEvents"));
        }
        router = next;
    }

    /**
     * Whether an event at {@code millis} is late: older than the newest event time read before it less the allowed
     * lateness, as the embedded engine decides it. Such an event is reported once, and neither event queries nor
     * sequences see it (samples, which need no time, still do).
     */
    private boolean isLate(long millis) {
        return !unbounded && newest != Long.MIN_VALUE && millis < newest - latenessMillis;
    }

    @Override
    public void onProcessingTime(long timestamp) {
        if (interval > 0) {
            emitWatermark();
        }
        ProcessingTimeService time = getProcessingTimeService();
        long now = time.getCurrentProcessingTime();
        if (sawInput) {
            sawInput = false;
            quietSince = now;
        } else if (idleMillis > 0 && !idle && emitted != Long.MAX_VALUE && now - quietSince >= idleMillis) {
            idle = true;
            output.emitWatermarkStatus(WatermarkStatus.IDLE);
        }
        time.registerTimer(now + tick(), this);
    }

    /** Emits the watermark of the newest time read, if it moved. */
    private void emitWatermark() {
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long watermark = newest < Long.MIN_VALUE + latenessMillis + 1 ? Long.MIN_VALUE : newest - latenessMillis - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            emitted = Long.MAX_VALUE;
            if (idle) {
                idle = false;
                output.emitWatermarkStatus(WatermarkStatus.ACTIVE); // an idle output would not pass it on
            }
            super.processWatermark(mark); // the end of the input: everything may go
        }
    }

    /** Upstream idleness is not used: this instance decides its own from its input (see above). */
    @Override
    public void processWatermarkStatus(WatermarkStatus status) {}

    /** Whether this instance has marked its output idle (for tests). */
    boolean idle() {
        return idle;
    }
}
