package io.eql4j.flink;

import io.eql4j.rules.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Event queries need no keyed state: an event that passed an event query's filter is a match. This stateless step
 * follows the watermark assigner: an event behind the watermark (older than the newest event time less the allowed
 * lateness) is late, goes to {@link EventRouter#PROBLEMS} and is counted, as the embedded engine reports it; any
 * other becomes a {@link MatchRecord}.
 *
 * <p>It takes only event-query records: rules with {@code head}, {@code tail} or a size limit, sequences and
 * samples need state and are refused before a job is built (see {@link EqlFlink}).
 *
 * <p>Metrics, per rule (group {@code rule} with the rule's id): {@code matches} and {@code lateEvents}.
 */
final class EventQueryMatches extends ProcessFunction<RuleEvent, MatchRecord> {

    private static final long serialVersionUID = 1L;

    private final FlinkPlan plan;
    private transient Map<String, Rule> rules;
    private transient Map<String, Counter> matches;
    private transient Map<String, Counter> late;

    EventQueryMatches(FlinkPlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(OpenContext context) {
        init(getRuntimeContext().getMetricGroup());
    }

    void init(MetricGroup metrics) {
        rules = new HashMap<>();
        matches = new HashMap<>();
        late = new HashMap<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            if (r.kind() == EngineSeam.Kind.EVENT && !r.limited()) {
                String id = r.rule().ruleId();
                rules.put(id, r.rule());
                MetricGroup group = metrics.addGroup("rule", id);
                matches.put(id, group.counter("matches"));
                late.put(id, group.counter("lateEvents"));
            }
        }
    }

    @Override
    public void processElement(RuleEvent event, Context ctx, Collector<MatchRecord> out) {
        if (!late(event, ctx.timestamp(), ctx.timerService().currentWatermark(),
                problem -> ctx.output(EventRouter.PROBLEMS, problem))) {
            out.collect(match(event));
        }
    }

    /**
     * Whether the record (Flink timestamp {@code timestamp}, null for none) is behind {@code watermark}: then it is
     * reported to {@code problems} and counted.
     */
    boolean late(RuleEvent event, Long timestamp, long watermark,
                 java.util.function.Consumer<ProblemRecord> problems) {
        if (timestamp == null || timestamp > watermark) {
            return false;
        }
        late.get(event.ruleId()).inc();
        problems.accept(new ProblemRecord(ProblemRecord.Kind.LATE, event.origin(), event.ruleId(),
                "late: its time " + java.time.Instant.ofEpochMilli(timestamp) + " is not after the watermark "
                        + java.time.Instant.ofEpochMilli(watermark)
                        + " (the newest event time less the allowed lateness)", event.event()));
        return true;
    }

    /** The match of an event-query record. */
    MatchRecord match(RuleEvent event) {
        Rule rule = rules.get(event.ruleId());
        if (rule == null) {
            throw new IllegalStateException("rule " + event.ruleId() + " is not an unlimited event query of this plan");
        }
        matches.get(event.ruleId()).inc();
        return MatchRecord.of(rule, MatchRecord.Kind.EVENT, event.key(), List.of(event.event()));
    }
}
