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
 * Event queries need no keyed state: a record of an event query (from {@link RouterOperator}, which has already left
 * out late events) is a match. A match of an event query with {@code head}, {@code tail} or a size limit goes to the
 * side output {@link ResultLimits#RESULTS} with its event's place in result order, for {@link ResultLimits}.
 *
 * <p>It takes only event-query records (sequences and samples go to {@link KeyedDetection}).
 *
 * <p>Metrics, per rule (group {@code rule} with the rule's id): {@code matches} (of a limited rule: before its
 * limits).
 */
final class EventQueryMatches extends ProcessFunction<RuleEvent, MatchRecord> {

    private static final long serialVersionUID = 1L;

    private final FlinkPlan plan;
    private transient Map<String, Rule> rules;
    private transient Map<String, Counter> matches;
    private transient java.util.Set<String> limited;

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
        limited = new java.util.HashSet<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            if (r.kind() == EngineSeam.Kind.EVENT) {
                String id = r.rule().ruleId();
                if (r.limited()) {
                    limited.add(id);
                }
                rules.put(id, r.rule());
                matches.put(id, metrics.addGroup("rule", id).counter("matches"));
            }
        }
    }

    @Override
    public void processElement(RuleEvent event, Context ctx, Collector<MatchRecord> out) {
        MatchRecord match = match(event);
        if (limited.contains(event.ruleId())) {
            ctx.output(ResultLimits.RESULTS, LimitedMatch.of(match, event));
        } else {
            out.collect(match);
        }
    }

    /** The match of an event-query record. */
    MatchRecord match(RuleEvent event) {
        Rule rule = rules.get(event.ruleId());
        if (rule == null) {
            throw new IllegalStateException("rule " + event.ruleId() + " is not an event query of this plan");
        }
        matches.get(event.ruleId()).inc();
        return MatchRecord.of(rule, MatchRecord.Kind.EVENT, event.key(), List.of(event.event()));
    }
}
