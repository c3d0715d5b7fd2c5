package io.eql4j.ast;

/**
 * Where a node came from in the query text.
 *
 * @param start  offset of the node's first character in the query text (0-based, in UTF-16 chars)
 * @param end    offset just past the node's last character
 * @param line   line of {@code start}, 1-based
 * @param column column of {@code start}, 1-based, counted in chars
 */
public record Span(int start, int end, int line, int column) {

    /** The span of nodes that were not written in any text (built by code). */
    public static final Span NONE = new Span(0, 0, 1, 1);

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span offsets " + start + ".." + end);
        }
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** The span that starts where this one starts and ends where {@code other} ends. */
    public Span to(Span other) {
        return new Span(start, Math.max(end, other.end), line, column);
    }

    /** The text this span covers in {@code source}. */
    public String text(CharSequence source) {
        return source.subSequence(start, Math.min(end, source.length())).toString();
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
