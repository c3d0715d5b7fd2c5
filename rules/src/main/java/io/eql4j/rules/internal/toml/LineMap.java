package io.eql4j.rules.internal.toml;

import java.util.Arrays;

/**
 * Turns char offsets of one source text into {@link TomlPosition}s (1-based line and column); a line ends after
 * each {@code '\n'}. Also used by other eql4j modules for texts they read.
 */
public final class LineMap {

    private final String source;
    private final int[] lineStarts;

    public LineMap(String source, CharSequence text) {
        this.source = source;
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String source() {
        return source;
    }

    /** The line and column of char {@code offset}. */
    public TomlPosition position(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        int line = i >= 0 ? i : -i - 2;
        return new TomlPosition(source, line + 1, offset - lineStarts[line] + 1);
    }

    /** The char offset of a 1-based line and column, clamped to the lines (not to the line's length). */
    public int offset(int line, int column) {
        int l = Math.min(Math.max(line, 1), lineStarts.length) - 1;
        return lineStarts[l] + Math.max(column, 1) - 1;
    }
}
