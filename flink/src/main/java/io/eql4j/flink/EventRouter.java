package io.eql4j.flink;

import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.event.JsonEventReader.JsonEventException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The job's first operator, stateless and parallel: reads each NDJSON line, taking only the fields the plan's rules
 * read, evaluates the rules' filters with the embedded engine's dispatcher, and emits one {@link RuleEvent} for each
 * (rule, join key) the event feeds, saying which stages (and {@code until}) it passed with that key.
 *
 * <p>Nothing is dropped silently: a line that is not one JSON object, an event that an event query or sequence
 * needs but that has no usable timestamp, and a rule whose filter fails on an event go to the {@link #PROBLEMS} side
 * output. An event that no filter passes emits nothing.
 *
 * <p>Metrics, per rule (group {@code rule} with the rule's id): {@code eventsPassed}, the events that passed at
 * least one of its filters.
 */
public final class EventRouter extends ProcessFunction<SourceLine, RuleEvent> {

    private static final long serialVersionUID = 1L;

    /** The side output of problems. */
    public static final OutputTag<ProblemRecord> PROBLEMS = new OutputTag<>("eql4j-problems", FlinkTypes.PROBLEM);

    private final FlinkPlan plan;
    private transient JsonEventReader reader;
    private transient EngineSeam.Filters filters;
    private transient String[] ruleIds;
    /** Per rule: whether it is a sample, which takes events without time (as they arrive). */
    private transient boolean[] untimed;

    private transient Counter[] passed;
    /** Per rule: the revision of its definition (live rule updates), or null: every record gets revision 0. */
    private transient long[] revisions;

    public EventRouter(FlinkPlan plan) {
        this.plan = plan;
    }

    /** The rules it routes for. */
    FlinkPlan plan() {
        return plan;
    }

    @Override
    public void open(OpenContext context) {
        init(getRuntimeContext().getMetricGroup());
    }

    /** Compiles the plan and registers the metrics in {@code metrics}. */
    void init(MetricGroup metrics) {
        init(metrics, null, null);
    }

    /**
     * Compiles the plan for a live rule update: the rules' counters are those of {@code previous} (the router this one
     * replaces) where it had the rule, else new ones in {@code metrics}; each record carries its rule's revision.
     */
    void init(MetricGroup metrics, EventRouter previous, java.util.Map<String, Long> revisionsById) {
        java.util.Map<String, Counter> kept = new java.util.HashMap<>();
        if (previous != null) {
            for (int i = 0; i < previous.ruleIds.length; i++) {
                kept.put(previous.ruleIds[i], previous.passed[i]);
            }
        }
        reader = JsonEventReader.forPlan(plan.plan());
        filters = EngineSeam.filters(plan.plan());
        List<EngineSeam.RuleInfo> rules = EngineSeam.rules(plan.plan());
        ruleIds = new String[rules.size()];
        untimed = new boolean[rules.size()];
        passed = new Counter[rules.size()];
        for (EngineSeam.RuleInfo r : rules) {
            ruleIds[r.index()] = r.rule().ruleId();
            untimed[r.index()] = r.kind() == EngineSeam.Kind.SAMPLE;
            Counter counter = kept.get(r.rule().ruleId());
            passed[r.index()] = counter != null
                    ? counter
                    : metrics.addGroup("rule", r.rule().ruleId()).counter("eventsPassed");
        }
        if (revisionsById != null) {
            revisions = new long[rules.size()];
            for (EngineSeam.RuleInfo r : rules) {
                revisions[r.index()] = revisionsById.getOrDefault(r.rule().ruleId(), 0L);
            }
        }
    }

    @Override
    public void processElement(SourceLine line, Context ctx, Collector<RuleEvent> out) {
        route(line, out, problem -> ctx.output(PROBLEMS, problem));
    }

    /**
     * The work of {@link #processElement}, with the problems' output as a parameter (for tests and reuse).
     *
     * @return the event's time in plan units as far as it was read (see {@link EngineSeam.Verdict#observed()}), or
     *         {@link RuleEvent#NO_TIME}
     */
    long route(SourceLine line, Collector<RuleEvent> out, java.util.function.Consumer<ProblemRecord> problems) {
        Event event = line.eventUnsafe(); // an adapter's event is evaluated as it is
        if (event == null) {
            byte[] bytes = line.bytesUnsafe();
            try {
                event = reader.read(bytes, 0, bytes.length);
            } catch (JsonEventException e) {
                problems.accept(new ProblemRecord(
                        ProblemRecord.Kind.MALFORMED,
                        line.origin(),
                        null,
                        e.getMessage(),
                        new String(bytes, StandardCharsets.UTF_8)));
                return RuleEvent.NO_TIME;
            }
        }
        EngineSeam.Verdict verdict = filters.evaluate(event);
        if (verdict.hits().isEmpty() && verdict.failures().isEmpty() && verdict.timeProblem() == null) {
            return verdict.observed(); // the common case: nothing to emit, and no text needed
        }
        String text;
        try {
            text = line.eventUnsafe() == null
                    ? (String) event.source()
                    : new String(line.bytesUnsafe(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            problems.accept(new ProblemRecord(
                    ProblemRecord.Kind.MALFORMED,
                    line.origin(),
                    null,
                    "the adapter's event cannot be written as JSON for the records and matches: " + e.getMessage(),
                    null));
            return verdict.observed();
        }
        for (EngineSeam.Failure f : verdict.failures()) {
            problems.accept(new ProblemRecord(
                    ProblemRecord.Kind.RULE_ERROR,
                    line.origin(),
                    f.rule() < 0 ? null : ruleIds[f.rule()],
                    f.message(),
                    text));
        }
        if (verdict.timeProblem() != null) {
            problems.accept(new ProblemRecord(
                    ProblemRecord.Kind.NO_TIMESTAMP, line.origin(), null, verdict.timeProblem(), text));
        }
        int lastRule = -1;
        for (EngineSeam.Hit hit : verdict.hits()) {
            if (hit.rule() != lastRule) {
                passed[hit.rule()].inc();
                lastRule = hit.rule();
            }
            boolean timed = !untimed[hit.rule()];
            out.collect(new RuleEvent(
                    ruleIds[hit.rule()],
                    JoinKeyValues.of(hit.key()),
                    hit.stages(),
                    hit.until(),
                    timed ? verdict.time() : RuleEvent.NO_TIME,
                    timed ? verdict.tiebreaker() : null,
                    line.source(),
                    line.partition(),
                    line.position(),
                    text,
                    revisions == null ? 0 : revisions[hit.rule()]));
        }
        return verdict.observed();
    }
}
