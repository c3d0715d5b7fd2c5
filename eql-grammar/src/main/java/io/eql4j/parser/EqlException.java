package io.eql4j.parser;

import io.eql4j.ast.Span;

/**
 * A problem with an EQL query that can be pinned to a place in its text: a syntax error, a rejected construct, or
 * (from the compiler) a type or function error.
 *
 * <p>{@link #getMessage()} reads {@code line:column: message}, followed by the offending line and a caret under the
 * column, so that it can be printed to a user as it is.
 */
public class EqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The most chars of the offending line that a snippet shows; a longer line is cut around the column. */
    static final int MAX_SNIPPET = 160;

    private final String errorMessage;
    private final int line;
    private final int column;
    private final int offset;
    private final String snippet;

    /**
     * @param errorMessage what is wrong, without position
     * @param query        the query text, for the snippet; may be {@code null}
     * @param offset       0-based char offset of the problem in {@code query}
     * @param line         1-based line of the problem
     * @param column       1-based column of the problem
     */
    public EqlException(String errorMessage, String query, int offset, int line, int column) {
        super(line + ":" + column + ": " + errorMessage + snippetSuffix(query, line, column));
        this.errorMessage = errorMessage;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.snippet = snippet(query, line, column);
    }

    /** An exception at the start of {@code span}. */
    public EqlException(String errorMessage, String query, Span span) {
        this(errorMessage, query, span.start(), span.line(), span.column());
    }

    /** What is wrong, without the position and snippet. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The 1-based line of the problem in the query text. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem in the query text. */
    public int column() {
        return column;
    }

    /** The 0-based char offset of the problem in the query text. */
    public int offset() {
        return offset;
    }

    /** The offending line of the query and a caret under the column, or an empty string without query text. */
    public String snippet() {
        return snippet;
    }

    private static String snippetSuffix(String query, int line, int column) {
        String s = snippet(query, line, column);
        return s.isEmpty() ? "" : "\n" + s;
    }

    static String snippet(String query, int line, int column) {
        if (query == null) {
            return "";
        }
        String[] lines = query.split("\r\n|\r|\n", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        String text = lines[line - 1];
        int upTo = Math.min(column - 1, text.length());
        String prefix = "";
        String suffix = "";
        if (text.length() > MAX_SNIPPET) {
            // a long line is shown around the column only, so that a huge query does not make a huge message
            int from = Math.max(0, Math.min(upTo - MAX_SNIPPET / 2, text.length() - MAX_SNIPPET));
            int to = Math.min(text.length(), from + MAX_SNIPPET);
            prefix = from > 0 ? "..." : "";
            suffix = to < text.length() ? "..." : "";
            text = text.substring(from, to);
            upTo -= from;
        }
        StringBuilder caret = new StringBuilder(prefix.length() + upTo + 1);
        caret.append(" ".repeat(prefix.length()));
        for (int i = 0; i < upTo; i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return prefix + text + suffix + "\n" + caret;
    }
}
