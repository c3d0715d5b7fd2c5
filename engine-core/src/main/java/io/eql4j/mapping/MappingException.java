package io.eql4j.mapping;

/**
 * An index mapping that cannot be read: not JSON, not a mapping, or a field definition that Elasticsearch would
 * refuse. The message names the file, and the line and column when they are known.
 */
public final class MappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    MappingException(String source, int line, int column, String problem) {
        super(place(source, line, column) + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    private static String place(String source, int line, int column) {
        if (line <= 0) {
            return source + ": ";
        }
        return source + ":" + line + ":" + (column > 0 ? column + ":" : "") + " ";
    }

    /** The file (or the name given for text) the mapping was read from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, or 0. */
    public int column() {
        return column;
    }
}
