package io.eql4j.rules.internal.toml;

/**
 * A bare {@code null}: not TOML, only accepted with {@link Toml.Option#ALLOW_NULL} (Elasticsearch's EQL QA files
 * write {@code join_keys = [null]}, which its own TOML reader accepts).
 *
 * @param position where it is written
 */
public record TomlNull(TomlPosition position) implements TomlValue {

    @Override
    public Object toJava() {
        return null;
    }

    @Override
    public String typeName() {
        return "null";
    }
}
