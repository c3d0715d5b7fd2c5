package io.eql4j.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eql4j.event.Event;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads NDJSON events: one JSON object per line, UTF-8, lines ended by LF or CRLF, blank lines skipped. A line that
 * is not UTF-8, not JSON or not a JSON object is reported to a {@link MalformedLines} listener and skipped.
 *
 * <p>This is the only class that turns input into events, so that a faster reader (one that extracts only the
 * fields the rules read) can replace it.
 */
final class NdjsonReader implements Closeable {

    /** Told about each line that is skipped because it is not an event. */
    interface MalformedLines {
        /**
         * @param line    1-based line number
         * @param message what is wrong with it
         */
        void onMalformedLine(long line, String message);
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final MalformedLines malformed;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports bad bytes, never replaces
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[1 << 12];
    private int length;
    private long lineNumber;
    private boolean eof;

    NdjsonReader(InputStream in, MalformedLines malformed) {
        this.in = in;
        this.malformed = malformed;
    }

    /** The next event, or {@code null} at the end of the input. */
    InputEvent next() throws IOException {
        while (readLine()) {
            lineNumber++;
            int from = lineNumber == 1 && startsWithBom() ? BOM.length : 0;
            int to = length > from && line[length - 1] == '\r' ? length - 1 : length;
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(line, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                malformed.onMalformedLine(lineNumber, "not valid UTF-8");
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            InputEvent event = parse(text);
            if (event != null) {
                return event;
            }
        }
        return null;
    }

    /** Lines read so far, including blank and malformed ones. */
    long lines() {
        return lineNumber;
    }

    private InputEvent parse(String text) throws IOException {
        JsonNode json;
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            json = Json.MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                malformed.onMalformedLine(lineNumber, "more JSON after the first value, at column "
                        + parser.currentTokenLocation().getColumnNr());
                return null;
            }
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            malformed.onMalformedLine(lineNumber, "invalid JSON" + at + ": " + e.getOriginalMessage());
            return null;
        }
        if (!json.isObject()) {
            malformed.onMalformedLine(lineNumber, "not a JSON object but "
                    + json.getNodeType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        return new InputEvent(Event.of(json), text, lineNumber);
    }

    /** Reads the next line's bytes, without the LF, into {@code line}; false at the end of the input. */
    private boolean readLine() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || (limit = in.read(chunk)) < 0) {
                    eof = true;
                    limit = pos = 0;
                    return any;
                }
                pos = 0;
            }
            any = true;
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            append(start, pos);
            if (pos < limit) {
                pos++; // the LF
                return true;
            }
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    private boolean startsWithBom() {
        return length >= BOM.length && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
