package io.eql4j.internal.expr;

/**
 * How the values of one field are read as its index mapping makes Elasticsearch index them: converted to the
 * mapped type, a {@code null_value} for explicit nulls, dates in the mapping's formats (see {@code
 * docs/mappings.md}). Fields without a mapping, or whose mapping changes nothing, have none.
 */
public interface SlotReader {

    /**
     * @param ctx   the context, whose current event is being read
     * @param slot  the field's slot
     * @param value the field's normalised value: {@code null}, a scalar, or a list of at least two scalars
     * @return the value as the mapping makes it, in the same normalised form
     */
    Object read(EvalContext ctx, int slot, Object value);

    /** A plan whose fields have readers. */
    interface Source {
        /** The reader of each slot, or null where a field has none; null when no field has one. */
        SlotReader[] slotReaders();
    }
}
