package io.eql4j.rules.internal.toml;

/**
 * A TOML boolean.
 *
 * @param value    the value
 * @param position where it is written
 */
public record TomlBoolean(boolean value, TomlPosition position) implements TomlValue {

    @Override
    public Object toJava() {
        return Boolean.valueOf(value);
    }

    @Override
    public String typeName() {
        return "boolean";
    }
}
