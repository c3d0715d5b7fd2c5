package io.eql4j.runtime;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.internal.expr.Constant;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.Expr;
import io.eql4j.internal.expr.FieldPredicate;
import io.eql4j.internal.expr.FieldValue;
import io.eql4j.internal.expr.Logic;
import io.eql4j.internal.expr.Scripts;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.StagePlan;
import io.eql4j.rules.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says why a rule did or did not fire: how each clause of each stage evaluated on an event, and what became of
 * the partial sequences a stream built. Slower than an engine (it evaluates every clause and records every
 * decision); meant for rule authors, not for production streams.
 */
public final class EqlExplainer {

    /** How a clause evaluated. */
    public enum Verdict {
        /** The condition held. */
        TRUE,
        /** The condition did not hold. */
        FALSE,
        /** The condition was unknown (a null operand): it does not hold either. */
        UNKNOWN,
        /** Not a condition but a value (a function call, a field inside a computation). */
        VALUE
    }

    /**
     * One clause of a condition, as evaluated on one event.
     *
     * @param text     the clause as the engine evaluates it (EQL-like)
     * @param kind     what kind of clause it is
     * @param verdict  how it evaluated
     * @param field    the field it tests, or {@code null}
     * @param value    the field's value on the event (or the clause's value for {@link Verdict#VALUE})
     * @param children the sub-clauses of {@code and}, {@code or}, {@code not} and of computations
     */
    public record Clause(
            String text, ClauseKind kind, Verdict verdict, String field, Object value, List<Clause> children) {
        public Clause {
            children = List.copyOf(children);
        }
    }

    /** The kinds of {@link Clause}. */
    public enum ClauseKind {
        /** All of its children. */
        AND,
        /** Any of its children. */
        OR,
        /** The negation of its child. */
        NOT,
        /** A field against constants (a field predicate, true when any value of the field passes). */
        FIELD,
        /** A condition on computed values. */
        TEST,
        /** A value, not a condition (an operand of a test). */
        VALUE;

        /** Whether its children are conditions or operands that explain it. */
        public boolean hasExplainingChildren() {
            return this != FIELD && this != VALUE;
        }
    }

    /**
     * One filter of a rule (a stage, or the until term) evaluated on one event.
     *
     * @param rule      the rule
     * @param stage     the stage's index ({@code with runs} expanded: the first stage of the run), or -1 for until
     * @param missing   whether it is a missing-event stage
     * @param text      the filter as written
     * @param category  the category test, or {@code null} for {@code any}
     * @param condition the condition after {@code where}
     * @param passed    whether the event passed the filter
     * @param keyNames  the stage's join keys as written (sequence-level ones first); empty without {@code by}
     * @param joinKeys  the event's join keys for the stage (one list per key combination); empty when the stage
     *                  has no keys, or when the event lacks a required one (the stage then leaves the event out)
     */
    public record StageCheck(
            Rule rule,
            int stage,
            boolean missing,
            String text,
            Clause category,
            Clause condition,
            boolean passed,
            List<String> keyNames,
            List<List<Object>> joinKeys) {
        public StageCheck {
            keyNames = List.copyOf(keyNames);
            joinKeys = List.copyOf(joinKeys);
        }

        /** Whether the event passed the filter but lacks a value for a join key, so the stage leaves it out. */
        public boolean lacksJoinKey() {
            return passed && !keyNames.isEmpty() && joinKeys.isEmpty();
        }

        /** The top-level clauses of the condition (the operands of its {@code and}) that did not hold. */
        public List<Clause> failedClauses() {
            List<Clause> top = condition.kind() == ClauseKind.AND ? condition.children() : List.of(condition);
            List<Clause> failed = new ArrayList<>();
            for (Clause c : top) {
                if (c.verdict() == Verdict.FALSE || c.verdict() == Verdict.UNKNOWN) {
                    failed.add(c);
                }
            }
            return failed;
        }
    }

