package io.eql4j.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads events from JSON text: one object per call, or NDJSON streams (one object per line).
 *
 * <p>{@link #forPlan} reads only the fields a compiled plan uses, with Jackson's streaming parser: every other
 * part of the event is skipped without being built, and the event keeps its JSON text, which is what matches
 * return ({@link Event#source()} is the text as a {@code String}). Asked for a field the plan does not read, such
 * an event parses its text in full, once. {@link #full()} builds the whole tree up front.
 *
 * <p>It reads as strictly as Elasticsearch indexes a document: the bytes must be UTF-8 and an object must not repeat
 * a key. Anything else is a {@link JsonEventException} naming the column, and in {@link #readLines} a reported,
 * skipped line. Events read by {@link #readLines} know their line number ({@link #lineNumber}).
 *
 * <p>A reader is immutable and thread-safe.
 */
public final class JsonEventReader {

    /** Receives the lines of an NDJSON stream that are not JSON objects. */
    @FunctionalInterface
    public interface BadLineHandler {
        /**
         * @param lineNumber the 1-based line number
         * @param message    what is wrong with the line
         */
        void onBadLine(long lineNumber, String message);
    }

    /** Receives the events of an NDJSON stream. */
    @FunctionalInterface
    public interface EventHandler {
        /**
         * @param lineNumber the 1-based line the event was read from
         * @param event      the event
         */
        void onEvent(long lineNumber, Event event);
    }

    /** Plain: the extracting reader checks for repeated keys itself ({@link FieldTrie.Keys}), at less cost. */
    private static final JsonFactory FACTORY = new JsonFactory();
    /** Builds whole trees, with Jackson's check for repeated keys. */
    static final ObjectMapper TREES = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Null for full trees. */
    private final FieldTrie trie;
    private final FieldLayout plan;

    private JsonEventReader(FieldTrie trie, FieldLayout plan) {
        this.trie = trie;
        this.plan = plan;
    }

    /** A reader that builds each event's whole tree ({@link Event#of(JsonNode)}); source() is the JSON text. */
    public static JsonEventReader full() {
        return new JsonEventReader(null, null);
    }

    /**
     * A reader that extracts only the fields {@code plan} reads. Its events are evaluated without any path
     * resolution by engines running that plan.
     */
    public static JsonEventReader forPlan(FieldLayout plan) {
        return new JsonEventReader(new FieldTrie(plan.fieldPaths().toArray(FieldPath[]::new)), plan);
    }

    /**
     * Reads one JSON object.
     *
     * @throws JsonEventException when the text is not a single JSON object
     */
    public Event read(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return read(bytes, 0, bytes.length);
    }

    /**
     * Reads one JSON object from {@code length} UTF-8 bytes at {@code offset}; the bytes are copied.
     *
     * @throws JsonEventException when the bytes are not a single JSON object
     */
    public Event read(byte[] utf8, int offset, int length) {
        return read(utf8, offset, length, trie == null ? null : new FieldTrie.Keys());
    }

    /** {@link #read(byte[], int, int)} with the scratch space of the repeated-key check (null for full trees). */
    private Event read(byte[] utf8, int offset, int length, FieldTrie.Keys keys) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        byte[] raw = java.util.Arrays.copyOfRange(utf8, offset, offset + length);
        try (JsonParser parser = (trie == null ? TREES.getFactory() : FACTORY).createParser(raw)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new JsonEventException(first == null ? "no JSON value" : "not a JSON object but "
                        + kind(first), column(parser.currentTokenLocation()));
            }
            TextEvent event;
            if (trie == null) {
                JsonNode tree = TREES.readTree(parser);
                event = new JsonTextEvent(raw, tree);
            } else {
                ExtractedEvent extracted = new ExtractedEvent(raw, plan, trie);
                keys.reset();
                trie.readObject(parser, trie.root(), extracted, keys);
                event = extracted;
            }
            if (parser.nextToken() != null) {
                int column = column(parser.currentTokenLocation());
                throw new JsonEventException("more JSON after the first value, at column " + column, column);
            }
            return event;
        } catch (JsonProcessingException e) {
            int column = column(e.getLocation());
            throw new JsonEventException("invalid JSON" + (column > 0 ? " at column " + column : "") + ": "
                    + e.getOriginalMessage(), column);
        } catch (IOException e) {
            throw new JsonEventException(String.valueOf(e.getMessage()), 0);
        }
    }

    /**
     * The 1-based line of its NDJSON stream that {@link #readLines} read {@code event} from, or 0 for an event that
     * was not read by {@code readLines}.
     */
    public static long lineNumber(Event event) {
        return event instanceof TextEvent text ? text.line : 0;
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : Math.max(at.getColumnNr(), 0);
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Reads an NDJSON stream to its end: each non-blank line must be one JSON object. Lines that are not are
     * reported to {@code bad} and skipped; reading goes on.
     *
     * @return the number of lines read
     * @throws IOException when the stream cannot be read
     */
    public long readLines(InputStream in, EventHandler events, BadLineHandler bad) throws IOException {
        byte[] buffer = new byte[1 << 16];
        byte[] line = new byte[1 << 12];
        FieldTrie.Keys keys = trie == null ? null : new FieldTrie.Keys();
        int lineLength = 0;
        long lineNumber = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lineNumber++;
                    if (lineLength == 0) {
                        emit(buffer, start, i - start, lineNumber, keys, events, bad);
                    } else {
                        line = append(line, lineLength, buffer, start, i - start);
                        emit(line, 0, lineLength + i - start, lineNumber, keys, events, bad);
                        lineLength = 0;
                    }
                    start = i + 1;
                }
            }
            if (start < n) {
                line = append(line, lineLength, buffer, start, n - start);
                lineLength += n - start;
            }
        }
        if (lineLength > 0) {
            lineNumber++;
            emit(line, 0, lineLength, lineNumber, keys, events, bad);
        }
        return lineNumber;
    }

    private static byte[] append(byte[] line, int used, byte[] src, int from, int count) {
        byte[] out = line;
        if (used + count > line.length) {
            out = java.util.Arrays.copyOf(line, Math.max(line.length * 2, used + count));
        }
        System.arraycopy(src, from, out, used, count);
        return out;
    }

    /** Reads one line: its text as written, without the line terminator (and a byte order mark on line 1). */
    private void emit(byte[] bytes, int offset, int length, long lineNumber, FieldTrie.Keys keys, EventHandler events,
            BadLineHandler bad) {
        int end = offset + length;
        if (end > offset && bytes[end - 1] == '\r') {
            end--;
        }
        int start = offset;
        if (lineNumber == 1 && end - start >= BOM.length && bytes[start] == BOM[0] && bytes[start + 1] == BOM[1]
                && bytes[start + 2] == BOM[2]) {
            start += BOM.length;
        }
        if (isBlank(bytes, start, end)) {
            return;
        }
        Event event;
        try {
            event = read(bytes, start, end - start, keys);
        } catch (JsonEventException e) {
            bad.onBadLine(lineNumber, e.getMessage());
            return;
        }
        ((TextEvent) event).line = lineNumber;
        events.onEvent(lineNumber, event);
    }

    /** Whether the bytes are only JSON whitespace. */
    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The text is not one JSON object. */
    public static final class JsonEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int column;

        JsonEventException(String message, int column) {
            super(message);
            this.column = column;
        }

        /** The 1-based column (in bytes of the line) where the text stops being one JSON object, or 0. */
        public int column() {
            return column;
        }
    }
}
