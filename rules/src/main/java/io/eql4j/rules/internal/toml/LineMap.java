package io.eql4j.rules.internal.toml;

import java.util.Arrays;

/** Turns char offsets of one source text into {@link TomlPosition}s; a line ends after each {@code '\n'}. */
final class LineMap {

    private final String source;
    private final int[] lineStarts;

    LineMap(String source, CharSequence text) {
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

    String source() {
        return source;
    }

    TomlPosition position(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        int line = i >= 0 ? i : -i - 2;
        return new TomlPosition(source, line + 1, offset - lineStarts[line] + 1);
    }
}