    /** What happened to a partial or completed sequence. */
    public enum Step {
        /** The event matched the first stage and started a partial sequence. */
        STARTED,
        /** The event advanced a partial sequence to the next stage. */
        ADVANCED,
        /** A newer partial sequence replaced an older one at the same stage (only the newest is kept). */
        REPLACED,
        /** The event matched a later stage, but no partial sequence of its join key waited before it. */
        NO_CANDIDATE,
        /** The event came more than maxspan after the partial sequence's first event, which was dropped. */
        TOO_LATE,
        /** An until event dropped the join key's partial sequences. */
        KILLED_BY_UNTIL,
        /** Event time passed maxspan after the first event of the key's partial sequences, which were dropped. */
        EXPIRED,
        /** A completed sequence was discarded because an event of a missing-event stage happened. */
        DISCARDED_BY_MISSING_EVENT,
        /** A sequence completed. */
        COMPLETED,
        /** A result was delivered. */
        MATCHED
    }

    /**
     * One decision of the engine while running a stream.
     *
     * @param eventNumber the number (1-based, arrival order) of the event that caused it, or -1 when the passing of
     *                    event time did
     * @param event       that event
     * @param rule        the rule
     * @param step        what happened
     * @param stage       the stage concerned, or -1
     * @param joinKeys    the join key of the sequence
     * @param events      the events of the sequence concerned (null where a stage has none yet)
     * @param message     a sentence for people
     */
    public record TraceStep(
            long eventNumber,
            Event event,
            Rule rule,
            Step step,
            int stage,
            List<Object> joinKeys,
            List<Event> events,
            String message) {}

    /**
     * What a traced run of a stream produced.
     *
     * @param matches  the matches, per rule in result order
     * @param steps    the engine's decisions, in the order it took them
     * @param problems the problems with events
     */
    public record Trace(List<Match> matches, List<TraceStep> steps, List<EventProblem> problems) {}

    private final PlanData plan;
    private final Plan publicPlan;

    private EqlExplainer(Plan publicPlan, PlanData plan) {
        this.publicPlan = publicPlan;
        this.plan = plan;
    }

    /** An explainer for the rules of a plan. */
    public static EqlExplainer of(Plan plan) {
        return new EqlExplainer(plan, EqlEngine.data(plan));
    }

    /** Evaluates every filter of every rule on one event, clause by clause. */
    public List<StageCheck> check(Event event) {
        EvalContext ctx = new EvalContext(plan.fieldTable(), publicPlan, plan.memoCount());
        ctx.reset(event);
        List<StageCheck> checks = new ArrayList<>();
        for (CompiledRule rule : plan.compiledRules()) {
            for (StagePlan stage : rule.stages()) {
                if (stage.filter() == stage.index()) {
                    checks.add(check(rule, stage, ctx));
                }
            }
            if (rule.until().isPresent()) {
                checks.add(check(rule, rule.until().get(), ctx));
            }
        }
        return checks;
    }

    private StageCheck check(CompiledRule rule, StagePlan stage, EvalContext ctx) {
        Clause category = stage.categoryTest() == null ? null : clause(stage.categoryTest(), ctx);
        Clause condition = clause(stage.condition(), ctx);
        boolean passed = stage.matches(ctx);
        List<List<Object>> keys = new ArrayList<>();
        Object extracted = stage.keys().size() == 0 ? null : stage.keys().extract(ctx);
        if (extracted instanceof List<?> many) {
            for (Object k : many) {
                keys.add(JoinKey.values(k));
            }
        } else if (extracted != null) {
            keys.add(JoinKey.values(extracted));
        }
        return new StageCheck(
                rule.rule(),
                stage.index(),
                stage.missing(),
                stage.text(),
                category,
                condition,
                passed,
                stage.keys().names(),
                keys);
    }

