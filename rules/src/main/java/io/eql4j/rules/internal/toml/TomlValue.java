package io.eql4j.rules.internal.toml;

/**
 * A parsed TOML value with the place it was written. The tree is immutable; {@link #toJava()} gives the same value
 * as plain Java objects.
 */
public sealed interface TomlValue
        permits TomlString, TomlInteger, TomlFloat, TomlBoolean, TomlDateTime, TomlArray, TomlTable, TomlNull {

    /** Where the value starts: its first char, a table's header, or line 1 column 1 for the root table. */
    TomlPosition position();

    /**
     * The value as plain Java: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, a {@code java.time}
     * value ({@code OffsetDateTime}, {@code LocalDateTime}, {@code LocalDate}, {@code LocalTime}), an unmodifiable
     * {@code List<Object>} or insertion-ordered {@code Map<String, Object>}, or {@code null} for a lenient null.
     */
    Object toJava();

    /** The TOML type name, for messages: "string", "integer", "float", "boolean", "date-time", "array", "table". */
    String typeName();

    /** The value as {@code type}, or a {@link TomlException} at this value saying that {@code what} must be one. */
    default <T extends TomlValue> T as(Class<T> type, String what) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new TomlException(
                position(),
                "expected " + what + " to be " + TomlTypes.withArticle(TomlTypes.name(type)) + ", found "
                        + TomlTypes.withArticle(typeName()));
    }
}
