package io.eql4j.internal.plan;

import io.eql4j.event.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a plan reads, each given a slot: the index of its value in the per-event cache. Built while compiling,
 * then frozen into the plan.
 */
public final class FieldTable {

    private final Map<FieldPath, Integer> slots = new HashMap<>();
    private final List<FieldPath> fields = new ArrayList<>();

    /** The slot of {@code path}, adding it if it is new. */
    public int slot(FieldPath path) {
        Integer slot = slots.get(path);
        if (slot == null) {
            slot = fields.size();
            slots.put(path, slot);
            fields.add(path);
        }
        return slot;
    }

    /** The slot of the field with this dotted name, adding it if it is new. */
    public int slot(String dottedName) {
        return slot(FieldPath.of(dottedName));
    }

    /** The fields by slot. */
    public FieldPath[] toArray() {
        return fields.toArray(FieldPath[]::new);
    }

    public int size() {
        return fields.size();
    }
}
