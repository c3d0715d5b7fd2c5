package io.eql4j.rules;

import java.util.Objects;

/**
 * A place in a rule's source: the file path (or a label such as {@code bundled:windows/x.toml} or {@code <my-id>}
 * for rules not read from a file) and a 1-based line and column. Columns count UTF-16 chars, as
 * {@link io.eql4j.parser.EqlException#column()} does.
 *
 * @param source the file path or label
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourcePosition(String source, int line, int column) {

    /** Checks that the source is given. */
    public SourcePosition {
        Objects.requireNonNull(source, "source");
    }

    /** {@code source:line:column}, the form compilers and editors understand. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
