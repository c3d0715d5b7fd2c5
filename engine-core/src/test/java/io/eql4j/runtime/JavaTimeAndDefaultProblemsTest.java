package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.event.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What an embedder meets: Java date-time values as timestamps, and problems logged when nobody listens. */
class JavaTimeAndDefaultProblemsTest {

    private static final String QUERY = "sequence with maxspan=10s [process where n == 1] [process where n == 2]";

    /** Runs the two-stage sequence over two events whose timestamps are {@code first} and {@code second}. */
    private static List<Match> run(Object first, Object second, List<EventProblem> problems) {
        List<Match> matches = new ArrayList<>();
        EqlEngine engine = EqlEngine.builder()
                .query(QUERY)
                .onMatch(matches::add)
                .onProblem(problems::add)
                .build();
        engine.accept(Event.of(Map.of("@timestamp", first, "event", Map.of("category", "process"), "n", 1)));
        engine.accept(Event.of(Map.of("@timestamp", second, "event", Map.of("category", "process"), "n", 2)));
        engine.finish();
        return matches;
    }

    @Test
    void acceptsJavaDateTimeValuesAsTimestamps() {
        Instant t = Instant.parse("2026-03-17T09:00:00.123Z");
        List<Object[]> pairs = List.of(
                new Object[] {t, t.plusSeconds(5)},
                new Object[] {
                    t.atOffset(ZoneOffset.ofHours(2)), t.plusSeconds(5).atOffset(ZoneOffset.ofHours(-3))
                },
                new Object[] {
                    t.atZone(ZoneId.of("Europe/Paris")), t.plusSeconds(5).atZone(ZoneId.of("Asia/Tokyo"))
                },
                new Object[] {Date.from(t), Date.from(t.plusSeconds(5))},
                new Object[] {
                    LocalDateTime.ofInstant(t, ZoneOffset.UTC),
                    LocalDateTime.ofInstant(t.plusSeconds(5), ZoneOffset.UTC)
                },
                // mixed with the JSON forms: epoch milliseconds and ISO text
                new Object[] {t.toEpochMilli(), OffsetDateTime.ofInstant(t.plusSeconds(5), ZoneOffset.UTC)},
                new Object[] {"2026-03-17T09:00:00.123Z", ZonedDateTime.ofInstant(t.plusSeconds(5), ZoneOffset.UTC)});
        for (Object[] pair : pairs) {
            List<EventProblem> problems = new ArrayList<>();
            assertThat(run(pair[0], pair[1], problems))
                    .as(pair[0].getClass().getSimpleName())
                    .hasSize(1);
            assertThat(problems).isEmpty();
        }
        // 11 s apart: the maxspan is measured on the converted times, so no match
        List<EventProblem> problems = new ArrayList<>();
        assertThat(run(t, t.plusSeconds(11), problems)).isEmpty();
        // LocalDateTime is UTC: 09:00:05 local is 5 s after 09:00:00Z
        assertThat(run(t, LocalDateTime.of(2026, 3, 17, 9, 0, 5), problems)).hasSize(1);
        // beyond what epoch nanoseconds hold: reported, in our words
        assertThat(run(t, Instant.parse("2300-01-01T00:00:00Z"), problems)).isEmpty();
        assertThat(problems)
                .singleElement()
                .extracting(EventProblem::message)
                .asString()
                .contains("outside the supported range");
    }

    @Test
    void withoutAProblemListenerProblemsAreLogged() {
        Logger logger = Logger.getLogger("io.eql4j");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        boolean parents = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        try {
            EqlEngine engine = EqlEngine.builder()
                    .query("process where true")
                    .onMatch(m -> {})
                    .build();
            for (int i = 0; i < 150; i++) {
                engine.accept(Event.of(Map.of("event", Map.of("category", "process")))); // no @timestamp
            }
            engine.finish();
            assertThat(engine.stats().eventsWithoutTimestamp()).isEqualTo(150);
            // the first 100 one by one, then one line that says the rest are counted
            assertThat(records).hasSize(101);
            assertThat(records.get(0).getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(records.get(0).getMessage()).startsWith("eql4j: event 1: no usable timestamp");
            assertThat(records.get(100).getMessage()).contains("counted in the engine's stats");
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(parents);
        }
    }
}
