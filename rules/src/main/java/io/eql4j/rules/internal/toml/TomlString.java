package io.eql4j.rules.internal.toml;

import java.util.Arrays;
import java.util.Objects;

/**
 * A TOML string (basic, literal, multi-line basic or multi-line literal), decoded, together with a source map from
 * each of its chars back to the line and column where it is written. Error positions inside the string (for example
 * an EQL syntax error in a rule's query) can so be reported at their true place in the file.
 */
public final class TomlString implements TomlValue {

    private final String value;
    private final TomlPosition position;
    private final LineMap lines;
    /** Source offset of char 0, when every char follows its predecessor in the source (no escapes). */
    private final int sourceStart;
    /**
     * {@code null} when chars map 1:1 to the source from {@link #sourceStart}; otherwise runs of consecutive chars as
     * pairs {@code (index of the run's first char, its source offset)}, sorted by index. Only escapes and
     * line-ending backslashes break runs, so this is short even for long strings.
     */
    private final int[] runs;

    TomlString(String value, TomlPosition position, LineMap lines, int sourceStart, int[] runs) {
        this.value = Objects.requireNonNull(value, "value");
        this.position = position;
        this.lines = lines;
        this.sourceStart = sourceStart;
        this.runs = runs;
    }

    /** The decoded string. */
    public String value() {
        return value;
    }

    /** Where the string's opening quote is. */
    @Override
    public TomlPosition position() {
        return position;
    }

    /**
     * Where the char at {@code index} of {@link #value()} is written in the source. A char produced by an escape
     * sequence maps to the escape's backslash; {@code index == value().length()} maps to just after the last char
     * (the closing quote), so that "unexpected end of input" errors have a place too.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index <= value().length()}
     */
    public TomlPosition positionOf(int index) {
        return lines.position(sourceOffset(index));
    }

    /** The char offset in the source text of the char at {@code index}, as for {@link #positionOf(int)}. */
    int sourceOffset(int index) {
        Objects.checkIndex(index, value.length() + 1);
        if (runs == null) {
            return sourceStart + index;
        }
        int lo = 0;
        int hi = runs.length / 2 - 1;
        while (lo < hi) { // last run whose first index <= index
            int mid = (lo + hi + 1) >>> 1;
            if (runs[2 * mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return runs[2 * lo + 1] + index - runs[2 * lo];
    }

    @Override
    public String toJava() {
        return value;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TomlString
                && ((TomlString) o).value.equals(value)
                && ((TomlString) o).position.equals(position);
    }

    @Override
    public int hashCode() {
        return value.hashCode() * 31 + position.hashCode();
    }

    /** The decoded value. */
    @Override
    public String toString() {
        return value;
    }

    /** Collects a decoded string and its source map, char by char. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private int[] runs = new int[0];
        private int runCount;
        private int nextSource = -1;

        /** Appends {@code c}, written at source offset {@code sourceOffset}. */
        void append(char c, int sourceOffset) {
            if (sourceOffset != nextSource) {
                if (2 * runCount == runs.length) {
                    runs = Arrays.copyOf(runs, Math.max(4, runs.length * 2));
                }
                runs[2 * runCount] = text.length();
                runs[2 * runCount + 1] = sourceOffset;
                runCount++;
            }
            text.append(c);
            nextSource = sourceOffset + 1;
        }

        /** Appends a code point produced by an escape sequence starting at {@code sourceOffset}. */
        void appendEscaped(int codePoint, int sourceOffset) {
            char[] chars = Character.toChars(codePoint);
            append(chars[0], sourceOffset);
            if (chars.length == 2) {
                append(chars[1], sourceOffset + 1);
            }
            nextSource = -1; // the escape is longer than what it produced: what follows starts a new run
        }

        TomlString build(TomlPosition position, LineMap lines, int closingOffset) {
            if (runCount == 0) {
                return new TomlString("", position, lines, closingOffset, null);
            }
            int[] map = null;
            if (runCount > 1) {
                map = Arrays.copyOf(runs, 2 * runCount + 2);
                // a final run for index == length: the closing delimiter
                map[2 * runCount] = text.length();
                map[2 * runCount + 1] = closingOffset;
            } else if (nextSource != closingOffset) {
                map = new int[] {0, runs[1], text.length(), closingOffset};
            }
            return new TomlString(text.toString(), position, lines, runs[1], map);
        }
    }
}
