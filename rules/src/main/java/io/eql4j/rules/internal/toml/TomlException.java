package io.eql4j.rules.internal.toml;

/**
 * The text is not valid TOML (or a value has not the type its reader expects). {@link #getMessage()} reads
 * {@code source:line:column: problem}, where {@link #problem()} says what was expected and what was found.
 */
public class TomlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final TomlPosition position;
    private final String problem;

    public TomlException(TomlPosition position, String problem) {
        super(position + ": " + problem);
        this.position = position;
        this.problem = problem;
    }

    /** Where the problem is. */
    public TomlPosition position() {
        return position;
    }

    /** The file path or label of the text. */
    public String source() {
        return position.source();
    }

    /** 1-based line of the problem. */
    public int line() {
        return position.line();
    }

    /** 1-based column (in UTF-16 chars) of the problem. */
    public int column() {
        return position.column();
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
