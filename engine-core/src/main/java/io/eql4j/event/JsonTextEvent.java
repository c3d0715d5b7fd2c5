package io.eql4j.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** An event read by {@link JsonEventReader#full()}: its whole tree, and its JSON text as source. */
final class JsonTextEvent implements Event {

    private final byte[] raw;
    private final JsonEvent tree;
    private String text;

    JsonTextEvent(byte[] raw, JsonNode tree) {
        this.raw = raw;
        this.tree = new JsonEvent(tree);
    }

    @Override
    public Object field(FieldPath path) {
        return tree.field(path);
    }

    /** The event's JSON text. */
    @Override
    public Object source() {
        if (text == null) {
            text = new String(raw, StandardCharsets.UTF_8);
        }
        return text;
    }

    @Override
    public String toString() {
        return (String) source();
    }
}
