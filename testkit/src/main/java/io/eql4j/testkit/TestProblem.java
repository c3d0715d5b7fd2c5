package io.eql4j.testkit;

import java.util.Objects;

/**
 * Something wrong with a rule test: in the test file, in an event file, or in the rule under test, with the place it
 * concerns.
 *
 * @param source  the file path (as it was given or derived from the test file's path)
 * @param line    1-based line, or 0 when the problem concerns the file as a whole (e.g. it cannot be read)
 * @param column  1-based column in UTF-16 chars, or 0 with line 0
 * @param message what is wrong, without the place
 */
public record TestProblem(String source, int line, int column, String message) {

    /** Checks that source and message are given. */
    public TestProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** {@code source:line:column: message}, or {@code source: message} without a line. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column + ": " + message : source + ": " + message;
    }
}
