package io.eql4j.internal.expr;

/**
 * An event that was read for one plan and holds the values of that plan's fields by slot, so that the evaluator
 * takes them without resolving paths (see {@link io.eql4j.event.JsonEventReader#forPlan}).
 */
public interface SlotSource {

    /** The plan whose field table the slots refer to. */
    Object layout();

    /** The raw value of the field in {@code slot}, or {@code null}. */
    Object slotValue(int slot);
}
