package io.eql4j.flink;

import io.eql4j.rules.Rule;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * The first operator of a job with a rule-update input: {@link RouterOperator}'s work (filters, event time, lateness,
 * watermarks) on the first input, and on the second, broadcast input the accepted rule packs ({@link LivePack}, from
 * {@link PackCompiler}). It switches to a pack between two events, the moment the pack arrives: every event it reads
 * afterwards is routed with the new pack's filters and its records carry their rule's revision in that pack. After
 * switching it reports the pack on {@link #APPLIED}, which tells the keyed operator the pack and, once every instance
 * has switched, acknowledges the update.
 *
 * <p>Event queries need no keyed state: their records become matches here, on {@link #EVENT_MATCHES}, with the
 * metadata of the pack that routed them (those of a rule with {@code head}, {@code tail} or a size limit on
 * {@link ResultLimits#RESULTS}, with their rule's revision, for {@link LiveResultLimits}); the main output has the
 * records of sequences and samples only.
 *
 * <p>The running pack is in broadcast operator state, so that a restart from a checkpoint routes with it (and not
 * with the job's first pack). The watermarks are the first input's, as {@link RouterOperator} makes them; the rule
 * updates' own watermarks are ignored (an update has no event time). Idleness is {@link RouterOperator}'s too: an
 * instance that reads no event for the idle timeout marks its output idle, and its next event makes it active.
 */
final class LiveRouterOperator extends RouterOperator
        implements TwoInputStreamOperator<SourceLine, LivePack, RuleEvent> {

    private static final long serialVersionUID = 1L;

    /** Matches of event queries. */
    static final OutputTag<MatchRecord> EVENT_MATCHES = new OutputTag<>("eql4j-event-query-matches", FlinkTypes.MATCH);
    /** The packs this instance switched to. */
    static final OutputTag<AppliedPack> APPLIED = new OutputTag<>("eql4j-applied-packs", LiveTypes.APPLIED);
    /** The running pack (one entry, {@link #CURRENT}). */
    static final MapStateDescriptor<String, LivePack> RUNNING =
            new MapStateDescriptor<>("eql4j-router-pack", Types.STRING, LiveTypes.PACK);

    static final String CURRENT = "running";

    private final LivePack initial;
    private transient LivePack running;
    private transient BroadcastState<String, LivePack> state;
    private transient Map<String, Rule> eventQueries;
    private transient java.util.Set<String> limited;
    private transient Map<String, Counter> matches;

    LiveRouterOperator(LivePack initial, Duration allowedLateness) {
        this(initial, allowedLateness, EqlFlink.DEFAULT_IDLE_TIMEOUT);
    }

    /** @param idleTimeout as {@link RouterOperator}'s: an instance that reads no event for it marks itself idle */
    LiveRouterOperator(LivePack initial, Duration allowedLateness, Duration idleTimeout) {
        super(initial.plan(), allowedLateness, idleTimeout);
        this.initial = initial;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = context.getOperatorStateStore().getBroadcastState(RUNNING);
        LivePack restored = state.get(CURRENT);
        running = restored != null && restored.generation() > initial.generation() ? restored : initial;
    }

    @Override
    public void open() throws Exception {
        super.open();
        matches = new HashMap<>();
        if (running != initial) {
            switchTo(new EventRouter(running.plan()), running.revisions());
        } // else every rule is at revision 0, which is what a router without revisions writes
        index();
    }

    /** The event queries of the running pack, with their match counters (kept across packs by rule id). */
    private void index() {
        eventQueries = new HashMap<>();
        limited = new java.util.HashSet<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(running.plan().plan())) {
            if (r.kind() == EngineSeam.Kind.EVENT) {
                String id = r.rule().ruleId();
                eventQueries.put(id, r.rule());
                if (r.limited()) {
                    limited.add(id);
                }
                matches.computeIfAbsent(
                        id, k -> getMetricGroup().addGroup("rule", k).counter("matches"));
            }
        }
    }

    @Override
    void emit(StreamRecord<RuleEvent> record) {
        RuleEvent event = record.getValue();
        Rule rule = eventQueries.get(event.ruleId());
        if (rule == null) {
            output.collect(record);
            return;
        }
        matches.get(event.ruleId()).inc();
        MatchRecord match = MatchRecord.of(rule, MatchRecord.Kind.EVENT, event.key(), List.of(event.event()));
        if (limited.contains(event.ruleId())) {
            LimitedMatch m = LimitedMatch.of(match, event, event.revision());
            output.collect(
                    ResultLimits.RESULTS,
                    record.hasTimestamp() ? new StreamRecord<>(m, record.getTimestamp()) : new StreamRecord<>(m));
            return;
        }
        output.collect(
                EVENT_MATCHES,
                record.hasTimestamp() ? new StreamRecord<>(match, record.getTimestamp()) : new StreamRecord<>(match));
    }

    @Override
    public void processElement1(StreamRecord<SourceLine> element) {
        processElement(element);
    }

    @Override
    public void processElement2(StreamRecord<LivePack> element) throws Exception {
        LivePack pack = element.getValue();
        if (pack.generation() <= running.generation()) {
            return; // already running (a replay after a restore)
        }
        switchTo(new EventRouter(pack.plan()), pack.revisions());
        running = pack;
        state.put(CURRENT, pack);
        index();
        output.collect(
                APPLIED,
                new StreamRecord<>(new AppliedPack(
                        pack,
                        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                        getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks())));
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        processWatermark(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // rule updates have no event time: the events' watermarks are this operator's own
    }

    /**
     * Neither input's watermark status is used (a quiet rule-update input is the rule, not a reason to be idle):
     * idleness is decided from the events this instance reads, as {@link RouterOperator} decides it, and a rule pack
     * arriving does not make an idle instance active.
     */
    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int index) {}
}
