package io.eql4j.internal.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DateFormatsTest {

    private static String iso(String value, String... formats) {
        return Timestamps.formatNanos(DateFormats.parse(value, List.of(formats)));
    }

    @Test
    void readsPatternsNamedFormatsAndEpochsInTurn() {
        assertThat(iso("17-12-2022", "dd-MM-yyyy")).isEqualTo("2022-12-17T00:00:00.000Z");
        assertThat(iso("2022-12-17 10:11:12", "yyyy-MM-dd HH:mm:ss")).isEqualTo("2022-12-17T10:11:12.000Z");
        assertThat(iso("2022-12-17T10:11:12+02:00", "yyyy-MM-dd'T'HH:mm:ssXXX")).isEqualTo("2022-12-17T08:11:12.000Z");
        assertThat(iso("20221217", "basic_date")).isEqualTo("2022-12-17T00:00:00.000Z");
        assertThat(iso("2022-12", "year_month")).isEqualTo("2022-12-01T00:00:00.000Z");
        assertThat(iso("1671235200", "epoch_second")).isEqualTo("2022-12-17T00:00:00.000Z");
        assertThat(iso("1671235200000", "dd-MM-yyyy", "epoch_millis")).isEqualTo("2022-12-17T00:00:00.000Z");
        assertThat(iso("2022-12-17T01:02:03.123456789Z", "strict_date_optional_time_nanos"))
                .isEqualTo("2022-12-17T01:02:03.123456789Z");
        // an ISO format does not read a bare epoch number, an epoch format does not read ISO
        assertThatThrownBy(() -> DateFormats.parse("1671235200000", List.of("strict_date_optional_time")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DateFormats.parse("2022-12-17", List.of("epoch_millis")))
                .hasMessageContaining("is not a date in the format epoch_millis");
    }

    @Test
    void writesInTheFirstFormat() {
        long nanos = DateFormats.parse("17-12-2022", List.of("dd-MM-yyyy"));
        assertThat(DateFormats.format(nanos, List.of("dd-MM-yyyy", "epoch_millis")))
                .isEqualTo("17-12-2022");
        assertThat(DateFormats.format(nanos, List.of())).isEqualTo("2022-12-17T00:00:00.000Z");
        assertThat(DateFormats.format(nanos, List.of("epoch_millis"))).isEqualTo("1671235200000");
        assertThat(DateFormats.format(nanos, List.of("epoch_second"))).isEqualTo("1671235200");
    }

    @Test
    void tellsWhichFormatsItCannotRead() {
        assertThat(DateFormats.check("dd-MM-yyyy")).isNull();
        assertThat(DateFormats.check("strict_date_optional_time")).isNull();
        assertThat(DateFormats.check("no_such_format")).contains("unsupported date format [no_such_format]");
        assertThat(DateFormats.check("yyyy-MM-dd'T")).contains("unsupported date format");
        assertThat(DateFormats.isDefault(List.of("strict_date_optional_time", "epoch_millis")))
                .isTrue();
        assertThat(DateFormats.isDefault(List.of("epoch_millis"))).isFalse();
    }
}
