package io.eql4j.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An event read by {@link JsonEventReader#forPlan}: the values of the plan's fields by slot, and the JSON text.
 * Other fields are read from the text on first demand.
 */
final class ExtractedEvent extends TextEvent implements SlotSource {

    private final FieldLayout plan;
    private final FieldTrie trie;
    private int[] slots = new int[8];
    private Object[] values = new Object[8];
    private int size;
    private Event full;

    ExtractedEvent(byte[] raw, FieldLayout plan, FieldTrie trie) {
        super(raw);
        this.plan = plan;
        this.trie = trie;
    }

    /** Adds a value of the field in {@code slot}; a second value makes the field multi-valued. */
    @SuppressWarnings("unchecked")
    void add(int slot, Object value) {
        for (int i = 0; i < size; i++) {
            if (slots[i] == slot) {
                Object previous = values[i];
                List<Object> list;
                if (previous instanceof MultiValue) {
                    list = (List<Object>) previous;
                } else {
                    list = new MultiValue();
                    list.add(previous);
                    values[i] = list;
                }
                list.add(value);
                return;
            }
        }
        if (size == slots.length) {
            slots = java.util.Arrays.copyOf(slots, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        slots[size] = slot;
        values[size++] = value;
    }

    /** The list of a multi-valued field, told apart from a value that happens to be a list. */
    private static final class MultiValue extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        MultiValue() {
            super(4);
        }
    }

    @Override
    public Object layout() {
        return plan;
    }

    @Override
    public Object slotValue(int slot) {
        for (int i = 0; i < size; i++) {
            if (slots[i] == slot) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public Object field(FieldPath path) {
        int slot = trie.slot(path);
        if (slot >= 0) {
            return slotValue(slot);
        }
        return fullEvent().field(path);
    }

    private Event fullEvent() {
        if (full == null) {
            try {
                JsonNode tree = JsonEventReader.TREES.readTree(raw);
                full = Event.of(tree);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return full;
    }
}
