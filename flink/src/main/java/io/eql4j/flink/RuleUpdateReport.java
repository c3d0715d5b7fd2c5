package io.eql4j.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eql4j.rules.RuleProblem;
import io.eql4j.runtime.ReloadReport;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The acknowledgement of one {@link RulePackUpdate}, on {@link EqlFlink.Detection#updates()}: one per update.
 *
 * <ul>
 *   <li>An accepted update ({@link #accepted()}) is acknowledged once every parallel instance of the job's first
 *   operator routes events with it: {@link #changes()} says, per rule, whether its state was kept (the rule's compiled
 *   machine is unchanged), reset (it changed: it starts empty), added, or removed (its state is cleared).</li>
 *   <li>A refused update (a file that is not a rule, a query that does not compile, a rule this version cannot run on
 *   Flink) lists its {@link #errors()} at their place (file, line, column); the pack the job ran before keeps
 *   running, and {@link #generation()} is that pack's.</li>
 * </ul>
 *
 * @param version    the update's {@link RulePackUpdate#version()}
 * @param generation the generation of the pack running after the update: the job's first pack is 0, each accepted
 *                   update counts one up; -1 for a record of the job's rule topic that is not an update at all
 * @param changes    per rule, what happened to its state (empty for a refused update)
 * @param errors     why the update was refused, each at its place; empty for an accepted one
 */
@TypeInfo(LiveTypes.ReportFactory.class)
public record RuleUpdateReport(String version, long generation, ReloadReport changes, List<RuleProblem> errors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks that everything is given. */
    public RuleUpdateReport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(changes, "changes");
        errors = List.copyOf(errors);
    }

    /** Whether the update was accepted: it runs now. */
    public boolean accepted() {
        return errors.isEmpty();
    }

    /**
     * One JSON object: {@code version}, {@code accepted}, {@code generation}, the rule ids {@code kept},
     * {@code reset}, {@code added} and {@code removed}, and {@code errors} (each {@code file:line:column: message}).
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("accepted", accepted());
        root.put("generation", generation);
        for (ReloadReport.Outcome outcome : ReloadReport.Outcome.values()) {
            ArrayNode ids = root.putArray(outcome.name().toLowerCase(Locale.ROOT));
            changes.ids(outcome).forEach(ids::add);
        }
        ArrayNode list = root.putArray("errors");
        errors.forEach(e -> list.add(e.toString()));
        return root.toString();
    }

    /** A line for people: {@code rule pack VERSION: accepted, generation G: 2 kept, 1 reset, ...} or the errors. */
    @Override
    public String toString() {
        if (!accepted()) {
            StringBuilder sb = new StringBuilder(
                    "rule pack " + version + ": refused, generation " + generation + " keeps running:");
            errors.forEach(e -> sb.append("\n  ").append(e));
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder("rule pack " + version + ": accepted, generation " + generation + ":");
        String sep = " ";
        for (ReloadReport.Outcome outcome : ReloadReport.Outcome.values()) {
            List<String> ids = changes.ids(outcome);
            if (!ids.isEmpty()) {
                sb.append(sep)
                        .append(ids.size())
                        .append(' ')
                        .append(outcome.name().toLowerCase(Locale.ROOT));
                sep = ", ";
            }
        }
        return sb.toString();
    }
}
