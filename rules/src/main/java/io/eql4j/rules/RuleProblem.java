package io.eql4j.rules;

import java.io.Serializable;
import java.util.Objects;

/**
 * Something that kept a file (or a rule in it) out of a {@link RulePack}, or the reason a file was skipped, with the
 * place it concerns.
 *
 * @param source  the file path or label
 * @param line    1-based line, or 0 when the problem concerns the file as a whole (e.g. it cannot be read)
 * @param column  1-based column, or 0 with line 0
 * @param message what is wrong, without the position
 */
public record RuleProblem(String source, int line, int column, String message) implements Serializable {

    /** Checks that source and message are given. */
    public RuleProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    static RuleProblem at(SourcePosition p, String message) {
        return new RuleProblem(p.source(), p.line(), p.column(), message);
    }

    /** {@code source:line:column: message}, or {@code source: message} without a line. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column + ": " + message : source + ": " + message;
    }
}