    private static Clause clause(Expr e, EvalContext ctx) {
        List<Clause> children = new ArrayList<>();
        for (Expr child : e.children()) {
            children.add(clause(child, ctx));
        }
        if (e instanceof FieldPredicate p) {
            return new Clause(
                    e.toString(), ClauseKind.FIELD, verdict(e.test(ctx)), p.field(), ctx.field(p.slot()), children);
        }
        if (e instanceof Logic.And || e instanceof Logic.Or || e instanceof Logic.Not) {
            ClauseKind kind =
                    e instanceof Logic.And ? ClauseKind.AND : e instanceof Logic.Or ? ClauseKind.OR : ClauseKind.NOT;
            return new Clause(e.toString(), kind, verdict(e.test(ctx)), null, null, children);
        }
        if (e instanceof Scripts.Compare
                || e instanceof Scripts.IsNull
                || e instanceof Scripts.In
                || e instanceof Scripts.Match
                || e instanceof Scripts.Truth
                || e instanceof Constant c && (c.value() == null || c.value() instanceof Boolean)) {
            return new Clause(e.toString(), ClauseKind.TEST, verdict(e.test(ctx)), null, null, children);
        }
        String field = e instanceof FieldValue f ? f.name() : null;
        return new Clause(e.toString(), ClauseKind.VALUE, Verdict.VALUE, field, e.eval(ctx), children);
    }

    private static Verdict verdict(int truth) {
        return truth == Expr.TRUE ? Verdict.TRUE : truth == Expr.FALSE ? Verdict.FALSE : Verdict.UNKNOWN;
    }

    /**
     * Runs the events through an engine of the plan, recording every decision about sequences and every match.
     * The events are ordered as the plan's options say (give the plan a large allowed lateness to explain a file
     * in any order); the run ends with {@link EqlEngine#finish()}.
     */
    public Trace run(Iterable<Event> events) {
        List<Match> matches = new ArrayList<>();
        List<TraceStep> steps = new ArrayList<>();
        List<EventProblem> problems = new ArrayList<>();
        Map<Event, Long> numbers = new IdentityHashMap<>();
        long[] counter = {0};
        Map<String, Rule> rules = new java.util.HashMap<>();
        plan.compiledRules().forEach(r -> rules.put(r.rule().ruleId(), r.rule()));
        EqlEngine engine = EqlEngine.create(
                publicPlan,
                match -> {
                    matches.add(match);
                    Event last = null;
                    for (Event e : match.events()) {
                        last = e == null ? last : e;
                    }
                    steps.add(new TraceStep(
                            number(numbers, last),
                            last,
                            match.rule(),
                            Step.MATCHED,
                            -1,
                            match.joinKeys(),
                            match.events(),
                            "delivered a match of " + describe(numbers, match.events())));
                },
                problems::add);
        long unit = plan.nanosPerUnit();
        engine.traceSequences(rule -> new Recorder(rule.rule(), steps, numbers, unit));
        for (Event event : events) {
            numbers.put(event, ++counter[0]);
            engine.accept(event);
        }
        engine.finish();
        return new Trace(
                Collections.unmodifiableList(matches),
                Collections.unmodifiableList(steps),
                Collections.unmodifiableList(problems));
    }

    private static long number(Map<Event, Long> numbers, Event event) {
        Long n = event == null ? null : numbers.get(event);
        return n == null ? -1 : n;
    }

