package io.eql4j.testkit;

import java.util.Arrays;

/** Line starts of one text, to turn char offsets into 1-based lines and columns and back. */
final class TextLines {

    private final String source;
    private final String text;
    private final int[] starts;

    TextLines(String source, String text) {
        this.source = source;
        this.text = text;
        int[] s = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        this.starts = Arrays.copyOf(s, n);
    }

    String source() {
        return source;
    }

    String text() {
        return text;
    }

    /** The place of char {@code offset} of the text. */
    Place place(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        int line = i >= 0 ? i : -i - 2;
        return new Place(source, line + 1, offset - starts[line] + 1);
    }

    /** The problem at char {@code offset} of the text. */
    TestProblem at(int offset, String message) {
        return place(offset).problem(message);
    }

    /** The char offset of a 1-based line and column (clamped to the text). */
    int offset(int line, int column) {
        int l = Math.min(Math.max(line, 1), starts.length) - 1;
        return Math.min(starts[l] + Math.max(column, 1) - 1, text.length());
    }
}
