package io.eql4j.rules.internal.toml;

import java.io.Serializable;
import java.util.Objects;

/**
 * A place in a TOML source: its name (a file path or a label) and a 1-based line and column. Columns count UTF-16
 * chars from the start of the line, like {@code String} indices and like {@link io.eql4j.parser.EqlException}.
 *
 * @param source the file path or label the text came from
 * @param line   1-based line
 * @param column 1-based column
 */
public record TomlPosition(String source, int line, int column) implements Serializable {

    /** Checks that the source is given. */
    public TomlPosition {
        Objects.requireNonNull(source, "source");
    }

    /** {@code source:line:column}, the form compilers and editors understand. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
