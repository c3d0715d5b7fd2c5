package io.eql4j.event;

import java.util.List;

/**
 * The fields something reads, each at a slot (its position in {@link #fieldPaths()}): a compiled plan is one.
 * {@link JsonEventReader#forPlan} extracts only these fields from each line.
 */
public interface FieldLayout {

    /** The fields, by slot. */
    List<FieldPath> fieldPaths();
}
