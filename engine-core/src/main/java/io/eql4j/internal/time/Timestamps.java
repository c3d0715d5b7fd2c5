package io.eql4j.internal.time;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Dates as Elasticsearch reads them for a {@code date} / {@code date_nanos} field with the default format
 * {@code strict_date_optional_time||epoch_millis}, hand-parsed (no {@code DateTimeFormatter}), in epoch
 * nanoseconds. Rules and sources are in {@code docs/notes/functions-and-matching.md}.
 *
 * <ul>
 *   <li>ISO: {@code yyyy[-MM[-dd]][T[HH[:mm[:ss[(.|,)f{1,9}]]][zone]]]}, the zone only after an hour:
 *       {@code Z}, {@code ±HH}, {@code ±HH:mm}, {@code ±HHmm}, {@code ±HH:mm:ss} or a region id; no zone
 *       is UTC. The year has exactly four digits.</li>
 *   <li>Otherwise epoch milliseconds: {@code -?digits{1,19}} with an optional {@code .} and up to six more
 *       digits of nanoseconds ({@code "1504126051000.123456"}). A four-digit number is a year, not a
 *       millisecond count, because the ISO format is tried first: {@code 2017} is 2017-01-01T00:00Z.</li>
 *   <li>Absent fields round down (month and day 1, time 0) to find an event's time or a range's lower end,
 *       and round up to find a range's upper end as ES's {@code JavaDateMathParser} does: month 1, day 1,
 *       hour 23, minute 59, second 59, nanosecond 999,999,999; an epoch-milliseconds value without fraction
 *       rounds up by 999,999 ns.</li>
 * </ul>
 *
 * <p>Epoch nanoseconds in a {@code long} cover 1677-09-21 to 2262-04-11; event times outside are errors and
 * range ends outside saturate.
 */
public final class Timestamps {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** "not in this format"; saturated results never take this value. */
    private static final long NO_PARSE = Long.MIN_VALUE;

    private static final long SATURATED_LOW = Long.MIN_VALUE + 1;
    private static final long SATURATED_HIGH = Long.MAX_VALUE;

    private Timestamps() {}

    /**
     * The closed range of epoch nanoseconds a date literal denotes when compared with a date field, as ES's
     * range query computes it: {@code field == lit} is {@code lower <= field <= upper}, {@code field < lit}
     * is {@code field < lower}, {@code field <= lit} is {@code field <= upper}, {@code field > lit} is
     * {@code field > upper}, {@code field >= lit} is {@code field >= lower}.
     *
     * <p>For a {@code date} field (millisecond resolution) compare in milliseconds: {@link #toMillis()} on
     * both the range and the event time ({@link Timestamps#toEpochMillis}).
     *
     * @param lower first nanosecond covered
     * @param upper last nanosecond covered (may be below {@code lower} for ES's negative epoch-millisecond
     *              rounding quirk, making the range empty)
     */
    public record Range(long lower, long upper) {

        /** The same range in epoch milliseconds (floor of both ends), for millisecond-resolution fields. */
        public Range toMillis() {
            return new Range(toEpochMillis(lower), toEpochMillis(upper));
        }

        /** {@code field == literal}. */
        public boolean equalTo(long value) {
            return lower <= value && value <= upper;
        }

        /** {@code field < literal}. */
        public boolean lessThan(long value) {
            return value < lower;
        }

        /** {@code field <= literal}. */
        public boolean lessThanOrEqual(long value) {
            return value <= upper;
        }

        /** {@code field > literal}. */
        public boolean greaterThan(long value) {
            return value > upper;
        }

        /** {@code field >= literal}. */
        public boolean greaterThanOrEqual(long value) {
            return value >= lower;
        }
    }

    /** The largest magnitude of epoch milliseconds whose nanoseconds fit a long. */
    private static final long MAX_EPOCH_MILLIS = Long.MAX_VALUE / 1_000_000L - 1;

