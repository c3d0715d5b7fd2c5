package io.eql4j.rules.internal.toml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A TOML array, or an array of tables ({@code [[name]]}, positioned at its first header).
 *
 * @param values   the elements, in order (unmodifiable)
 * @param position where the array starts
 */
public record TomlArray(List<TomlValue> values, TomlPosition position) implements TomlValue {

    public TomlArray {
        values = List.copyOf(values);
    }

    /** The number of elements. */
    public int size() {
        return values.size();
    }

    /**
     * The elements, each checked to be a {@code type}; otherwise a {@link TomlException} at the first element that
     * is not, naming it {@code what[i]}.
     */
    public <T extends TomlValue> List<T> elements(Class<T> type, String what) {
        List<T> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(values.get(i).as(type, what + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<Object> toJava() {
        List<Object> out = new ArrayList<>(values.size());
        for (TomlValue v : values) {
            out.add(v.toJava());
        }
        return Collections.unmodifiableList(out); // not List.copyOf: lenient nulls are elements too
    }

    @Override
    public String typeName() {
        return "array";
    }
}
