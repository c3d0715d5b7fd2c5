package io.eql4j.internal.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.testsupport.Seeded;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    private static long nanos(String isoInstant) {
        Instant i = Instant.parse(isoInstant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** value | the instant it denotes (rounded down). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2017-08-30T20:47:33Z                | 2017-08-30T20:47:33Z",
                "2017-08-30T20:47:33.510Z            | 2017-08-30T20:47:33.510Z",
                "1974-03-03T02:22:54.294365140Z      | 1974-03-03T02:22:54.294365140Z",
                "1974-03-02T19:53:16.510000000Z      | 1974-03-02T19:53:16.510Z",
                "2017-08-30T20:47:33.1Z              | 2017-08-30T20:47:33.100Z",
                "2017-08-30T20:47:33,5Z              | 2017-08-30T20:47:33.500Z",
                "2017-08-30T20:47:33.123456789Z      | 2017-08-30T20:47:33.123456789Z",
                "2017-08-30T20:47:33+02:00           | 2017-08-30T18:47:33Z",
                "2017-08-30T20:47:33+0200            | 2017-08-30T18:47:33Z",
                "2017-08-30T20:47:33+02              | 2017-08-30T18:47:33Z",
                "2017-08-30T20:47:33-05:30           | 2017-08-31T02:17:33Z",
                "2017-08-30T20:47:33+02:00:30        | 2017-08-30T18:47:03Z",
                "2017-08-30T20:47:33Europe/Paris     | 2017-08-30T18:47:33Z",
                "2017-08-30T20:47:33                 | 2017-08-30T20:47:33Z",
                "2017-08-30T20:47                    | 2017-08-30T20:47:00Z",
                "2017-08-30T20                       | 2017-08-30T20:00:00Z",
                "2017-08-30T20Z                      | 2017-08-30T20:00:00Z",
                "2017-08-30T                         | 2017-08-30T00:00:00Z",
                "2017-08-30                          | 2017-08-30T00:00:00Z",
                "2017-08                             | 2017-08-01T00:00:00Z",
                "2017                                | 2017-01-01T00:00:00Z",
                "2016-02-29                          | 2016-02-29T00:00:00Z",
                "1970-01-01T00:00:00Z                | 1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z      | 1969-12-31T23:59:59.999999999Z",
                "1                                   | 1970-01-01T00:00:00.001Z",
                "0                                   | 1970-01-01T00:00:00Z",
                "999                                 | 1970-01-01T00:00:00.999Z",
                "10000                               | 1970-01-01T00:00:10Z",
                "20170830                            | 1970-01-01T05:36:10.830Z",
                "1504126051000                       | 2017-08-30T20:47:31Z",
                "1504126051000.123456                | 2017-08-30T20:47:31.000123456Z",
                "1504126051000.5                     | 2017-08-30T20:47:31.000500Z",
                "1504126051000.                      | 2017-08-30T20:47:31Z",
                "-1                                  | 1969-12-31T23:59:59.999Z",
                "-1.5                                | 1969-12-31T23:59:59.998500Z",
            })
    void parsesStrings(String value, String instant) {
        assertThat(Timestamps.parseToEpochNanos(value)).isEqualTo(nanos(instant));
    }

    @Test
    void parsesNumbersAsEpochMillisExceptFourDigitYears() {
        assertThat(Timestamps.parseToEpochNanos(1504126051000L)).isEqualTo(nanos("2017-08-30T20:47:31Z"));
        assertThat(Timestamps.parseToEpochNanos(1)).isEqualTo(1_000_000L);
        assertThat(Timestamps.parseToEpochNanos((short) 12)).isEqualTo(12_000_000L);
        assertThat(Timestamps.parseToEpochNanos(1.5)).isEqualTo(1_500_000L);
        assertThat(Timestamps.parseToEpochNanos(1504126051000.0)).isEqualTo(nanos("2017-08-30T20:47:31Z"));
        assertThat(Timestamps.parseToEpochNanos(new BigDecimal("1504126051000.000001")))
                .isEqualTo(nanos("2017-08-30T20:47:31.000000001Z"));
        // ES reads a JSON number's text with strict_date_optional_time first: four digits are a year
        assertThat(Timestamps.parseToEpochNanos(2017L)).isEqualTo(nanos("2017-01-01T00:00:00Z"));
        assertThat(Timestamps.parseToEpochNanos(2017.0)).isEqualTo(2017_000_000L);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abc",
                "2017-02-30",
                "2017-13-01",
                "2017-00-10",
                "2017-08-30T24:00:00Z",
                "2017-08-30T20:47:60Z",
                "2017-08-30T20:61Z",
                "2017-08-30Z",
                "2017-08-30T20:47:33.Z",
                "2017-08-30T20:47:33.1234567890Z",
                "2017-08-30T20:47:33z",
                "2017-08-30T20:47:33+2",
                "2017-08-30T20:47:33+19:00",
                "2017-08-30T20:47:33 Z",
                "2017-8-30",
                "1.1234567",
                "+1000",
                "1e3",
                "12345678901234567890",
                "now-1d",
                "2017-08-30T20:47:33Mars/Olympus",
                "2015-02-29"
            })
    void rejectsWhatTheDefaultFormatRejects(String value) {
        assertThatThrownBy(() -> Timestamps.parseToEpochNanos(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + value + "]");
    }

    @Test
    void rejectsOtherTypesAndTheUnrepresentable() {
        assertThatThrownBy(() -> Timestamps.parseToEpochNanos(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[null]");
        assertThatThrownBy(() -> Timestamps.parseToEpochNanos(true)).hasMessageContaining("Boolean");
        assertThatThrownBy(() -> Timestamps.parseToEpochNanos(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Timestamps.parseToEpochNanos("2263-01-01"))
                .hasMessageContaining("outside the supported range");
        assertThatThrownBy(() -> Timestamps.parseToEpochNanos("1600-01-01T00:00:00Z"))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> Timestamps.parseToEpochNanos(Long.MAX_VALUE)).hasMessageContaining("outside");
    }

    /** literal | first nanosecond | last nanosecond (ES range-query rounding; upper bounds round up). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2017-08-30T20:47:33Z            | 2017-08-30T20:47:33Z      | 2017-08-30T20:47:33.999999999Z",
                "2017-08-30T20:47:33.510Z        | 2017-08-30T20:47:33.510Z  | 2017-08-30T20:47:33.510Z",
                "2017-08-30T20:47:33.5Z          | 2017-08-30T20:47:33.500Z  | 2017-08-30T20:47:33.500Z",
                "1974-03-03T02:22:54.294365140Z  | 1974-03-03T02:22:54.294365140Z | 1974-03-03T02:22:54.294365140Z",
                "2017-08-30T20:47                | 2017-08-30T20:47:00Z      | 2017-08-30T20:47:59.999999999Z",
                "2017-08-30T20+01:00             | 2017-08-30T19:00:00Z      | 2017-08-30T19:59:59.999999999Z",
                "2017-08-30                      | 2017-08-30T00:00:00Z      | 2017-08-30T23:59:59.999999999Z",
                "2017-08                         | 2017-08-01T00:00:00Z      | 2017-08-01T23:59:59.999999999Z",
                "2017                            | 2017-01-01T00:00:00Z      | 2017-01-01T23:59:59.999999999Z",
                "1516116808349                   | 2018-01-16T15:33:28.349Z  | 2018-01-16T15:33:28.349999999Z",
                "1516116808349.25                | 2018-01-16T15:33:28.349250Z | 2018-01-16T15:33:28.349250Z",
            })
    void literalRanges(String literal, String lower, String upper) {
        assertThat(Timestamps.literalRange(literal)).isEqualTo(new Timestamps.Range(nanos(lower), nanos(upper)));
    }

    @Test
    void numericLiteralRangesAndQuirks() {
        assertThat(Timestamps.literalRange(1516116808349L))
                .isEqualTo(new Timestamps.Range(
                        nanos("2018-01-16T15:33:28.349Z"), nanos("2018-01-16T15:33:28.349999999Z")));
        // rounding up a negative epoch-millisecond value moves away from zero (ES EpochTime): an empty range
        Timestamps.Range minusOne = Timestamps.literalRange(-1L);
        assertThat(minusOne).isEqualTo(new Timestamps.Range(-1_000_000L, -1_999_999L));
        assertThat(minusOne.equalTo(-1_000_000L)).isFalse();
        assertThat(Timestamps.literalRange("0001-01-01").lower()).isEqualTo(Long.MIN_VALUE);
        assertThat(Timestamps.literalRange("9999-01-01").upper()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Timestamps.literalRange("now"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[now]");
    }

    @Test
    void rangeComparisons() {
        Timestamps.Range second = Timestamps.literalRange("2017-08-30T20:47:33Z");
        long inside = nanos("2017-08-30T20:47:33.5Z");
        long before = nanos("2017-08-30T20:47:32.999999999Z");
        long after = nanos("2017-08-30T20:47:34Z");
        assertThat(second.equalTo(inside)).isTrue();
        assertThat(second.equalTo(before)).isFalse();
        assertThat(second.lessThan(before)).isTrue();
        assertThat(second.lessThan(inside)).isFalse();
        assertThat(second.lessThanOrEqual(inside)).isTrue();
        assertThat(second.lessThanOrEqual(after)).isFalse();
        assertThat(second.greaterThan(inside)).isFalse();
        assertThat(second.greaterThan(after)).isTrue();
        assertThat(second.greaterThanOrEqual(inside)).isTrue();
        assertThat(second.greaterThanOrEqual(before)).isFalse();
        Timestamps.Range millis =
                Timestamps.literalRange("2017-08-30T20:47:33.510Z").toMillis();
        assertThat(millis).isEqualTo(new Timestamps.Range(1504126053510L, 1504126053510L));
        assertThat(millis.equalTo(Timestamps.toEpochMillis(nanos("2017-08-30T20:47:33.510999Z"))))
                .isTrue();
    }

    @Test
    void formats() {
        assertThat(Timestamps.formatMillis(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.formatMillis(86_400_000L)).isEqualTo("1970-01-02T00:00:00.000Z");
        assertThat(Timestamps.formatMillis(1504126053510L)).isEqualTo("2017-08-30T20:47:33.510Z");
        assertThat(Timestamps.formatMillis(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(Timestamps.formatMillis(253402300800000L)).isEqualTo("+10000-01-01T00:00:00.000Z");
        assertThat(Timestamps.formatMillis(-62167219200001L)).isEqualTo("-0001-12-31T23:59:59.999Z");
        assertThat(Timestamps.formatNanos(nanos("1974-03-03T02:22:54.294365140Z")))
                .isEqualTo("1974-03-03T02:22:54.29436514Z");
        assertThat(Timestamps.formatNanos(nanos("1974-03-02T19:53:16.510Z"))).isEqualTo("1974-03-02T19:53:16.510Z");
        assertThat(Timestamps.formatNanos(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.toEpochMillis(-1)).isEqualTo(-1);
        assertThat(Timestamps.toEpochMillis(1_999_999)).isEqualTo(1);
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A long in {@code [min, max]}: the bounds and zero often, else uniform. */
    private static long longIn(java.util.Random r, long min, long max) {
        switch (r.nextInt(8)) {
            case 0:
                return min;
            case 1:
                return max;
            case 2:
                return Math.max(min, Math.min(max, 0));
            default:
                return min + Math.floorMod(r.nextLong(), max - min + 1);
        }
    }

    @Test
    void formatMillisIsTheEsKeyFormat() {
        Seeded.check(
                "formatMillisIsTheEsKeyFormat",
                2000,
                r -> formatMillisIsTheEsKeyFormat(longIn(r, -62135596800000L, 253402300799999L)));
    }

    private static void formatMillisIsTheEsKeyFormat(long millis) {
        assertThat(Timestamps.formatMillis(millis)).isEqualTo(MILLIS.format(Instant.ofEpochMilli(millis)));
    }

    @Test
    void parsesWhatJavaTimePrints() {
        Seeded.check(
                "parsesWhatJavaTimePrints",
                3000,
                r -> parsesWhatJavaTimePrints(
                        longIn(r, -9_000_000_000_000_000_000L, 9_000_000_000_000_000_000L),
                        Seeded.between(r, -18 * 4, 18 * 4)));
    }

    private static void parsesWhatJavaTimePrints(long epochNanos, int quarterHours) {
        Instant instant = Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
        String utc = DateTimeFormatter.ISO_INSTANT.format(instant);
        assertThat(Timestamps.parseToEpochNanos(utc)).as(utc).isEqualTo(epochNanos);
        OffsetDateTime shifted = instant.atOffset(ZoneOffset.ofTotalSeconds(quarterHours * 900));
        String offset = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(shifted);
        assertThat(Timestamps.parseToEpochNanos(offset)).as(offset).isEqualTo(epochNanos);
        assertThat(Timestamps.parseToEpochNanos(Timestamps.formatNanos(epochNanos)))
                .isEqualTo(epochNanos);
        long millis = Math.floorDiv(epochNanos, 1_000_000L);
        if (!Long.toString(millis).matches("\\d{4}")) { // four digits are a year (see the example test)
            assertThat(Timestamps.parseToEpochNanos(Long.toString(millis))).isEqualTo(millis * 1_000_000L);
        }
    }

    @Test
    void regionZonesFollowTheirRules() {
        Seeded.check(
                "regionZonesFollowTheirRules", 1000, r -> regionZonesFollowTheirRules(longIn(r, 0, 4_000_000_000L)));
    }

    private static void regionZonesFollowTheirRules(long epochSecond) {
        ZoneId paris = ZoneId.of("Europe/Paris");
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        String text =
                local.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Europe/Paris";
        long expected = local.atZone(paris).toEpochSecond() * 1_000_000_000L;
        assertThat(Timestamps.parseToEpochNanos(text)).as(text).isEqualTo(expected);
    }
}
