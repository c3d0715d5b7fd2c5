package io.eql4j.flink;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads an NDJSON file (plain, or gzip by its {@code .gz} name: Flink's file source decompresses) into
 * {@link SourceLine}s, one per non-blank line, each with its 1-based line number, as {@code eql4j run} reads files:
 * a line ends at {@code \n} (a {@code \r} before it is dropped), a byte order mark before line 1 is skipped, and the
 * bytes are kept as they are (whether they are UTF-8 is checked when the line is parsed). A file is read whole by
 * one reader, so line numbers are exact; after a restore Flink skips the lines already read by reading them again.
 */
final class NdjsonLineFormat extends SimpleStreamFormat<SourceLine> {

    private static final long serialVersionUID = 1L;

    /** The name the lines' origin shows. */
    private final String label;

    NdjsonLineFormat(String label) {
        this.label = label;
    }

    @Override
    public StreamFormat.Reader<SourceLine> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(label, stream);
    }

    @Override
    public TypeInformation<SourceLine> getProducedType() {
        return FlinkTypes.SOURCE_LINE;
    }

    /** Splits a byte stream into lines. */
    static final class LineReader implements StreamFormat.Reader<SourceLine> {
        private final String label;
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int pos;
        private int limit;
        private long lineNumber;
        private boolean eof;

        LineReader(String label, InputStream in) {
            this.label = label;
            this.in = in;
        }

        @Override
        public SourceLine read() throws IOException {
            while (true) {
                byte[] line = nextLine();
                if (line == null) {
                    return null;
                }
                lineNumber++;
                int start = 0;
                int end = line.length;
                if (end > 0 && line[end - 1] == '\r') {
                    end--;
                }
                if (lineNumber == 1
                        && end >= 3
                        && line[0] == (byte) 0xEF
                        && line[1] == (byte) 0xBB
                        && line[2] == (byte) 0xBF) {
                    start = 3;
                }
                if (!blank(line, start, end)) {
                    return SourceLine.wrap(
                            label,
                            -1,
                            lineNumber,
                            start == 0 && end == line.length ? line : Arrays.copyOfRange(line, start, end));
                }
            }
        }

        /** The next line's bytes without its {@code \n}, or null at the end of the stream. */
        private byte[] nextLine() throws IOException {
            byte[] line = null;
            int used = 0;
            while (true) {
                if (pos == limit) {
                    if (eof) {
                        return line == null ? null : Arrays.copyOf(line, used);
                    }
                    limit = in.read(buffer);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        eof = true;
                        continue;
                    }
                }
                int start = pos;
                while (pos < limit && buffer[pos] != '\n') {
                    pos++;
                }
                int count = pos - start;
                if (line == null) {
                    line = new byte[Math.max(count, 16)];
                } else if (used + count > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, used + count));
                }
                System.arraycopy(buffer, start, line, used, count);
                used += count;
                if (pos < limit) {
                    pos++; // the '\n'
                    return Arrays.copyOf(line, used);
                }
            }
        }

        private static boolean blank(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
