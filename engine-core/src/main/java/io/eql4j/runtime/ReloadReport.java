package io.eql4j.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reload (or a restore under a changed plan) did with each rule's state: rules whose compiled machine is
 * unchanged (same id, same fingerprint) keep their partial sequences and sample candidates; changed and new rules
 * start empty; removed rules' state is dropped.
 *
 * @param rules per rule, in the new plan's order, then the removed ones
 */
public record ReloadReport(List<RuleOutcome> rules) {

    /** What happened to one rule's state. */
    public enum Outcome {
        /** The rule is unchanged: its state was kept. */
        KEPT,
        /** The rule changed: it starts empty. */
        RESET,
        /** The rule is new: it starts empty. */
        ADDED,
        /** The rule is gone: its state was dropped. */
        REMOVED
    }

    /** One rule's outcome. */
    public record RuleOutcome(String ruleId, Outcome outcome) {}

    public ReloadReport {
        rules = List.copyOf(rules);
    }

    /** The ids of the rules with this outcome, in report order. */
    public List<String> ids(Outcome outcome) {
        List<String> out = new ArrayList<>();
        for (RuleOutcome r : rules) {
            if (r.outcome() == outcome) {
                out.add(r.ruleId());
            }
        }
        return out;
    }

    /** Whether every rule kept its state (nothing changed, was added or removed). */
    public boolean unchanged() {
        return rules.stream().allMatch(r -> r.outcome() == Outcome.KEPT);
    }

    /** One line per rule: {@code kept <id>}, {@code reset <id>}, {@code added <id>}, {@code removed <id>}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (RuleOutcome r : rules) {
            sb.append(r.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .append(' ')
                    .append(r.ruleId())
                    .append('\n');
        }
        return sb.toString();
    }
}
