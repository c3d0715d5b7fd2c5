package io.eql4j.compile;

import io.eql4j.mapping.FieldType;
import io.eql4j.mapping.IndexMapping;
import io.eql4j.mapping.MappedField;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link CompileOptions} as a plain value: equal when every setting is. */
record CompileSettings(
        String timestampField,
        String tiebreakerField,
        String categoryField,
        TimestampPrecision timestampPrecision,
        long size,
        ResultPosition resultPosition,
        Map<String, FieldType> fieldTypes,
        boolean strictFields,
        List<IndexMapping> mappings)
        implements CompileOptions {

    /** Every setting as text: part of each rule's fingerprint, so it names everything a mapping changes. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CompileOptions{timestampField=")
                .append(timestampField)
                .append(", tiebreakerField=")
                .append(tiebreakerField)
                .append(", categoryField=")
                .append(categoryField)
                .append(", precision=")
                .append(timestampPrecision)
                .append(", size=")
                .append(size == UNLIMITED ? "unlimited" : size)
                .append(", resultPosition=")
                .append(resultPosition)
                .append(", fieldTypes=")
                .append(new TreeMap<>(fieldTypes))
                .append(", strictFields=")
                .append(strictFields)
                .append(", mappings=[");
        for (IndexMapping m : mappings) {
            sb.append(m.index()).append('{');
            for (MappedField f : m.fields().values()) {
                sb.append(f.name())
                        .append(':')
                        .append(f.type())
                        .append(f.aliasPath().map(a -> " alias " + a).orElse(""))
                        .append(f.nullValue().map(v -> " null_value " + v).orElse(""))
                        .append(f.formats().isEmpty() ? "" : " formats " + f.formats())
                        .append(
                                f.ignoreAbove().isPresent()
                                        ? " ignore_above " + f.ignoreAbove().getAsInt()
                                        : "")
                        .append(f.constantValue().map(v -> " value " + v).orElse(""))
                        .append(f.container().map(c -> " in " + c).orElse(""))
                        .append(';');
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }
}
