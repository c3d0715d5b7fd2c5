package io.eql4j.event;

import com.fasterxml.jackson.databind.JsonNode;

/** An event read by {@link JsonEventReader#full()}: its whole tree, and its JSON text as source. */
final class JsonTextEvent extends TextEvent {

    private final JsonEvent tree;

    JsonTextEvent(byte[] raw, JsonNode tree) {
        super(raw);
        this.tree = new JsonEvent(tree);
    }

    @Override
    public Object field(FieldPath path) {
        return tree.field(path);
    }

    @Override
    public boolean hasNull(FieldPath path) {
        return tree.hasNull(path);
    }
}
