package io.eql4j.testkit;

import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlException;
import io.eql4j.rules.internal.toml.TomlPosition;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of a parsed test file, for what the TOML tree does not keep: where a key is written (the tree knows
 * where values are) and how a date-time was written (the tree holds it as a {@code java.time} value).
 */
final class TomlText {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final TextLines lines;

    TomlText(TextLines lines) {
        this.lines = lines;
    }

    String source() {
        return lines.source();
    }

    /** A problem at a TOML position of this file. */
    static TestProblem at(TomlPosition p, String message) {
        return new TestProblem(p.source(), p.line(), p.column(), message);
    }

    /** A problem at a value. */
    static TestProblem at(TomlValue v, String message) {
        return at(v.position(), message);
    }

    /** A problem at line 1, column 1: for what concerns the file as a whole. */
    TestProblem atStart(String message) {
        return new TestProblem(lines.source(), 1, 1, message);
    }

    /**
     * A problem at the key {@code key} of {@code table}. Tables made by headers or dotted keys, and arrays of tables,
     * are positioned at their header or key already; for other values the key is searched on the value's line, left
     * of the value (a key and its value are always on one line), falling back to the value itself. A bare key found
     * inside a longer key is good enough: it is on the right line, near the right place.
     */
    TestProblem atKey(TomlTable table, String key, String message) {
        TomlValue v = table.get(key);
        TomlPosition p = v.position();
        int valueAt = offset(p);
        int lineStart = lines.offset(p.line(), 1);
        String before = lines.text().substring(lineStart, valueAt);
        // a [header], [[header]] or the first part of a dotted key starts its line; a value follows its key
        if (before.isBlank() && (v instanceof TomlTable || v instanceof TomlArray)) {
            return at(p, message);
        }
        List<String> forms = new ArrayList<>(List.of(ExpectSyntax.quote(key), "'" + key + "'"));
        if (BARE_KEY.matcher(key).matches()) {
            forms.add(key);
        }
        int i = -1;
        for (String written : forms) {
            if (i < 0) {
                i = before.lastIndexOf(written);
            }
        }
        if (i >= 0) {
            return lines.at(lineStart + i, message);
        }
        return at(p, message);
    }

    /**
     * A date-time value exactly as written: the scalar token at its position (TOML allows a space between date and
     * time, which the token then includes, as the TOML reader does).
     */
    String rawScalar(TomlValue v) {
        String text = lines.text();
        int start = offset(v.position());
        int end = tokenEnd(text, start);
        if (DATE.matcher(text.substring(start, end)).matches()
                && end + 3 < text.length()
                && text.charAt(end) == ' '
                && Character.isDigit(text.charAt(end + 1))
                && Character.isDigit(text.charAt(end + 2))
                && text.charAt(end + 3) == ':') {
            end = tokenEnd(text, end + 1);
        }
        return text.substring(start, end);
    }

    private static int tokenEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80
                    || c == '_'
                    || c == '-'
                    || c == '+'
                    || c == '.'
                    || c == ':')) {
                break;
            }
            i++;
        }
        return i;
    }

    private int offset(TomlPosition p) {
        return lines.offset(p.line(), p.column());
    }

    /** Reports every key of {@code table} not in {@code allowed}, at the key, listing the allowed ones. */
    void checkKeys(TomlTable table, String where, List<String> allowed, List<TestProblem> problems) {
        for (String key : table.keys()) {
            if (!allowed.contains(key)) {
                problems.add(atKey(
                        table,
                        key,
                        "unknown key " + ExpectSyntax.quote(key) + " in " + where + "; allowed: "
                                + String.join(", ", allowed)));
            }
        }
    }

    /**
     * {@code v} as a {@code type}; {@code null} when {@code v} is {@code null} or of another type, which is then a
     * problem at {@code v} naming it {@code what}.
     */
    static <T extends TomlValue> T typed(TomlValue v, Class<T> type, String what, List<TestProblem> problems) {
        if (v == null) {
            return null;
        }
        try {
            return v.as(type, what);
        } catch (TomlException e) {
            problems.add(at(e.position(), e.problem()));
            return null;
        }
    }
}
