package io.eql4j.internal.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code format} of a date field: Elasticsearch's named formats that eql4j knows, and Java date-time patterns
 * ({@code dd-MM-yyyy}). A value is parsed by the first format that accepts it; parts a format lacks default to the
 * start (January, the 1st, midnight) and a value without a zone is UTC. See {@code docs/mappings.md}.
 */
public final class DateFormats {

    private DateFormats() {}

    /** How a named format reads a value. */
    private enum Kind {
        ISO,
        EPOCH_MILLIS,
        EPOCH_SECOND,
        PATTERN
    }

    /** Named formats that are ISO-8601 variants (all read by the ISO parser, which accepts each of them). */
    private static final List<String> ISO_NAMES = List.of(
            "strict_date_optional_time",
            "date_optional_time",
            "strict_date_optional_time_nanos",
            "strict_date_time",
            "date_time",
            "strict_date_time_no_millis",
            "date_time_no_millis",
            "iso8601");

    /** Named formats that are fixed patterns. */
    private static final Map<String, String> NAMED_PATTERNS = Map.ofEntries(
            Map.entry("strict_date", "yyyy-MM-dd"),
            Map.entry("date", "yyyy-MM-dd"),
            Map.entry("year_month_day", "yyyy-MM-dd"),
            Map.entry("strict_year_month_day", "yyyy-MM-dd"),
            Map.entry("basic_date", "yyyyMMdd"),
            Map.entry("basic_date_time", "yyyyMMdd'T'HHmmss.SSSXX"),
            Map.entry("basic_date_time_no_millis", "yyyyMMdd'T'HHmmssXX"),
            Map.entry("strict_date_hour_minute_second", "yyyy-MM-dd'T'HH:mm:ss"),
            Map.entry("date_hour_minute_second", "yyyy-MM-dd'T'HH:mm:ss"),
            Map.entry("strict_date_hour_minute_second_millis", "yyyy-MM-dd'T'HH:mm:ss.SSS"),
            Map.entry("date_hour_minute_second_millis", "yyyy-MM-dd'T'HH:mm:ss.SSS"),
            Map.entry("strict_date_hour_minute", "yyyy-MM-dd'T'HH:mm"),
            Map.entry("date_hour_minute", "yyyy-MM-dd'T'HH:mm"),
            Map.entry("strict_date_hour", "yyyy-MM-dd'T'HH"),
            Map.entry("date_hour", "yyyy-MM-dd'T'HH"),
            Map.entry("strict_year_month", "yyyy-MM"),
            Map.entry("year_month", "yyyy-MM"),
            Map.entry("strict_year", "yyyy"),
            Map.entry("year", "yyyy"));

    /**
     * Why {@code format} cannot be used, or {@code null} when it can.
     */
    public static String check(String format) {
        try {
            if (kind(format) == Kind.PATTERN) {
                formatter(format);
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "unsupported date format [" + format + "]: " + e.getMessage();
        }
    }

    /** Whether the formats are Elasticsearch's default, {@code strict_date_optional_time||epoch_millis}. */
    public static boolean isDefault(List<String> formats) {
        return formats.equals(List.of("strict_date_optional_time", "epoch_millis"))
                || formats.equals(List.of("date_optional_time", "epoch_millis"));
    }

    private static Kind kind(String format) {
        if (ISO_NAMES.contains(format)) {
            return Kind.ISO;
        }
        if (format.equals("epoch_millis")) {
            return Kind.EPOCH_MILLIS;
        }
        if (format.equals("epoch_second")) {
            return Kind.EPOCH_SECOND;
        }
        return Kind.PATTERN;
    }

    private static DateTimeFormatter formatter(String format) {
        String pattern = NAMED_PATTERNS.getOrDefault(format, format);
        if (pattern.chars().allMatch(c -> Character.isLowerCase(c) || c == '_') && pattern.contains("_")) {
            throw new IllegalArgumentException("not a date format eql4j knows");
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "not a date format eql4j knows, nor a valid date pattern (" + e.getMessage() + ")");
        }
    }

