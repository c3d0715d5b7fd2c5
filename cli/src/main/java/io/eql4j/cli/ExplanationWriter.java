package io.eql4j.cli;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EqlExplainer;
import io.eql4j.runtime.EqlExplainer.Clause;
import io.eql4j.runtime.EqlExplainer.StageCheck;
import io.eql4j.runtime.EqlExplainer.TraceStep;
import io.eql4j.runtime.EqlExplainer.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints an explanation for people: per rule, the events that came close to a stage with each clause's verdict and
 * the value the event had, then the rule's sequence decisions and matches.
 */
final class ExplanationWriter {

    private final PrintWriter out;
    private final String idField;
    private final String timestampField;

    ExplanationWriter(PrintWriter out, String idField, String timestampField) {
        this.out = out;
        this.idField = idField;
        this.timestampField = timestampField;
    }

    /** The event's id for people: its id field, or its line. */
    String id(Event event) {
        Object id = event.field(idField);
        if (id instanceof List<?> list && !list.isEmpty()) {
            id = list.get(0);
        }
        if (id != null) {
            return String.valueOf(id);
        }
        long line = JsonEventReader.lineNumber(event);
        return line > 0 ? "line " + line : "?";
    }

    private String name(Event event) {
        if (event == null) {
            return "-";
        }
        String id = id(event);
        long line = JsonEventReader.lineNumber(event);
        return line > 0 && !id.startsWith("line ") ? id + " (line " + line + ")" : id;
    }

    /**
     * @param chosen  the events to explain clause by clause
     * @param forced  whether they were asked for by id (then all their stages are shown, close or not)
     */
    void write(Plan plan, EqlExplainer explainer, List<Event> chosen, boolean forced, EqlExplainer.Trace trace) {
        Map<String, List<String>> perRule = new LinkedHashMap<>();
        for (Rule rule : plan.rules()) {
            perRule.put(rule.ruleId(), new ArrayList<>());
        }
        for (Event event : chosen) {
            List<StageCheck> checks = explainer.check(event);
            for (Rule rule : plan.rules()) {
                List<StageCheck> ofRule =
                        checks.stream().filter(c -> c.rule() == rule).toList();
                if (forced || ofRule.stream().anyMatch(ExplanationWriter::cameClose)) {
                    perRule.get(rule.ruleId()).add(block(event, ofRule, forced));
                }
            }
        }
        for (Rule rule : plan.rules()) {
            out.println("rule \"" + rule.name() + "\" (" + rule.ruleId() + ")");
            for (StageCheck stage : stagesOf(explainer, chosen, rule)) {
                out.println("  " + label(stage) + ": " + oneLine(stage.text())
                        + (stage.keyNames().isEmpty() ? "" : "  by " + String.join(", ", stage.keyNames())));
            }
            List<String> blocks = perRule.get(rule.ruleId());
            if (blocks.isEmpty()) {
                out.println("  no event came close to any stage (none passed a stage's category with at most one "
                        + "clause failing)");
            }
            blocks.forEach(out::print);
            List<TraceStep> steps = trace.steps().stream()
                    .filter(s -> s.rule() == rule)
                    .filter(s -> !forced || chosen.contains(s.event()))
                    .toList();
            if (!steps.isEmpty()) {
                out.println("  sequences:");
                for (TraceStep step : steps) {
                    out.println(
                            "    " + (step.event() == null ? "(time)" : name(step.event())) + ": " + readable(step));
                }
            }
            long matches =
                    trace.matches().stream().filter(m -> m.rule() == rule).count();
            out.println("  matches: " + matches);
        }
        out.flush();
    }

    /** A trace step's message with event numbers replaced by event names. */
    private String readable(TraceStep step) {
        String message = step.message();
        for (Event e : step.events()) {
            long line = JsonEventReader.lineNumber(e);
            if (line > 0) {
                message = message.replace("event " + line, name(e));
            }
        }
        return message;
    }