    /**
     * An event's timestamp value in epoch nanoseconds (absent fields rounded down).
     *
     * @param value a {@link String} (ISO-8601 or epoch milliseconds), a {@link Number} (epoch milliseconds;
     *              a fraction gives sub-millisecond nanoseconds; a four-digit integer is a year, as in ES), or, from
     *              events built in Java, an {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime},
     *              {@link java.util.Date} or {@link LocalDateTime} (taken as UTC)
     * @return epoch nanoseconds
     * @throws IllegalArgumentException naming the value when it is null, of another type, not a date in the
     *                                  default format, or outside the range of epoch nanoseconds
     */
    public static long parseToEpochNanos(Object value) {
        Instant instant = instant(value);
        if (instant != null) {
            return epochNanos(instant, value);
        }
        if (value instanceof Long || value instanceof Integer) {
            long millis = ((Number) value).longValue();
            // the common case, epoch milliseconds, without going through text; four-digit numbers are years
            if ((millis < 1000 || millis > 9999) && Math.abs(millis) <= MAX_EPOCH_MILLIS) {
                return millis * 1_000_000L;
            }
        }
        String text = text(value);
        long nanos = parse(text, false);
        if (nanos == NO_PARSE) {
            throw new IllegalArgumentException("cannot parse timestamp [" + text + "]: expected an ISO-8601 date"
                    + " (strict_date_optional_time) or epoch milliseconds");
        }
        if (nanos == SATURATED_LOW || nanos == SATURATED_HIGH) {
            throw new IllegalArgumentException("timestamp [" + text + "] is outside the supported range"
                    + " 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z");
        }
        return nanos;
    }

    /**
     * The range a literal compared with a date field denotes (see {@link Range}).
     *
     * @param literal a string literal (ISO-8601 or epoch milliseconds) or a number literal (epoch milliseconds)
     * @return the range in epoch nanoseconds, ends saturated to the {@code long} range
     * @throws IllegalArgumentException when the literal is not a date in the default format (date math such as
     *                                  {@code now-1d} is not supported)
     */
    public static Range literalRange(Object literal) {
        String text = text(literal);
        long lower = parse(text, false);
        long upper = parse(text, true);
        if (lower == NO_PARSE || upper == NO_PARSE) {
            throw new IllegalArgumentException("cannot compare a date with [" + text + "]: expected an ISO-8601"
                    + " date (strict_date_optional_time) or epoch milliseconds");
        }
        return new Range(lower == SATURATED_LOW ? Long.MIN_VALUE : lower, upper);
    }

    /**
     * Epoch nanoseconds to epoch milliseconds, rounding towards negative infinity as {@code Instant.toEpochMilli}
     * (and so ES's millisecond resolution) does.
     *
     * @param epochNanos epoch nanoseconds
     * @return epoch milliseconds
     */
    public static long toEpochMillis(long epochNanos) {
        return Math.floorDiv(epochNanos, NANOS_PER_MILLI);
    }

    /**
     * Epoch milliseconds in ES's default format for {@code date} values, {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}
     * (e.g. date-typed join keys: {@code 1970-01-01T00:00:00.000Z}).
     *
     * @param epochMillis epoch milliseconds
     * @return the UTC date-time with exactly three fraction digits
     */
    public static String formatMillis(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int nanos = (int) Math.floorMod(epochMillis, 1000L) * 1_000_000;
        return format(seconds, nanos, 3);
    }

