package io.eql4j.rules.internal.toml;

import java.time.temporal.Temporal;
import java.util.Objects;

/**
 * A TOML offset date-time, local date-time, local date or local time.
 *
 * @param value    an {@code OffsetDateTime}, {@code LocalDateTime}, {@code LocalDate} or {@code LocalTime}
 * @param position where it is written
 */
public record TomlDateTime(Temporal value, TomlPosition position) implements TomlValue {

    public TomlDateTime {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public Object toJava() {
        return value;
    }

    @Override
    public String typeName() {
        return "date-time";
    }
}
