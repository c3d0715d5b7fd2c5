package io.eql4j.rules.internal.toml;

/** Names of TOML value types, for messages. */
final class TomlTypes {

    private TomlTypes() {}

    static String name(Class<? extends TomlValue> type) {
        if (type == TomlString.class) {
            return "string";
        } else if (type == TomlInteger.class) {
            return "integer";
        } else if (type == TomlFloat.class) {
            return "float";
        } else if (type == TomlBoolean.class) {
            return "boolean";
        } else if (type == TomlDateTime.class) {
            return "date-time";
        } else if (type == TomlArray.class) {
            return "array";
        } else if (type == TomlTable.class) {
            return "table";
        }
        return "null";
    }

    /** "a string", "an integer", ... */
    static String withArticle(String typeName) {
        return (typeName.startsWith("a") || typeName.startsWith("i") ? "an " : "a ") + typeName;
    }
}
