package io.eql4j.internal.plan;

import io.eql4j.internal.expr.Expr;
import java.util.List;

/** Prints a plan for people: what each rule's stages test, with which keys, in which window. */
final class PlanExplainer {

    private PlanExplainer() {}

    static String explain(PlanData plan) {
        StringBuilder sb = new StringBuilder();
        for (CompiledRule rule : plan.compiledRules()) {
            explain(rule, plan, sb);
        }
        sb.append("fields read: ").append(String.join(", ", plan.fields())).append('\n');
        return sb.toString();
    }

    /** One rule as {@link #explain} prints it. */
    static String explain(CompiledRule rule, PlanData plan) {
        StringBuilder sb = new StringBuilder();
        explain(rule, plan, sb);
        return sb.toString();
    }

    private static void explain(CompiledRule rule, PlanData plan, StringBuilder sb) {
        sb.append("rule ")
                .append(rule.rule().ruleId())
                .append(" \"")
                .append(rule.rule().name())
                .append("\"\n");
        sb.append("  kind: ").append(rule.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (rule instanceof CompiledRule.Sequence sequence) {
            sb.append(", window: ")
                    .append(
                            sequence.maxSpan().isEmpty()
                                    ? "none (pending sequences are capped)"
                                    : io.eql4j.internal.time.Durations.format(
                                                    plan.nanosPerUnit() == 1
                                                            ? java.time.Duration.ofNanos(sequence.maxSpan()
                                                                    .getAsLong())
                                                            : java.time.Duration.ofMillis(sequence.maxSpan()
                                                                    .getAsLong()))
                                            + " (inclusive)");
            sb.append('\n').append("  machine: ").append(sequence.topology().describe());
        }
        sb.append('\n');
        if (!rule.limit().steps().isEmpty()) {
            sb.append("  limit: ");
            List<Long> steps = rule.limit().steps();
            for (int i = 0; i < steps.size(); i++) {
                long step = steps.get(i);
                sb.append(i == 0 ? "" : " | ")
                        .append(ResultLimit.isHead(step) ? "head " : "tail ")
                        .append(ResultLimit.count(step));
            }
            sb.append('\n');
        }
        for (StagePlan stage : rule.stages()) {
            explain("stage " + stage.index() + (stage.missing() ? " (missing event)" : ""), stage, sb);
        }
        rule.until().ifPresent(until -> explain("until", until, sb));
    }

    private static void explain(String label, StagePlan stage, StringBuilder sb) {
        sb.append("  ")
                .append(label)
                .append(": ")
                .append(stage.text().replaceAll("\\s+", " ").trim())
                .append('\n');
        sb.append("    category: ")
                .append(stage.category() == null ? "any" : stage.categoryTest())
                .append('\n');
        sb.append("    condition:\n");
        tree(stage.condition(), "      ", sb);
        if (stage.keys().size() > 0) {
            sb.append("    keys: ")
                    .append(String.join(", ", stage.keys().names()))
                    .append('\n');
        }
    }

    private static void tree(Expr e, String indent, StringBuilder sb) {
        String kind = e.getClass().getSimpleName();
        if (kind.equals("And") || kind.equals("Or")) {
            sb.append(indent).append(kind.toLowerCase(java.util.Locale.ROOT)).append('\n');
            for (Expr child : e.children()) {
                tree(child, indent + "  ", sb);
            }
        } else {
            sb.append(indent).append(e).append('\n');
        }
    }
}