    /**
     * The instant {@code text} denotes in the first of {@code formats} that reads it, in epoch nanoseconds.
     *
     * @throws IllegalArgumentException when no format reads it
     */
    public static long parse(String text, List<String> formats) {
        for (String format : formats) {
            Long nanos = tryParse(text, format);
            if (nanos != null) {
                return nanos;
            }
        }
        throw new IllegalArgumentException("[" + text + "] is not a date in the format " + String.join("||", formats));
    }

    private static Long tryParse(String text, String format) {
        switch (kind(format)) {
            case ISO:
                if (isDigits(text) && text.length() > 4) {
                    return null;
                }
                return tryTimestamps(text);
            case EPOCH_MILLIS:
                return isNumber(text) ? tryTimestamps(text) : null;
            case EPOCH_SECOND:
                if (!isNumber(text)) {
                    return null;
                }
                try {
                    return new java.math.BigDecimal(text).movePointRight(9).longValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    return null;
                }
            default:
                try {
                    return toNanos(formatter(format).parse(text.strip()));
                } catch (DateTimeException | ArithmeticException e) {
                    return null;
                }
        }
    }

    private static Long tryTimestamps(String text) {
        try {
            return Timestamps.parseToEpochNanos(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long toNanos(TemporalAccessor t) {
        LocalDate date = t.query(TemporalQueries.localDate());
        if (date == null) {
            int year = t.isSupported(ChronoField.YEAR)
                    ? t.get(ChronoField.YEAR)
                    : t.isSupported(ChronoField.YEAR_OF_ERA) ? t.get(ChronoField.YEAR_OF_ERA) : 1970;
            int month = t.isSupported(ChronoField.MONTH_OF_YEAR) ? t.get(ChronoField.MONTH_OF_YEAR) : 1;
            int day = t.isSupported(ChronoField.DAY_OF_MONTH) ? t.get(ChronoField.DAY_OF_MONTH) : 1;
            date = LocalDate.of(year, month, day);
        }
        LocalTime time = t.query(TemporalQueries.localTime());
        if (time == null) {
            int hour = t.isSupported(ChronoField.HOUR_OF_DAY) ? t.get(ChronoField.HOUR_OF_DAY) : 0;
            int minute = t.isSupported(ChronoField.MINUTE_OF_HOUR) ? t.get(ChronoField.MINUTE_OF_HOUR) : 0;
            time = LocalTime.of(hour, minute);
        }
        ZoneId zone = t.query(TemporalQueries.zone());
        Instant instant =
                date.atTime(time).atZone(zone == null ? ZoneOffset.UTC : zone).toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /**
     * An instant as the first of {@code formats} writes it, as Elasticsearch returns a date field's value; the
     * default format gives {@code 2017-08-30T20:47:33.000Z}.
     */
    public static String format(long epochNanos, List<String> formats) {
        String first = formats.isEmpty() ? "strict_date_optional_time" : formats.get(0);
        switch (kind(first)) {
            case EPOCH_MILLIS:
                return Long.toString(Math.floorDiv(epochNanos, 1_000_000L));
            case EPOCH_SECOND:
                return Long.toString(Math.floorDiv(epochNanos, 1_000_000_000L));
            case ISO:
                return Timestamps.formatMillis(Math.floorDiv(epochNanos, 1_000_000L));
            default:
                Instant instant = Instant.ofEpochSecond(
                        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
                try {
                    return formatter(first).withZone(ZoneOffset.UTC).format(instant);
                } catch (DateTimeException e) {
                    return Timestamps.formatMillis(Math.floorDiv(epochNanos, 1_000_000L));
                }
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) && !(i == 0 && s.charAt(i) == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? isDigits(s) : isDigits(s.substring(0, dot)) && isDigits(s.substring(dot + 1));
    }
}