    /**
     * Whether an event came close to a stage: it passed the stage; or its category passed and just one of several
     * top-level clauses failed; or only its category failed.
     */
    private static boolean cameClose(StageCheck check) {
        boolean category = check.category() == null || check.category().verdict() == Verdict.TRUE;
        if (!category) {
            return check.failedClauses().isEmpty();
        }
        return check.passed() || check.failedClauses().size() == 1 && top(check).size() > 1;
    }

    /** The rule's filters, as the explainer lists them (from any event: the list does not depend on it). */
    private static List<StageCheck> stagesOf(EqlExplainer explainer, List<Event> events, Rule rule) {
        if (events.isEmpty()) {
            return List.of();
        }
        return explainer.check(events.get(0)).stream()
                .filter(c -> c.rule() == rule)
                .toList();
    }

    private static String label(StageCheck check) {
        return check.stage() < 0 ? "until" : (check.missing() ? "missing stage " : "stage ") + check.stage();
    }

    private String block(Event event, List<StageCheck> checks, boolean forced) {
        StringBuilder sb = new StringBuilder();
        Object ts = event.field(timestampField);
        sb.append("  event ")
                .append(name(event))
                .append(ts == null ? "" : " at " + ts)
                .append(":\n");
        for (StageCheck check : checks) {
            if (!forced && !cameClose(check)) {
                continue;
            }
            sb.append("    ").append(label(check)).append(": ");
            if (check.category() != null && check.category().verdict() != Verdict.TRUE) {
                sb.append("no: category ")
                        .append(check.category().text())
                        .append(" is not true (")
                        .append(check.category().field())
                        .append(" is ")
                        .append(value(check.category().value()))
                        .append(")\n");
                continue;
            }
            if (check.lacksJoinKey()) {
                sb.append(
                                check.keyNames().size() == 1
                                        ? "passed, but the event has no value for the join key "
                                        : "passed, but the event has no value for the join keys ")
                        .append(String.join(", ", check.keyNames()))
                        .append(", so the stage leaves it out\n");
                continue;
            }
            if (check.passed()) {
                sb.append("passed")
                        .append(check.joinKeys().isEmpty() ? "" : ", join key " + keys(check))
                        .append('\n');
                continue;
            }
            List<Clause> failed = check.failedClauses();
            sb.append("no: ").append(failed.size()).append(failed.size() == 1 ? " clause fails\n" : " clauses fail\n");
            for (Clause clause : forced ? top(check) : failed) {
                clause(sb, clause, "      ");
            }
        }
        return sb.toString();
    }

    private static String keys(StageCheck check) {
        return check.joinKeys().size() == 1
                ? String.valueOf(check.joinKeys().get(0))
                : check.joinKeys().toString();
    }

    private static List<Clause> top(StageCheck check) {
        return check.condition().kind() == io.eql4j.runtime.EqlExplainer.ClauseKind.AND
                ? check.condition().children()
                : List.of(check.condition());
    }

    private void clause(StringBuilder sb, Clause clause, String indent) {
        String mark = clause.verdict() == Verdict.TRUE
                ? "yes "
                : clause.verdict() == Verdict.FALSE ? "no  " : clause.verdict() == Verdict.UNKNOWN ? "null" : "    ";
        sb.append(indent).append(mark).append(' ').append(oneLine(clause.text()));
        if (clause.field() != null) {
            sb.append("    (")
                    .append(clause.field())
                    .append(" is ")
                    .append(value(clause.value()))
                    .append(')');
        } else if (clause.verdict() == Verdict.VALUE) {
            sb.append("    = ").append(value(clause.value()));
        }
        sb.append('\n');
        if (clause.kind().hasExplainingChildren()) {
            for (Clause child : clause.children()) {
                clause(sb, child, indent + "  ");
            }
        }
    }

    private static String value(Object value) {
        if (value == null) {
            return "missing";
        }
        if (value instanceof String s) {
            try {
                return Json.MAPPER.writeValueAsString(s);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return '"' + s + '"';
            }
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object v : list) {
                parts.add(value(v));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(value);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