    private static String describe(Map<Event, Long> numbers, List<Event> events) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            sb.append(i == 0 ? "" : ", ").append(e == null ? "-" : "event " + number(numbers, e));
        }
        return sb.append(']').toString();
    }

    /** Turns a sequence runner's decisions into trace steps. */
    private static final class Recorder implements SequenceTrace {
        private final Rule rule;
        private final List<TraceStep> steps;
        private final Map<Event, Long> numbers;

        private final long unitNanos;

        Recorder(Rule rule, List<TraceStep> steps, Map<Event, Long> numbers, long unitNanos) {
            this.rule = rule;
            this.steps = steps;
            this.numbers = numbers;
            this.unitNanos = unitNanos;
        }

        private void add(Event event, Step step, int stage, Object key, Event[] events, String message) {
            List<Event> list = events == null ? List.of() : Collections.unmodifiableList(Arrays.asList(events.clone()));
            steps.add(new TraceStep(
                    number(numbers, event), event, rule, step, stage, JoinKey.values(key), list, message));
        }

        private String key(Object key) {
            return "join key "
                    + (key == JoinKey.NONE ? "[]" : JoinKey.values(key).toString());
        }

        @Override
        public void started(int stage, Object key, Event event) {
            add(
                    event,
                    Step.STARTED,
                    stage,
                    key,
                    null,
                    "matched stage " + stage + " and started a sequence for " + key(key));
        }

        @Override
        public void replaced(int stage, Object key, Event[] older, Event newer) {
            add(
                    newer,
                    Step.REPLACED,
                    stage,
                    key,
                    older,
                    "replaced the older partial sequence "
                            + describe(numbers, Arrays.asList(older)) + " at stage " + stage + " for " + key(key)
                            + " (only the newest is kept)");
        }

        @Override
        public void noCandidate(int stage, Object key, Event event, List<Object> waiting) {
            StringBuilder others = new StringBuilder();
            for (Object k : waiting) {
                others.append(others.length() == 0 ? "" : ", ").append(JoinKey.values(k));
            }
            add(
                    event,
                    Step.NO_CANDIDATE,
                    stage,
                    key,
                    null,
                    "matched stage " + stage + " with " + key(key)
                            + ", but no partial sequence with that key waited at the stage before"
                            + (waiting.isEmpty()
                                    ? ""
                                    : " (the join key differed: partial sequences wait for " + others + ")"));
        }

        @Override
        public void tooLate(int stage, Object key, Event[] dropped, Event event, long span) {
            add(
                    event,
                    Step.TOO_LATE,
                    stage,
                    key,
                    dropped,
                    "matched stage " + stage + " for " + key(key) + " "
                            + span + (unitNanos == 1 ? " ns" : " ms")
                            + " after the sequence's first event, more than maxspan;"
                            + " the partial sequence "
                            + describe(numbers, Arrays.asList(dropped)) + " was dropped");
        }

        @Override
        public void advanced(int stage, Object key, Event[] events, Event event) {
            add(
                    event,
                    Step.ADVANCED,
                    stage,
                    key,
                    events,
                    "advanced the sequence for " + key(key) + " to stage " + stage + ": "
                            + describe(numbers, Arrays.asList(events)));
        }

        @Override
        public void killedByUntil(Object key, Event event, int dropped) {
            add(
                    event,
                    Step.KILLED_BY_UNTIL,
                    -1,
                    key,
                    null,
                    "matched until and dropped " + dropped + (dropped == 1 ? " partial sequence" : " partial sequences")
                            + " for " + key(key));
        }

        @Override
        public void expired(Object key, int dropped, long now) {
            long nanos = now * unitNanos;
            String time = java.time.Instant.ofEpochSecond(
                            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                    .toString();
            add(
                    null,
                    Step.EXPIRED,
                    -1,
                    key,
                    null,
                    "event time reached " + time + ", more than maxspan after the first"
                            + " event of " + dropped + (dropped == 1 ? " partial sequence" : " partial sequences")
                            + " for "
                            + key(key) + (dropped == 1 ? ", which was dropped" : ", which were dropped"));
        }

        @Override
        public void discardedByMissingEvent(Object key, Event[] events, String why) {
            Event last = null;
            for (Event e : events) {
                last = e == null ? last : e;
            }
            add(
                    last,
                    Step.DISCARDED_BY_MISSING_EVENT,
                    -1,
                    key,
                    events,
                    "discarded the sequence " + describe(numbers, Arrays.asList(events)) + " for " + key(key) + ": "
                            + why);
        }

        @Override
        public void completed(Object key, Event[] events) {
            Event last = null;
            for (Event e : events) {
                last = e == null ? last : e;
            }
            add(
                    last,
                    Step.COMPLETED,
                    -1,
                    key,
                    events,
                    "completed the sequence " + describe(numbers, Arrays.asList(events)) + " for " + key(key));
        }
    }
}
