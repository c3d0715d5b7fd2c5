package io.eql4j.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.compile.Plan;
import io.eql4j.internal.plan.PlanData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads events from JSON text: one object per call, or NDJSON streams (one object per line).
 *
 * <p>{@link #forPlan} reads only the fields a compiled plan uses, with Jackson's streaming parser: every other
 * part of the event is skipped without being built, and the event keeps its JSON text, which is what matches
 * return ({@link Event#source()} is the text as a {@code String}). Asked for a field the plan does not read, such
 * an event parses its text in full, once. {@link #full()} builds the whole tree up front.
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

    static final JsonFactory FACTORY = new JsonFactory();
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** Null for full trees. */
    private final FieldTrie trie;
    private final PlanData plan;

    private JsonEventReader(FieldTrie trie, PlanData plan) {
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
    public static JsonEventReader forPlan(Plan plan) {
        if (!(plan instanceof PlanData data)) {
            throw new IllegalArgumentException("not a plan made by EqlCompiler: " + plan);
        }
        return new JsonEventReader(new FieldTrie(data.fieldTable()), data);
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
        Objects.checkFromIndexSize(offset, length, utf8.length);
        byte[] raw = java.util.Arrays.copyOfRange(utf8, offset, offset + length);
        try (JsonParser parser = FACTORY.createParser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonEventException("not a JSON object");
            }
            Event event;
            if (trie == null) {
                JsonNode tree = MAPPER.readTree(parser);
                event = new JsonTextEvent(raw, tree);
            } else {
                ExtractedEvent extracted = new ExtractedEvent(raw, plan, trie);
                trie.readObject(parser, trie.root(), extracted);
                event = extracted;
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonEventException("unexpected " + trailing.asString() + " after the JSON object");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new JsonEventException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new JsonEventException(e.getMessage());
        }
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
        int lineLength = 0;
        long lineNumber = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lineNumber++;
                    if (lineLength == 0) {
                        emit(buffer, start, i - start, lineNumber, events, bad);
                    } else {
                        line = append(line, lineLength, buffer, start, i - start);
                        emit(line, 0, lineLength + i - start, lineNumber, events, bad);
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
            emit(line, 0, lineLength, lineNumber, events, bad);
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

    private void emit(byte[] bytes, int offset, int length, long lineNumber, EventHandler events, BadLineHandler bad) {
        int end = offset + length;
        while (end > offset && (bytes[end - 1] == '\r' || bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
            end--;
        }
        int start = offset;
        while (start < end && (bytes[start] == ' ' || bytes[start] == '\t')) {
            start++;
        }
        if (start == end) {
            return;
        }
        Event event;
        try {
            event = read(bytes, start, end - start);
        } catch (JsonEventException e) {
            bad.onBadLine(lineNumber, e.getMessage());
            return;
        }
        events.onEvent(lineNumber, event);
    }

    /** The text is not one JSON object. */
    public static final class JsonEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JsonEventException(String message) {
            super(message);
        }
    }
}
