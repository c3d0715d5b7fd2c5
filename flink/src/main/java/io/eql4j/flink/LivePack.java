package io.eql4j.flink;

import io.eql4j.runtime.ReloadReport;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule pack as a live job runs it (see {@link LiveKeyedDetection}): its generation (0 for the job's first pack, one
 * more for each accepted update), its rules, and per rule its <em>revision</em>: the generation in which the rule got
 * the definition (compiled machine) it has here. A rule unchanged since the first pack has revision 0; a rule changed
 * or added by generation 3 has revision 3 until it changes again. Records carry their rule's revision, so that the
 * keyed operator runs each under the definition its router used. Immutable; travels as Java serialisation.
 *
 * @param generation the pack's generation
 * @param version    the version of the update that made it (empty for the first pack)
 * @param plan       the rules, as text, with the job's compile-time settings
 * @param revisions  rule id to revision
 * @param outcomes   what the update did to each rule, in the new pack's order, then the removed ones (empty for the
 *                   first pack)
 */
record LivePack(
        long generation,
        String version,
        FlinkPlan plan,
        HashMap<String, Long> revisions,
        LinkedHashMap<String, ReloadReport.Outcome> outcomes)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The job's first pack: generation 0, every rule at revision 0. */
    static LivePack initial(FlinkPlan plan) {
        HashMap<String, Long> revisions = new HashMap<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            revisions.put(r.rule().ruleId(), 0L);
        }
        return new LivePack(0, "", plan, revisions, new LinkedHashMap<>());
    }

    /**
     * The pack after this one when {@code next} (compiled) replaces it: a rule whose compiled machine is the same
     * (same fingerprint, as the embedded engine's reload decides it) keeps its revision and its state; a changed or
     * new rule gets the new generation as its revision and starts empty; a rule {@code next} does not have is removed.
     */
    LivePack next(String nextVersion, FlinkPlan next) {
        Map<String, String> before = fingerprints(plan);
        long g = generation + 1;
        HashMap<String, Long> nextRevisions = new HashMap<>();
        LinkedHashMap<String, ReloadReport.Outcome> nextOutcomes = new LinkedHashMap<>();
        Map<String, String> after = fingerprints(next);
        for (Map.Entry<String, String> rule : after.entrySet()) {
            String id = rule.getKey();
            String old = before.get(id);
            if (old == null) {
                nextOutcomes.put(id, ReloadReport.Outcome.ADDED);
                nextRevisions.put(id, g);
            } else if (old.equals(rule.getValue())) {
                nextOutcomes.put(id, ReloadReport.Outcome.KEPT);
                nextRevisions.put(id, revisions.get(id));
            } else {
                nextOutcomes.put(id, ReloadReport.Outcome.RESET);
                nextRevisions.put(id, g);
            }
        }
        for (String id : before.keySet()) {
            if (!after.containsKey(id)) {
                nextOutcomes.put(id, ReloadReport.Outcome.REMOVED);
            }
        }
        return new LivePack(g, nextVersion, next, nextRevisions, nextOutcomes);
    }

    private static Map<String, String> fingerprints(FlinkPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            out.put(r.rule().ruleId(), r.fingerprint());
        }
        return out;
    }

    /** The acknowledgement of the update that made this pack. */
    RuleUpdateReport report() {
        List<ReloadReport.RuleOutcome> rules = new ArrayList<>();
        outcomes.forEach((id, outcome) -> rules.add(new ReloadReport.RuleOutcome(id, outcome)));
        return new RuleUpdateReport(version, generation, new ReloadReport(rules), List.of());
    }
}
