package io.eql4j.cli;

import io.eql4j.event.Event;
import io.eql4j.event.FieldPath;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.Match;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --format text}: a short block per match, for people: the rule's name, severity and risk score; the kind of
 * match and its join keys; then one line per event with its time and its {@code event.id} (or line number).
 *
 * <pre>
 * Service Account Token Read in Container Followed by API Request as the Pod (high, risk 73)
 *   sequence by web-frontend-7c9d8f6b5-x2kqp
 *     2026-03-17T09:03:58.103Z  f-036
 *     2026-03-17T09:04:10.561Z  a-040
 * </pre>
 */
final class TextMatchWriter implements MatchWriter {

    private static final FieldPath EVENT_ID = FieldPath.of("event.id");

    private final PrintWriter out;
    private final FieldPath timestamp;

    /**
     * @param timestampField the field whose value is shown as each event's time
     */
    TextMatchWriter(PrintWriter out, String timestampField) {
        this.out = out;
        this.timestamp = FieldPath.of(timestampField);
    }

    @Override
    public void write(Match match) {
        Rule rule = match.rule();
        List<String> grades = new ArrayList<>();
        rule.severity().ifPresent(grades::add);
        rule.riskScore().ifPresent(score -> grades.add("risk " + score));
        out.println(rule.name() + (grades.isEmpty() ? "" : " (" + String.join(", ", grades) + ")"));
        out.println("  " + match.kind().name().toLowerCase(Locale.ROOT)
                + (match.joinKeys().isEmpty()
                        ? ""
                        : " by "
                                + String.join(
                                        ", ",
                                        match.joinKeys().stream()
                                                .map(String::valueOf)
                                                .toList())));
        for (Event e : match.events()) {
            out.println(e == null ? "    (missing event)" : "    " + first(e.field(timestamp)) + "  " + id(e));
        }
    }

    private static String id(Event e) {
        Object id = first(e.field(EVENT_ID));
        return id != null ? String.valueOf(id) : "line " + JsonEventReader.lineNumber(e);
    }

    /** The first value of a multi-valued field. */
    private static Object first(Object value) {
        return value instanceof List<?> list ? list.get(0) : value;
    }

    @Override
    public void flush() {
        out.flush();
    }
}
