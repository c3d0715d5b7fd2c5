package io.eql4j.testkit;

import java.util.List;

/**
 * Writes matches as a test file's {@code expect} entries (docs/rule-tests.md §5), so that a report can be pasted
 * back into the file; and turns join-key values into the text they are compared by.
 */
final class ExpectSyntax {

    /** How a missing-event stage is written. */
    static final String MISSING = "{ missing = true }";

    private ExpectSyntax() {}

    /**
     * The text a join-key value is compared by, as Elasticsearch's QA runner does: a string as is, an integer by its
     * digits, a float by {@link Double#toString(double)}, a boolean as {@code true}/{@code false}, null as
     * {@code "null"}.
     */
    static String keyText(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Double.toString(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    /** One match: {@code ["a", "b"]}, or with keys {@code { events = ["a", "b"], keys = ["k"] }}. */
    static String match(List<String> eventIds, List<String> keys) {
        StringBuilder sb = new StringBuilder();
        if (keys != null && !keys.isEmpty()) {
            sb.append("{ events = ");
            ids(sb, eventIds);
            sb.append(", keys = ");
            strings(sb, keys);
            return sb.append(" }").toString();
        }
        ids(sb, eventIds);
        return sb.toString();
    }

    private static void ids(StringBuilder sb, List<String> ids) {
        sb.append('[');
        for (int i = 0; i < ids.size(); i++) {
            sb.append(i > 0 ? ", " : "");
            sb.append(ids.get(i) == null ? MISSING : quote(ids.get(i)));
        }
        sb.append(']');
    }

    private static void strings(StringBuilder sb, List<String> values) {
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(quote(values.get(i)));
        }
        sb.append(']');
    }

    /**
     * A list of matches (each already written) as a TOML array: on one line when it is short, otherwise one match
     * per line with a trailing comma, indented by {@code indent} spaces (the closing bracket by {@code indent - 2}).
     */
    static String array(List<String> matches, int indent) {
        String oneLine = "[" + String.join(", ", matches) + "]";
        if (matches.size() <= 1 && oneLine.length() <= 100 || oneLine.length() <= 60) {
            return oneLine;
        }
        String pad = " ".repeat(indent);
        StringBuilder sb = new StringBuilder("[\n");
        for (String m : matches) {
            sb.append(pad).append(m).append(",\n");
        }
        return sb.append(" ".repeat(Math.max(0, indent - 2))).append(']').toString();
    }

    /** A TOML basic string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