    /**
     * Epoch nanoseconds in ES's default format for {@code date_nanos} values: like {@link #formatMillis} but with
     * 3 to 9 fraction digits (trailing zeros beyond the third dropped), e.g.
     * {@code 1974-03-03T02:22:54.294365140Z}.
     *
     * @param epochNanos epoch nanoseconds
     * @return the UTC date-time
     */
    public static String formatNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        int digits = 9;
        for (int n = nanos; digits > 3 && n % 10 == 0; n /= 10) {
            digits--;
        }
        return format(seconds, nanos, digits);
    }

    /** The instant of a Java date-time value, or {@code null} for anything else (docs/notes/engine.md). */
    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC); // no zone: UTC, as Elasticsearch takes a date without one
        }
        if (value instanceof java.util.Date d) {
            // java.sql.Date and Time refuse toInstant(); their milliseconds are the same
            return Instant.ofEpochMilli(d.getTime());
        }
        return null;
    }

    private static long epochNanos(Instant instant, Object value) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp [" + value + "] is outside the supported range"
                    + " 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z");
        }
    }

    // ---------------------------------------------------------------------------------------------- parsing

    private static String text(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot parse timestamp [" + value + "]: not a finite number");
            }
            // the JSON text ES would have read; Float via its own decimal form, not the widened double's
            return (value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(d)).toPlainString();
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        throw new IllegalArgumentException("cannot parse timestamp [" + value + "]"
                + (value == null ? "" : " of type " + value.getClass().getSimpleName())
                + ": expected a string or a number");
    }

    /** ISO first, then epoch millis, as the format {@code strict_date_optional_time||epoch_millis}. */
    private static long parse(String s, boolean roundUp) {
        long iso = parseIso(s, roundUp);
        return iso != NO_PARSE ? iso : parseEpochMillis(s, roundUp);
    }

    private static long parseEpochMillis(String s, boolean roundUp) {
        int n = s.length();
        int i = 0;
        boolean negative = n > 0 && s.charAt(0) == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long millis = 0;
        while (i < n && isDigit(s.charAt(i))) {
            if (i - digitsStart == 19) {
                return NO_PARSE;
            }
            long next = millis * 10 + (s.charAt(i) - '0');
            if (next < millis) {
                return NO_PARSE; // more than Long.MAX_VALUE milliseconds
            }
            millis = next;
            i++;
        }
        if (i == digitsStart) {
            return NO_PARSE;
        }
        long nanosOfMilli = -1;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int fracStart = i;
            nanosOfMilli = 0;
            while (i < n && isDigit(s.charAt(i)) && i - fracStart < 6) {
                nanosOfMilli = nanosOfMilli * 10 + (s.charAt(i) - '0');
                i++;
            }
            for (int k = i - fracStart; k < 6; k++) {
                nanosOfMilli *= 10;
            }
        }
        if (i != n) {
            return NO_PARSE;
        }
        if (nanosOfMilli < 0) {
            nanosOfMilli = roundUp ? 999_999 : 0;
        }
        // the sign applies to the whole value, fraction included (ES EpochTime.MILLIS resolve)
        long seconds = millis / 1000;
        long nanos = (millis % 1000) * NANOS_PER_MILLI + nanosOfMilli;
        return negative ? saturatingNanos(-seconds, -nanos) : saturatingNanos(seconds, nanos);
    }

    private static long parseIso(String s, boolean roundUp) {
        int n = s.length();
        if (n < 4 || !digits(s, 0, 4)) {
            return NO_PARSE;
        }
        int year = number(s, 0, 4);
        int month = -1;
        int day = -1;
        int hour = -1;
        int minute = -1;
        int second = -1;
        int nano = -1;
        int i = 4;
        if (i + 3 <= n && s.charAt(i) == '-' && digits(s, i + 1, 2)) {
            month = number(s, i + 1, 2);
            i += 3;
            if (i + 3 <= n && s.charAt(i) == '-' && digits(s, i + 1, 2)) {
                day = number(s, i + 1, 2);
                i += 3;
            }
        }
        int offsetSeconds = 0;
        ZoneId region = null;
        if (i < n && s.charAt(i) == 'T') {
            int afterT = i + 1;
            if (afterT + 2 <= n && digits(s, afterT, 2)) {
                i = afterT + 2;
                hour = number(s, afterT, 2);
                if (i + 3 <= n && s.charAt(i) == ':' && digits(s, i + 1, 2)) {
                    minute = number(s, i + 1, 2);
                    i += 3;
                    if (i + 3 <= n && s.charAt(i) == ':' && digits(s, i + 1, 2)) {
                        second = number(s, i + 1, 2);
                        i += 3;
                        if (i + 1 < n && (s.charAt(i) == '.' || s.charAt(i) == ',') && isDigit(s.charAt(i + 1))) {
                            i++;
                            int fracStart = i;
                            nano = 0;
                            while (i < n && isDigit(s.charAt(i)) && i - fracStart < 9) {
                                nano = nano * 10 + (s.charAt(i) - '0');
                                i++;
                            }
                            for (int k = i - fracStart; k < 9; k++) {
                                nano *= 10;
                            }
                        }
                    }
                }
                if (i < n) {
                    int zoneStart = i;
                    int offset = parseOffset(s, zoneStart);
                    if (offset != Integer.MIN_VALUE) {
                        offsetSeconds = offset;
                        i = n;
                    } else if (Character.isLetter(s.charAt(zoneStart))) {
                        region = regionId(s.substring(zoneStart));
                        if (region == null) {
                            return NO_PARSE;
                        }
                        i = n;
                    }
                }
            } else {
                i = afterT; // "T" alone is accepted: the time section is optional
            }
        }
        if (i != n) {
            return NO_PARSE;
        }
        // absent fields: round down, or ES's round-up defaults
        month = month >= 0 ? month : 1;
        day = day >= 0 ? day : 1;
        hour = hour >= 0 ? hour : roundUp ? 23 : 0;
        minute = minute >= 0 ? minute : roundUp ? 59 : 0;
        second = second >= 0 ? second : roundUp ? 59 : 0;
        nano = nano >= 0 ? nano : roundUp ? 999_999_999 : 0;
        if (month > 12
                || month < 1
                || day < 1
                || day > daysInMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return NO_PARSE; // ResolverStyle.STRICT
        }
        long localSeconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        if (region != null) {
            try {
                offsetSeconds = region.getRules()
                        .getOffset(LocalDateTime.of(year, month, day, hour, minute, second))
                        .getTotalSeconds();
            } catch (DateTimeException e) {
                return NO_PARSE;
            }
        }
        return saturatingNanos(localSeconds - offsetSeconds, nano);
    }

    /**
     * {@code Z}, {@code ±HH}, {@code ±HH:mm}, {@code ±HH:mm:ss} or {@code ±HHmm} filling the rest of the text,
     * as total seconds; {@link Integer#MIN_VALUE} when the rest is not such an offset.
     */
    private static int parseOffset(String s, int from) {
        int n = s.length() - from;
        if (n == 1 && s.charAt(from) == 'Z') {
            return 0;
        }
        char sign = s.charAt(from);
        if ((sign != '+' && sign != '-') || n < 3 || !digits(s, from + 1, 2)) {
            return Integer.MIN_VALUE;
        }
        int hours = number(s, from + 1, 2);
        int minutes = 0;
        int seconds = 0;
        if (n == 3) {
            // ±HH
        } else if (n == 5 && digits(s, from + 3, 2)) {
            minutes = number(s, from + 3, 2);
        } else if ((n == 6 || n == 9) && s.charAt(from + 3) == ':' && digits(s, from + 4, 2)) {
            minutes = number(s, from + 4, 2);
            if (n == 9) {
                if (s.charAt(from + 6) != ':' || !digits(s, from + 7, 2)) {
                    return Integer.MIN_VALUE;
                }
                seconds = number(s, from + 7, 2);
            }
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours > 18 || minutes > 59 || seconds > 59 || hours == 18 && (minutes > 0 || seconds > 0)) {
            return Integer.MIN_VALUE;
        }
        int total = hours * 3600 + minutes * 60 + seconds;
        return sign == '-' ? -total : total;
    }

    private static ZoneId regionId(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static long saturatingNanos(long seconds, long nanos) {
        try {
            long result = Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
            if (result != NO_PARSE) {
                return result;
            }
        } catch (ArithmeticException outOfRange) {
            // fall through: saturate
        }
        return seconds < 0 || seconds == 0 && nanos < 0 ? SATURATED_LOW : SATURATED_HIGH;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    // ---------------------------------------------------------------------------------------------- printing

    private static String format(long epochSeconds, int nanos, int fractionDigits) {
        long days = Math.floorDiv(epochSeconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSeconds, 86_400L);
        // civil_from_days
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        StringBuilder sb = new StringBuilder(24 + fractionDigits);
        if (year > 9999) {
            sb.append('+'); // ES's printer: four to nine digits, sign when the pad width is exceeded
        } else if (year < 0) {
            sb.append('-');
        }
        pad(sb, Math.abs(year), 4);
        sb.append('-');
        pad(sb, month, 2);
        sb.append('-');
        pad(sb, day, 2);
        sb.append('T');
        pad(sb, secondOfDay / 3600, 2);
        sb.append(':');
        pad(sb, secondOfDay / 60 % 60, 2);
        sb.append(':');
        pad(sb, secondOfDay % 60, 2);
        sb.append('.');
        String fraction = String.valueOf(1_000_000_000L + nanos).substring(1, 1 + fractionDigits);
        sb.append(fraction).append('Z');
        return sb.toString();
    }

    private static void pad(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int k = digits.length(); k < width; k++) {
            sb.append('0');
        }
        sb.append(digits);
    }
}
