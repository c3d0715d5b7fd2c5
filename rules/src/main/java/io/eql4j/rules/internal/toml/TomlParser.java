package io.eql4j.rules.internal.toml;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recursive-descent reader of one TOML 1.0 document. Not thread-safe; one instance per document.
 *
 * <p>While reading, tables are mutable {@link Table}s that remember how they came to be ({@link Kind}), because
 * TOML's "a table is defined only once" rules depend on it; at the end they become immutable {@link TomlTable}s.
 * Inline tables and arrays are immutable values as soon as they are read, which is exactly why they cannot be
 * extended afterwards.
 */
final class TomlParser {

    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern DEC_INT = Pattern.compile("[+-]?(?:0|[1-9](?:_?[0-9])*)");
    private static final Pattern HEX_INT = Pattern.compile("0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*");
    private static final Pattern OCT_INT = Pattern.compile("0o[0-7](?:_?[0-7])*");
    private static final Pattern BIN_INT = Pattern.compile("0b[01](?:_?[01])*");
    private static final Pattern FLOAT =
            Pattern.compile("[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\\." + DIGITS + ")?(?:[eE][+-]?" + DIGITS + ")?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[+-]?(?:inf|nan)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})"
            + "(?:[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?([Zz]|[+-]\\d{2}:\\d{2})?)?");
    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?");
    private static final String VALUE_KINDS = "a value (string, number, boolean, date-time, array or inline table)";

    /** How a table came to exist; decides whether it may still be defined or extended. */
    private enum Kind {
        /** Created as a parent by a header such as {@code [a.b]} for {@code a}; may still get its own header. */
        IMPLICIT,
        /** Defined by its own {@code [header]} or {@code [[header]]}; closed to other headers and dotted keys. */
        HEADER,
        /** Created by dotted keys; may be extended by dotted keys of the same section only. */
        DOTTED
    }

    private static final class Table {
        final Map<String, Object> entries = new LinkedHashMap<>(); // Table, TableArray or TomlValue
        final String path;
        Kind kind;
        int section;
        int offset;

        Table(String path, Kind kind, int section, int offset) {
            this.path = path;
            this.kind = kind;
            this.section = section;
            this.offset = offset;
        }
    }

    private static final class TableArray {
        final List<Table> tables = new ArrayList<>();
        final String path;
        final int offset;

        TableArray(String path, int offset) {
            this.path = path;
            this.offset = offset;
        }
    }

    private static final class Key {
        final String name;
        final int offset;

        Key(String name, int offset) {
            this.name = name;
            this.offset = offset;
        }
    }

    /**
     * The deepest a value may be nested: the segments of its dotted keys plus the arrays and inline tables around
     * it, {@value #DEFAULT_MAX_DEPTH} unless the system property {@value #MAX_DEPTH_PROPERTY} says otherwise
     * (docs/limits.md). Rule files need 4 or so; the limit keeps every recursive pass over the tree within the
     * stack and the dotted paths of messages short.
     */
    static final int DEFAULT_MAX_DEPTH = 64;

    /** The system property that sets the nesting limit. */
    static final String MAX_DEPTH_PROPERTY = "eql4j.toml.maxDepth";

    static final int MAX_DEPTH = maxDepth();

    private static int maxDepth() {
        String value = System.getProperty(MAX_DEPTH_PROPERTY);
        try {
            int parsed = value == null ? DEFAULT_MAX_DEPTH : Integer.parseInt(value.trim());
            return parsed > 0 ? parsed : DEFAULT_MAX_DEPTH;
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_DEPTH;
        }
    }

    private final String src;
    private final LineMap lines;
    /** How deeply the value being read is nested: dotted key segments, arrays and inline tables. */
    private int depth;

    private final boolean allowNull;
    private final Table root = new Table("", Kind.HEADER, 0, 0);
    private Table current = root;
    private int section;
    private int sections;
    private int pos;

