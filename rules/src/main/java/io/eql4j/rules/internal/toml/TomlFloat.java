package io.eql4j.rules.internal.toml;

/**
 * A TOML float.
 *
 * @param value    the value
 * @param position where it is written
 */
public record TomlFloat(double value, TomlPosition position) implements TomlValue {

    @Override
    public Object toJava() {
        return Double.valueOf(value);
    }

    @Override
    public String typeName() {
        return "float";
    }
}
