package io.eql4j.testkit;

import io.eql4j.rules.internal.toml.LineMap;
import io.eql4j.rules.internal.toml.TomlPosition;

/** Line starts of one text, to turn char offsets into 1-based lines and columns and back. */
final class TextLines {

    private final String text;
    private final LineMap lines;

    TextLines(String source, String text) {
        this.text = text;
        this.lines = new LineMap(source, text);
    }

    String source() {
        return lines.source();
    }

    String text() {
        return text;
    }

    /** The place of char {@code offset} of the text. */
    Place place(int offset) {
        TomlPosition p = lines.position(offset);
        return new Place(p.source(), p.line(), p.column());
    }

    /** The problem at char {@code offset} of the text. */
    TestProblem at(int offset, String message) {
        return place(offset).problem(message);
    }

    /** The char offset of a 1-based line and column (clamped to the text). */
    int offset(int line, int column) {
        return Math.min(lines.offset(line, column), text.length());
    }
}
