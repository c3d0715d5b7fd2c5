package io.eql4j.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Events as the bytes an engine's snapshot stores: an event read from JSON text keeps its text exactly (so what is
 * written back after a restore is byte for byte what was read); an event made from a {@code Map} or a Jackson tree
 * is written as JSON. Used by engine snapshots; read back with {@link JsonEventReader}.
 */
public final class EventBytes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBytes() {}

    /** Whether the event was read from JSON text, which {@link #json} returns unchanged. */
    public static boolean isText(Event event) {
        return event instanceof TextEvent;
    }

    /**
     * The event as UTF-8 JSON: its own text when it was read from JSON, else its source written as JSON.
     *
     * @throws IllegalArgumentException when its source is neither JSON text, a {@code Map} nor a Jackson tree
     */
    public static byte[] json(Event event) {
        if (event instanceof TextEvent text) {
            return text.raw.clone();
        }
        Object source = event.source();
        try {
            if (source instanceof Map<?, ?> || source instanceof JsonNode) {
                return JSON.writeValueAsBytes(source);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (source instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("an event whose source is a "
                + (source == null ? "null" : source.getClass().getSimpleName())
                + " cannot be stored: only events read from JSON, or made from a Map or a JsonNode, can");
    }

    /**
     * For an event read from JSON text ({@link #isText}): the length of its text in bytes, which
     * {@link #writeText} writes without copying it first; -1 for other events.
     */
    public static int textLength(Event event) {
        return event instanceof TextEvent text ? text.raw.length : -1;
    }

    /** Writes the JSON text of an event read from JSON ({@link #isText}) to {@code out}, as {@link #json} gives it. */
    public static void writeText(Event event, java.io.OutputStream out) throws java.io.IOException {
        if (!(event instanceof TextEvent text)) {
            throw new IllegalArgumentException("not an event read from JSON text");
        }
        out.write(text.raw);
    }

    /** Gives an event read by {@link JsonEventReader#read} the NDJSON line number it had when it was stored. */
    public static void restoreLine(Event event, long line) {
        if (event instanceof TextEvent text) {
            text.line = line;
        }
    }
}
