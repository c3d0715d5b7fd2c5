package io.eql4j.rules.internal.toml;

/**
 * A TOML integer.
 *
 * @param value    the value
 * @param position where it is written
 */
public record TomlInteger(long value, TomlPosition position) implements TomlValue {

    @Override
    public Object toJava() {
        return Long.valueOf(value);
    }

    @Override
    public String typeName() {
        return "integer";
    }
}
