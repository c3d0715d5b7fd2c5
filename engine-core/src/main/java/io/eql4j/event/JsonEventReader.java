package io.eql4j.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
 * <p>{@link Limits} bound what one line may cost: its length (a longer line is reported and skipped without being
 * held), and the nesting depth and string length of the values that are built. Parts of an event that the plan
 * does not read are skipped, not built, so a value over a limit there does not stop the event: only the line
 * length bounds them. Messages say what is wrong in plain words, with the column.
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

    /**
     * How much one line may cost.
     *
     * @param maxLineLength   the longest line, in bytes (without its line end); a longer one is reported and
     *                        skipped, and never held in memory whole
     * @param maxNestingDepth how deeply objects and arrays may nest in a value that is built: a field the plan
     *                        reads, or every value for {@link #full()}
     * @param maxStringLength the longest string (or number, in digits) that is built, in characters
     */
    public record Limits(int maxLineLength, int maxNestingDepth, int maxStringLength) {

        /** 64 MiB lines. */
        public static final int DEFAULT_MAX_LINE_LENGTH = 64 << 20;
        /** 1,000 levels. */
        public static final int DEFAULT_MAX_NESTING_DEPTH = 1000;
        /** 20,000,000 characters. */
        public static final int DEFAULT_MAX_STRING_LENGTH = 20_000_000;

        /** @throws IllegalArgumentException if a limit is not positive */
        public Limits {
            if (maxLineLength < 1 || maxNestingDepth < 1 || maxStringLength < 1) {
                throw new IllegalArgumentException("reading limits must be at least 1: line length " + maxLineLength
                        + ", nesting depth " + maxNestingDepth + ", string length " + maxStringLength);
            }
        }

        /** The defaults: 64 MiB lines, 1,000 levels of nesting, strings of 20,000,000 characters. */
        public static Limits defaults() {
            return DEFAULTS;
        }

        private static final Limits DEFAULTS =
                new Limits(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH);
    }

    /** The most digits a number that is built may have (as Elasticsearch's JSON parser). */
    static final int MAX_NUMBER_LENGTH = 1000;

    /**
     * Plain, without limits of its own: the extracting reader checks repeated keys itself ({@link FieldTrie.Keys}),
     * at less cost, and the limits on the values it builds; what it skips is bounded by the line length.
     */
    private static final JsonFactory FACTORY =
            JsonFactory.builder().streamReadConstraints(unlimited()).build();
    /**
     * Builds whole trees of lines already read (the rest of an event read by {@link #forPlan}, on demand), with
     * Jackson's check for repeated keys and no limits: the line passed them when it was read.
     */
    static final ObjectMapper TREES = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(unlimited())
            .build());

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Null for full trees. */
    private final FieldTrie trie;

    private final FieldLayout plan;
    private final Limits limits;
    /** For {@link #full()}: whole trees within the limits. */
    private final ObjectMapper trees;

    private JsonEventReader(FieldTrie trie, FieldLayout plan, Limits limits) {
        this.trie = trie;
        this.plan = plan;
        this.limits = limits;
        this.trees = trie != null
                ? null
                : new ObjectMapper(JsonFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(limits.maxNestingDepth())
                                .maxStringLength(limits.maxStringLength())
                                .maxNumberLength(MAX_NUMBER_LENGTH)
                                .maxNameLength(Integer.MAX_VALUE)
                                .build())
                        .build());
    }

    private static StreamReadConstraints unlimited() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(Integer.MAX_VALUE)
                .maxStringLength(Integer.MAX_VALUE)
                .maxNumberLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE)
                .build();
    }

    /** A reader that builds each event's whole tree ({@link Event#of(JsonNode)}); source() is the JSON text. */
    public static JsonEventReader full() {
        return new JsonEventReader(null, null, Limits.defaults());
    }

    /** This reader with other limits. */
    public JsonEventReader withLimits(Limits limits) {
        return new JsonEventReader(trie, plan, Objects.requireNonNull(limits, "limits"));
    }

    /** The limits this reader applies. */
    public Limits limits() {
        return limits;
    }

    /**
     * A reader that extracts only the fields {@code plan} reads. Its events are evaluated without any path
     * resolution by engines running that plan.
     */
    public static JsonEventReader forPlan(FieldLayout plan) {
        return new JsonEventReader(new FieldTrie(plan.fieldPaths().toArray(FieldPath[]::new)), plan, Limits.defaults());
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
        try (JsonParser parser = (trie == null ? trees.getFactory() : FACTORY).createParser(raw)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new JsonEventException(
                        first == null ? "no JSON value" : "not a JSON object but " + kind(first),
                        column(parser.currentTokenLocation()));
            }
            TextEvent event;
            if (trie == null) {
                JsonNode tree = trees.readTree(parser);
                event = new JsonTextEvent(raw, tree);
            } else {
                ExtractedEvent extracted = new ExtractedEvent(raw, plan, trie);
                keys.reset();
                trie.readObject(parser, trie.root(), extracted, keys, limits);
                event = extracted;
            }
            if (parser.nextToken() != null) {
                int column = column(parser.currentTokenLocation());
                throw new JsonEventException("more JSON after the first value, at column " + column, column);
            }
            return event;
        } catch (FieldTrie.LimitException e) {
            throw new JsonEventException(e.getMessage() + " at column " + e.column, e.column);
        } catch (StreamConstraintsException e) {
            int column = column(e.getLocation());
            throw new JsonEventException(overLimit(e) + (column > 0 ? " at column " + column : ""), column);
        } catch (JsonProcessingException e) {
            int column = column(e.getLocation());
            String plain = JsonMessages.plain(e);
            throw new JsonEventException(
                    (plain.startsWith("not UTF-8")
                            ? plain.replace("not UTF-8", "not UTF-8" + (column > 0 ? " at column " + column : ""))
                            : "invalid JSON" + (column > 0 ? " at column " + column : "") + ": " + plain),
                    column);
        } catch (IOException e) {
            throw new JsonEventException("cannot be read", 0);
        }
    }

    /**
     * The 1-based line of its NDJSON stream that {@link #readLines} read {@code event} from, or 0 for an event that
     * was not read by {@code readLines}.
     */
    public static long lineNumber(Event event) {
        return event instanceof TextEvent text ? text.line : 0;
    }

    /**
     * What is wrong with JSON text that Jackson refused, in plain words and without a position (the caller adds
     * it): the messages this reader gives, for code that parses JSON itself, such as the test kit.
     */
    public static String describe(JsonProcessingException e) {
        return JsonMessages.plain(e);
    }

    /** A limit of a {@link #full()} reader, exceeded while Jackson built the tree. */
    private String overLimit(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("nesting")) {
            return "nested deeper than " + limits.maxNestingDepth() + " levels (the limit)";
        }
        if (m.startsWith("Number")) {
            return "a number longer than " + MAX_NUMBER_LENGTH + " digits";
        }
        return "a string longer than " + limits.maxStringLength() + " characters (the limit)";
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
        int max = limits.maxLineLength();
        int lineLength = 0;
        // a line over the limit: its bytes so far (it is dropped up to its end, never held)
        long overLength = -1;
        long lineNumber = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lineNumber++;
                    int count = i - start;
                    if (overLength >= 0) {
                        tooLong(lineNumber, overLength + count, bad);
                        overLength = -1;
                    } else if ((long) lineLength + count > max + 1L) { // + 1: a CR before the LF
                        tooLong(lineNumber, (long) lineLength + count, bad);
                        lineLength = 0;
                    } else if (lineLength == 0) {
                        emit(buffer, start, count, lineNumber, keys, events, bad);
                    } else {
                        line = append(line, lineLength, buffer, start, count);
                        emit(line, 0, lineLength + count, lineNumber, keys, events, bad);
                        lineLength = 0;
                    }
                    start = i + 1;
                }
            }
            if (start < n) {
                int count = n - start;
                if (overLength >= 0) {
                    overLength += count;
                } else if ((long) lineLength + count > max + 1L) {
                    overLength = (long) lineLength + count;
                    lineLength = 0;
                } else {
                    line = append(line, lineLength, buffer, start, count);
                    lineLength += count;
                }
            }
        }
        if (overLength >= 0) {
            tooLong(++lineNumber, overLength, bad);
        } else if (lineLength > 0) {
            lineNumber++;
            emit(line, 0, lineLength, lineNumber, keys, events, bad);
        }
        return lineNumber;
    }

    private void tooLong(long lineNumber, long length, BadLineHandler bad) {
        bad.onBadLine(lineNumber, tooLongMessage(length));
    }

    private String tooLongMessage(long length) {
        return "the line is longer than the limit of " + limits.maxLineLength() + " bytes"
                + (length >= (1L << 20) ? " (" + (length >> 20) + " MiB)" : "") + "; skipped without being read";
    }

    private byte[] append(byte[] line, int used, byte[] src, int from, int count) {
        byte[] out = line;
        if (used + count > line.length) {
            // doubling, but never past the longest line allowed (and its CR)
            long grown = Math.min(Math.max(line.length * 2L, used + count), limits.maxLineLength() + 1L);
            out = java.util.Arrays.copyOf(line, (int) Math.max(grown, used + count));
        }
        System.arraycopy(src, from, out, used, count);
        return out;
    }

    /** Reads one line: its text as written, without the line terminator (and a byte order mark on line 1). */
    private void emit(
            byte[] bytes,
            int offset,
            int length,
            long lineNumber,
            FieldTrie.Keys keys,
            EventHandler events,
            BadLineHandler bad) {
        Event event;
        try {
            event = readLine(lineNumber, bytes, offset, length, keys);
        } catch (JsonEventException e) {
            bad.onBadLine(lineNumber, e.getMessage());
            return;
        }
        if (event != null) {
            events.onEvent(lineNumber, event);
        }
    }

    /**
     * Reads line {@code lineNumber} of an NDJSON stream, {@code length} bytes at {@code offset} without the line
     * feed, as {@link #readLines} reads it: a carriage return at its end, and a byte order mark on line 1, are not
     * part of the event, and the event knows its line ({@link #lineNumber}). For callers that split or reorder the
     * lines of a stream themselves.
     *
     * @return the event, or {@code null} for a blank line
     * @throws JsonEventException when the line is not one JSON object
     */
    public Event readLine(long lineNumber, byte[] utf8, int offset, int length) {
        return readLine(lineNumber, utf8, offset, length, trie == null ? null : new FieldTrie.Keys());
    }

    private Event readLine(long lineNumber, byte[] bytes, int offset, int length, FieldTrie.Keys keys) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        if (end > offset && bytes[end - 1] == '\r') {
            end--;
        }
        int start = offset;
        if (end - start >= BOM.length
                && bytes[start] == BOM[0]
                && bytes[start + 1] == BOM[1]
                && bytes[start + 2] == BOM[2]) {
            if (lineNumber != 1) {
                // JSON parsers skip a BOM at the start of any text; in a stream it marks the start of the input only
                throw new JsonEventException(
                        "a byte-order mark starts this line: one may only start the input (were "
                                + "two files joined?)",
                        1);
            }
            start += BOM.length;
        }
        if (end - start > limits.maxLineLength()) { // a CR made it through the byte count
            throw new JsonEventException(tooLongMessage(end - start), 0);
        }
        if (isBlank(bytes, start, end)) {
            return null;
        }
        Event event = read(bytes, start, end - start, keys);
        ((TextEvent) event).line = lineNumber;
        return event;
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