    TomlParser(String text, String source, boolean allowNull) {
        this.src = text;
        this.lines = new LineMap(source, text);
        this.allowNull = allowNull;
    }

    TomlTable parse() {
        if (src.startsWith("\uFEFF")) {
            pos = 1;
        }
        while (true) {
            skipWhitespace();
            if (eof()) {
                break;
            }
            if (peek() == '[') {
                String header = header();
                endOfLine("after the table header " + header);
            } else if (peek() != '#' && !atNewline()) {
                String key = keyValue(current, section);
                endOfLine("after the value of " + key);
            } else {
                endOfLine("");
            }
        }
        return build(root);
    }

    // ---------------------------------------------------------------- lines, whitespace, comments

    private boolean eof() {
        return pos >= src.length();
    }

    private char peek() {
        return src.charAt(pos);
    }

    private boolean at(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private boolean atNewline() {
        return at('\n') || src.startsWith("\r\n", pos);
    }

    private void skipWhitespace() {
        while (at(' ') || at('\t')) {
            pos++;
        }
    }

    /** Consumes an optional comment and then a newline or the end of the input. */
    private void endOfLine(String context) {
        skipWhitespace();
        comment();
        if (eof()) {
            return;
        }
        if (!atNewline()) {
            throw error(pos, "expected a newline" + (context.isEmpty() ? "" : " " + context) + ", found " + found());
        }
        pos += peek() == '\r' ? 2 : 1;
    }

    private void comment() {
        if (!at('#')) {
            return;
        }
        pos++;
        while (!eof() && !atNewline()) {
            char c = peek();
            if (isControl(c) && c != '\t' && c != '\r') {
                throw error(pos, "control character " + codePoint(c) + " is not allowed in a comment");
            }
            if (c == '\r') {
                throw error(pos, "a carriage return must be followed by a line feed");
            }
            pos++;
        }
    }

    /** Whitespace, comments and newlines, as allowed between array elements. */
    private void skipBlanks() {
        while (true) {
            skipWhitespace();
            comment();
            if (!atNewline()) {
                return;
            }
            pos += peek() == '\r' ? 2 : 1;
        }
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    // ---------------------------------------------------------------- keys, tables, key/value pairs

    private String header() {
        int start = pos;
        boolean array = src.startsWith("[[", pos);
        pos += array ? 2 : 1;
        skipWhitespace();
        List<Key> key = key();
        String close = array ? "]]" : "]";
        if (!src.startsWith(close, pos)) {
            throw error(pos, "expected '" + close + "' to close the table header, found " + found());
        }
        pos += close.length();
        section = ++sections;
        current = array ? appendArrayTable(key, start) : defineTable(key, start);
        return (array ? "[[" : "[") + current.path + close;
    }

    /** A simple or dotted key; consumes whitespace around the dots and after the key. */
    private List<Key> key() {
        List<Key> parts = new ArrayList<>();
        while (true) {
            if (parts.size() == MAX_DEPTH) {
                throw tooDeep(pos);
            }
            parts.add(simpleKey());
            skipWhitespace();
            if (!at('.')) {
                return parts;
            }
            pos++;
            skipWhitespace();
        }
    }

    private Key simpleKey() {
        int start = pos;
        if (at('"') || at('\'')) {
            if (src.startsWith("\"\"\"", pos) || src.startsWith("'''", pos)) {
                throw error(pos, "a key cannot be a multi-line string");
            }
            return new Key((at('"') ? basicString() : literalString()).value(), start);
        }
        while (!eof() && isBareKeyChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw error(pos, "expected a key, found " + found());
        }
        return new Key(src.substring(start, pos), start);
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    /** Reads {@code key = value} into {@code table}; returns the key as written, qualified, for messages. */
    private String keyValue(Table table, int keySection) {
        List<Key> key = key();
        Table parent = dottedParent(table, keySection, key);
        Key last = key.get(key.size() - 1);
        String path = qualify(parent.path, last.name);
        if (!at('=')) {
            throw error(pos, "expected '=' after the key " + path + ", found " + found());
        }
        Object existing = parent.entries.get(last.name);
        if (existing != null) {
            throw error(key.get(0).offset, "duplicate key " + path + " (first defined at " + where(existing) + ")");
        }
        pos++;
        skipWhitespace();
        int outer = depth;
        depth += key.size() - 1;
        if (depth > MAX_DEPTH) {
            throw tooDeep(key.get(0).offset);
        }
        parent.entries.put(last.name, value(path));
        depth = outer;
        return path;
    }

    /** Walks (creating as needed) the tables named by all but the last part of a dotted key. */
    private Table dottedParent(Table table, int keySection, List<Key> key) {
        Table t = table;
        for (Key k : key.subList(0, key.size() - 1)) {
            Object existing = t.entries.get(k.name);
            if (existing == null) {
                Table created = new Table(qualify(t.path, k.name), Kind.DOTTED, keySection, k.offset);
                t.entries.put(k.name, created);
                t = created;
            } else if (existing instanceof Table) {
                Table e = (Table) existing;
                if (e.kind == Kind.IMPLICIT) {
                    e.kind = Kind.DOTTED;
                    e.section = keySection;
                } else if (e.kind != Kind.DOTTED || e.section != keySection) {
                    throw error(
                            k.offset,
                            "table " + e.path + " is already defined at " + where(e)
                                    + " and cannot be extended with dotted keys here");
                }
                t = e;
            } else {
                throw notATable(existing, qualify(t.path, k.name), k.offset);
            }
        }
        return t;
    }

    /** Walks (creating implicitly as needed) the tables named by all but the last part of a header's key. */
    private Table headerParent(List<Key> key) {
        Table t = root;
        for (Key k : key.subList(0, key.size() - 1)) {
            Object existing = t.entries.get(k.name);
            if (existing == null) {
                Table created = new Table(qualify(t.path, k.name), Kind.IMPLICIT, 0, k.offset);
                t.entries.put(k.name, created);
                t = created;
            } else if (existing instanceof Table) {
                t = (Table) existing;
            } else if (existing instanceof TableArray) {
                List<Table> tables = ((TableArray) existing).tables;
                t = tables.get(tables.size() - 1);
            } else {
                throw notATable(existing, qualify(t.path, k.name), k.offset);
            }
        }
        return t;
    }

    private Table defineTable(List<Key> key, int start) {
        Table parent = headerParent(key);
        String name = key.get(key.size() - 1).name;
        String path = qualify(parent.path, name);
        Object existing = parent.entries.get(name);
        if (existing == null) {
            Table created = new Table(path, Kind.HEADER, section, start);
            parent.entries.put(name, created);
            return created;
        }
        if (existing instanceof Table && ((Table) existing).kind == Kind.IMPLICIT) {
            Table e = (Table) existing;
            e.kind = Kind.HEADER;
            e.offset = start;
            return e;
        }
        if (existing instanceof Table) {
            Table e = (Table) existing;
            throw error(
                    start,
                    "table [" + path + "] is already defined" + (e.kind == Kind.DOTTED ? " by dotted keys" : "")
                            + " at " + where(e));
        }
        if (existing instanceof TableArray) {
            throw error(
                    start,
                    "cannot define table [" + path + "]: it is already an array of tables at " + where(existing));
        }
        throw notATable(existing, path, start);
    }

    private Table appendArrayTable(List<Key> key, int start) {
        Table parent = headerParent(key);
        String name = key.get(key.size() - 1).name;
        String path = qualify(parent.path, name);
        Object existing = parent.entries.get(name);
        TableArray array;
        if (existing == null) {
            array = new TableArray(path, start);
            parent.entries.put(name, array);
        } else if (existing instanceof TableArray) {
            array = (TableArray) existing;
        } else if (existing instanceof Table) {
            throw error(
                    start,
                    "cannot define array of tables [[" + path + "]]: it is already a table at " + where(existing));
        } else if (existing instanceof TomlArray) {
            throw error(
                    start,
                    "cannot append to " + path + " with [[" + path + "]]: it is a static array at " + where(existing));
        } else {
            throw notATable(existing, path, start);
        }
        Table element = new Table(path, Kind.HEADER, section, start);
        array.tables.add(element);
        return element;
    }

    private TomlException notATable(Object existing, String path, int offset) {
        if (existing instanceof TableArray) {
            return error(offset, path + " is an array of tables (at " + where(existing) + "), not a table");
        }
        if (existing instanceof TomlTable) {
            return error(offset, "inline table " + path + " (at " + where(existing) + ") cannot be extended");
        }
        String type = TomlTypes.withArticle(((TomlValue) existing).typeName());
        return error(offset, path + " is already " + type + " (at " + where(existing) + "), not a table");
    }

    private String where(Object node) {
        TomlPosition p;
        if (node instanceof Table) {
            p = lines.position(((Table) node).offset);
        } else if (node instanceof TableArray) {
            p = lines.position(((TableArray) node).offset);
        } else {
            p = ((TomlValue) node).position();
        }
        return "line " + p.line() + ", column " + p.column();
    }

    private static String qualify(String path, String key) {
        String k = TomlTable.keyText(key);
        return path.isEmpty() ? k : path + "." + k;
    }

    private TomlTable build(Table t) {
        Map<String, TomlValue> entries = new LinkedHashMap<>();
        t.entries.forEach((k, v) -> {
            if (v instanceof Table) {
                entries.put(k, build((Table) v));
            } else if (v instanceof TableArray) {
                TableArray a = (TableArray) v;
                List<TomlValue> tables = new ArrayList<>();
                a.tables.forEach(e -> tables.add(build(e)));
                entries.put(k, new TomlArray(tables, lines.position(a.offset)));
            } else {
                entries.put(k, (TomlValue) v);
            }
        });
        return new TomlTable(entries, t.path, lines.position(t.offset));
    }

    // ---------------------------------------------------------------- values

    private TomlValue value(String path) {
        if (eof() || atNewline()) {
            throw error(pos, "expected " + VALUE_KINDS + ", found " + found());
        }
        if (src.startsWith("\"\"\"", pos)) {
            return multiLineString('"');
        } else if (src.startsWith("'''", pos)) {
            return multiLineString('\'');
        } else if (at('"')) {
            return basicString();
        } else if (at('\'')) {
            return literalString();
        } else if (at('[')) {
            return array(path);
        } else if (at('{')) {
            return inlineTable(path);
        }
        return scalar();
    }

    private TomlException tooDeep(int offset) {
        return error(
                offset,
                "nested too deeply: the maximum is " + MAX_DEPTH + " levels of dotted keys, arrays"
                        + " and inline tables (set the system property " + MAX_DEPTH_PROPERTY + " to allow more)");
    }

    private TomlArray array(String path) {
        if (++depth > MAX_DEPTH) {
            throw tooDeep(pos);
        }
        TomlArray array = arrayElements(path);
        depth--;
        return array;
    }

    private TomlTable inlineTable(String path) {
        if (++depth > MAX_DEPTH) {
            throw tooDeep(pos);
        }
        TomlTable table = inlineTableEntries(path);
        depth--;
        return table;
    }

    private TomlArray arrayElements(String path) {
        int start = pos++;
        List<TomlValue> values = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (at(']')) {
                pos++;
                return new TomlArray(values, lines.position(start));
            }
            if (eof()) {
                throw error(pos, "expected ']' to close the array started at " + where(start) + ", found " + found());
            }
            values.add(value(path + "[" + values.size() + "]"));
            skipBlanks();
            if (at(',')) {
                pos++;
            } else if (!at(']')) {
                throw error(pos, "expected ',' or ']' after an array element, found " + found());
            }
        }
    }

    private TomlTable inlineTableEntries(String path) {
        int start = pos++;
        Table table = new Table(path, Kind.DOTTED, ++sections, start);
        skipWhitespace();
        if (at('}')) {
            pos++;
            return build(table);
        }
        while (true) {
            skipWhitespace();
            keyValue(table, table.section);
            skipWhitespace();
            if (at('}')) {
                pos++;
                return build(table);
            }
            if (!at(',')) {
                throw error(
                        pos,
                        "expected ',' or '}' in the inline table, found " + found()
                                + (eof() || atNewline() ? " (an inline table must be on one line)" : ""));
            }
            int comma = pos++;
            skipWhitespace();
            if (at('}')) {
                throw error(comma, "a trailing comma is not allowed in an inline table");
            }
        }
    }

    private TomlValue scalar() {
        int start = pos;
        skipTokenChars();
        // a date and a time may be separated by a space: 1979-05-27 07:32:00
        if (DATE.matcher(src.substring(start, pos)).matches()
                && pos + 3 < src.length()
                && at(' ')
                && isDigit(src.charAt(pos + 1))
                && isDigit(src.charAt(pos + 2))
                && src.charAt(pos + 3) == ':') {
            pos++;
            skipTokenChars();
        }
        String token = src.substring(start, pos);
        TomlPosition p = lines.position(start);
        if (token.isEmpty()) {
            throw error(pos, "expected " + VALUE_KINDS + ", found " + found());
        }
        if (token.equals("true") || token.equals("false")) {
            return new TomlBoolean(token.equals("true"), p);
        } else if (token.equals("null") && allowNull) {
            return new TomlNull(p);
        } else if (SPECIAL_FLOAT.matcher(token).matches()) {
            double d = token.endsWith("nan")
                    ? Double.NaN
                    : token.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return new TomlFloat(d, p);
        } else if (DEC_INT.matcher(token).matches()) {
            return integer(token, token, 10, p);
        } else if (HEX_INT.matcher(token).matches()) {
            return integer(token, token.substring(2), 16, p);
        } else if (OCT_INT.matcher(token).matches()) {
            return integer(token, token.substring(2), 8, p);
        } else if (BIN_INT.matcher(token).matches()) {
            return integer(token, token.substring(2), 2, p);
        } else if (FLOAT.matcher(token).matches()) {
            return new TomlFloat(Double.parseDouble(token.replace("_", "")), p);
        }
        Matcher dt = DATE_TIME.matcher(token);
        if (dt.matches()) {
            return dateTime(dt, token, p);
        }
        Matcher t = TIME.matcher(token);
        if (t.matches()) {
            return new TomlDateTime(time(t, 1, token, p), p);
        }
        throw new TomlException(p, invalidScalar(token));
    }

    private void skipTokenChars() {
        while (!eof() && (isBareKeyChar(peek()) || peek() == '+' || peek() == '.' || peek() == ':')) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String invalidScalar(String token) {
        char first = token.charAt(0);
        if (!isDigit(first) && first != '+' && first != '-' && first != '.') {
            return "expected " + VALUE_KINDS + ", found '" + token + "'";
        }
        if (token.contains(":") || DATE.matcher(token).lookingAt()) {
            return "invalid date-time '" + token + "' (expected e.g. 1979-05-27T07:32:00Z, 1979-05-27 or 07:32:00)";
        }
        if (token.matches("[+-]?0[0-9_].*")) {
            return "invalid number '" + token + "': leading zeros are not allowed";
        }
        if (token.contains("_")) {
            return "invalid number '" + token + "': an underscore must be between two digits";
        }
        if (token.matches("[+-]0[xob].*")) {
            return "invalid number '" + token + "': hexadecimal, octal and binary integers cannot have a sign";
        }
        return "invalid number '" + token + "'";
    }

    private static TomlInteger integer(String token, String digits, int radix, TomlPosition p) {
        try {
            return new TomlInteger(Long.parseLong(digits.replace("_", ""), radix), p);
        } catch (NumberFormatException e) {
            throw new TomlException(p, "integer " + token + " does not fit in 64 bits");
        }
    }

    private static TomlDateTime dateTime(Matcher m, String token, TomlPosition p) {
        LocalDate date;
        try {
            date = LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new TomlException(p, "invalid date '" + token + "': " + e.getMessage());
        }
        if (m.group(4) == null) {
            return new TomlDateTime(date, p);
        }
        LocalDateTime local = LocalDateTime.of(date, time(m, 4, token, p));
        String offset = m.group(8);
        if (offset == null) {
            return new TomlDateTime(local, p);
        }
        try {
            ZoneOffset zone = offset.equalsIgnoreCase("z") ? ZoneOffset.UTC : ZoneOffset.of(offset);
            return new TomlDateTime(OffsetDateTime.of(local, zone), p);
        } catch (DateTimeException e) {
            throw new TomlException(p, "invalid offset in '" + token + "': " + e.getMessage());
        }
    }

    /** The time in groups {@code first} (hour) to {@code first + 3} (fraction) of {@code m}. */
    private static LocalTime time(Matcher m, int first, String token, TomlPosition p) {
        String fraction = m.group(first + 3) == null ? "" : m.group(first + 3);
        // precision beyond nanoseconds is truncated, as TOML asks
        String nanos = (fraction + "000000000").substring(0, 9);
        try {
            return LocalTime.of(
                    Integer.parseInt(m.group(first)),
                    Integer.parseInt(m.group(first + 1)),
                    Integer.parseInt(m.group(first + 2)),
                    Integer.parseInt(nanos));
        } catch (DateTimeException e) {
            throw new TomlException(p, "invalid time in '" + token + "': " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- strings

    private TomlString basicString() {
        int start = pos++;
        TomlString.Builder out = new TomlString.Builder();
        while (true) {
            if (eof() || at('\n') || at('\r')) {
                throw error(pos, "expected '\"' to close the string, found " + found());
            }
            char c = peek();
            if (c == '"') {
                pos++;
                return out.build(lines.position(start), lines, pos - 1);
            } else if (c == '\\') {
                escape(out);
            } else {
                stringChar(out, c);
            }
        }
    }

    private TomlString literalString() {
        int start = pos++;
        TomlString.Builder out = new TomlString.Builder();
        while (true) {
            if (eof() || at('\n') || at('\r')) {
                throw error(pos, "expected \"'\" to close the literal string, found " + found());
            }
            char c = peek();
            if (c == '\'') {
                pos++;
                return out.build(lines.position(start), lines, pos - 1);
            }
            stringChar(out, c);
        }
    }

    /** A multi-line basic ({@code """}) or literal ({@code '''}) string. */
    private TomlString multiLineString(char quote) {
        int start = pos;
        pos += 3;
        if (atNewline()) { // a newline right after the opening delimiter is trimmed
            pos += peek() == '\r' ? 2 : 1;
        }
        TomlString.Builder out = new TomlString.Builder();
        String delimiter = String.valueOf(quote).repeat(3);
        while (true) {
            if (eof()) {
                throw error(
                        pos,
                        "expected " + delimiter + " to close the multi-line string started at " + where(start)
                                + ", found end of file");
            }
            char c = peek();
            if (c == quote) {
                int n = 0;
                while (at(quote)) {
                    n++;
                    pos++;
                }
                // up to two quotes may end the content right before the closing delimiter
                int content = n < 3 ? n : Math.min(n - 3, 2);
                int first = pos - n;
                for (int i = 0; i < content; i++) {
                    out.append(quote, first + i);
                }
                if (n >= 3) {
                    pos = first + content + 3;
                    return out.build(lines.position(start), lines, first + content);
                }
            } else if (c == '\\' && quote == '"') {
                if (!lineEndingBackslash()) {
                    escape(out);
                }
            } else if (c == '\r') {
                if (!src.startsWith("\r\n", pos)) {
                    throw error(pos, "a carriage return must be followed by a line feed");
                }
                out.append('\r', pos);
                out.append('\n', pos + 1);
                pos += 2;
            } else if (c == '\n') {
                out.append(c, pos++);
            } else {
                stringChar(out, c);
            }
        }
    }

    /** A backslash that is the last non-blank of its line eats itself and all whitespace and newlines after it. */
    private boolean lineEndingBackslash() {
        int j = pos + 1;
        while (j < src.length() && (src.charAt(j) == ' ' || src.charAt(j) == '\t')) {
            j++;
        }
        if (j < src.length() && (src.charAt(j) == '\n' || src.startsWith("\r\n", j))) {
            pos = j;
            while (at(' ') || at('\t') || atNewline()) {
                pos += src.startsWith("\r\n", pos) ? 2 : 1;
            }
            return true;
        }
        return false;
    }

    private void stringChar(TomlString.Builder out, char c) {
        if (isControl(c) && c != '\t') {
            throw error(pos, "control character " + codePoint(c) + " must be written as an escape in a string");
        }
        out.append(c, pos++);
    }

    private void escape(TomlString.Builder out) {
        int start = pos++;
        if (eof()) {
            throw error(start, "expected an escape sequence after '\\', found end of file");
        }
        char c = peek();
        int codePoint;
        switch (c) {
            case 'b':
                codePoint = '\b';
                break;
            case 't':
                codePoint = '\t';
                break;
            case 'n':
                codePoint = '\n';
                break;
            case 'f':
                codePoint = '\f';
                break;
            case 'r':
                codePoint = '\r';
                break;
            case '"':
                codePoint = '"';
                break;
            case '\\':
                codePoint = '\\';
                break;
            case 'u':
                codePoint = unicodeEscape(start, 4);
                break;
            case 'U':
                codePoint = unicodeEscape(start, 8);
                break;
            default:
                throw error(
                        start,
                        "invalid escape sequence '\\" + (isControl(c) ? codePoint(c) : c)
                                + "' (TOML has \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)");
        }
        out.appendEscaped(codePoint, start);
        pos++;
    }

    /** Reads the hex digits of {@code \\uXXXX} (n = 4) or {@code \\UXXXXXXXX} (n = 8); leaves pos on the last. */
    private int unicodeEscape(int start, int n) {
        int from = pos + 1;
        int to = from;
        while (to < src.length() && to < from + n && Character.digit(src.charAt(to), 16) >= 0) {
            to++;
        }
        if (to - from != n) {
            throw error(start, "expected " + n + " hex digits after '\\" + peek() + "'");
        }
        long value = Long.parseLong(src.substring(from, to), 16);
        if (value > Character.MAX_CODE_POINT || value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE) {
            throw error(start, "'" + src.substring(start, to) + "' is not a Unicode scalar value");
        }
        pos = to - 1;
        return (int) value;
    }

    // ---------------------------------------------------------------- errors

    private TomlException error(int offset, String problem) {
        return new TomlException(lines.position(offset), problem);
    }

    private String where(int offset) {
        TomlPosition p = lines.position(offset);
        return "line " + p.line() + ", column " + p.column();
    }

    /** What is at {@link #pos}, for "expected X, found Y" messages. */
    private String found() {
        if (eof()) {
            return "end of file";
        }
        if (atNewline()) {
            return "end of line";
        }
        char c = peek();
        if (isControl(c)) {
            return codePoint(c);
        }
        return "'" + new String(Character.toChars(src.codePointAt(pos))) + "'";
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
