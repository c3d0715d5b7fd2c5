package io.eql4j.event;

/**
 * An event read for one {@link FieldLayout} (see {@link JsonEventReader#forPlan}) that holds the values of the
 * layout's fields by slot, so that engines running that layout take them without resolving paths. Implemented by
 * the readers of this package; users need not implement it.
 */
public interface SlotSource {

    /** The layout whose fields the slots number. */
    Object layout();

    /** The raw value of the field in {@code slot}, or {@code null}. */
    Object slotValue(int slot);
}
