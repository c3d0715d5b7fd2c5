package io.eql4j.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an enum option's value as the help spells it (lower case), in any case; a wrong value is answered with
 * the values in that spelling ({@code expected one of ndjson, text}), not the Java constants.
 */
class Choice<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;

    Choice(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + spelled(type));
    }

    /** The values as the help writes them. */
    static String spelled(Class<? extends Enum<?>> type) {
        return String.join(
                ", ",
                Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(Locale.ROOT))
                        .toList());
    }
}
