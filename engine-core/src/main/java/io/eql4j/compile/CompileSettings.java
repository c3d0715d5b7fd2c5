package io.eql4j.compile;

import java.util.Map;
import java.util.TreeMap;

/** {@link CompileOptions} as a plain value: equal when every setting is. */
record CompileSettings(String timestampField, String tiebreakerField, String categoryField,
                       TimestampPrecision timestampPrecision, long size, ResultPosition resultPosition,
                       Map<String, FieldType> fieldTypes, boolean strictFields) implements CompileOptions {

    @Override
    public String toString() {
        return "CompileOptions{timestampField=" + timestampField + ", tiebreakerField=" + tiebreakerField
                + ", categoryField=" + categoryField + ", precision=" + timestampPrecision
                + ", size=" + (size == UNLIMITED ? "unlimited" : size) + ", resultPosition=" + resultPosition
                + ", fieldTypes=" + new TreeMap<>(fieldTypes) + ", strictFields=" + strictFields + '}';
    }
}
