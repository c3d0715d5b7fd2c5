package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Event-time ordering on its own, table-driven: arrivals as {@code ts} or {@code ts/tiebreaker}, the order in which
 * the clock lets them be evaluated (arrival numbers), and which are late.
 */
class EventClockTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // lateness, arrivals, evaluated (by arrival number, 1-based), late
                Arguments.of(0, "1 2 3", "1 2 3", ""),
                Arguments.of(0, "1 3 2", "1 2", "3"),
                Arguments.of(0, "5 5 5", "1 2 3", ""),
                Arguments.of(0, "5/b 5/a", "1", "2"),
                Arguments.of(0, "5/a 5/b 5", "1 2 3", ""),
                Arguments.of(0, "5 5/a", "1", "2"),
                Arguments.of(2, "1 3 2", "1 3 2", ""),
                Arguments.of(2, "10 9 8 7", "3 2 1", "4"),
                Arguments.of(2, "10 12 9", "1 2", "3"),
                Arguments.of(2, "10 11 10/a 10/b", "3 4 1 2", ""),
                Arguments.of(5, "4 3 2 1 9", "4 3 2 1 5", ""),
                Arguments.of(Long.MAX_VALUE, "9 1 5 " + (Long.MIN_VALUE + 5), "2 3 1", "4"),
                Arguments.of(0, Long.MIN_VALUE + " " + Long.MAX_VALUE, "1 2", ""));
    }

    @ParameterizedTest(name = "lateness {0}: {1}")
    @MethodSource("table")
    void ordersAndRefusesAsElasticsearchOrdinals(long lateness, String arrivals, String evaluated, String late) {
        EventClock clock = new EventClock(lateness, Long.MAX_VALUE);
        List<String> ran = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        long number = 0;
        for (String arrival : arrivals.split(" ")) {
            number++;
            String[] parts = arrival.split("/");
            long ts = Long.parseLong(parts[0]);
            Object tie = parts.length > 1 ? parts[1] : null;
            switch (clock.offer(ts, tie, number)) {
                case NOW:
                    ran.add(String.valueOf(number));
                    clock.evaluated(ts, tie, number);
                    clock.ranInOrder();
                    break;
                case HOLD:
                    clock.hold(new EventClock.Buffered(null, ts, tie, number, new int[0]));
                    drain(clock, ran);
                    break;
                default:
                    refused.add(String.valueOf(number));
            }
        }
        clock.raiseWatermark(Long.MAX_VALUE);
        drain(clock, ran);
        assertThat(String.join(" ", ran)).isEqualTo(evaluated);
        assertThat(String.join(" ", refused)).isEqualTo(late);
        assertThat(clock.buffered()).isZero();
    }

    private static void drain(EventClock clock, List<String> ran) {
        EventClock.Buffered b;
        while ((b = clock.nextDue()) != null) {
            ran.add(String.valueOf(b.number()));
            clock.evaluated(b.ts(), b.tiebreaker(), b.number());
        }
    }

    @Test
    void observingTimeReleasesHeldEvents() {
        EventClock clock = new EventClock(10, Long.MAX_VALUE);
        assertThat(clock.offer(100, null, 1)).isEqualTo(EventClock.Admission.HOLD);
        clock.hold(new EventClock.Buffered(null, 100, null, 1, new int[0]));
        assertThat(clock.nextDue()).isNull();
        assertThat(clock.observe(105)).isTrue();
        assertThat(clock.nextDue()).isNull();
        assertThat(clock.observe(104)).isFalse();
        assertThat(clock.observe(110)).isTrue();
        assertThat(clock.nextDue().number()).isEqualTo(1);
        assertThat(clock.watermark()).isEqualTo(100);
    }

    static Stream<Arguments> sweeps() {
        return Stream.of(
                // sweep every, sweeps at, probes: time -> due
                Arguments.of(10L, 0L, new long[] {5, 9, 10, 11}, new boolean[] {false, false, true, true}),
                Arguments.of(1L, 7L, new long[] {7, 8}, new boolean[] {false, true}),
                Arguments.of(
                        Long.MAX_VALUE, 0L, new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE}, new boolean[] {false, true
                        }),
                Arguments.of(100L, Long.MAX_VALUE - 5, new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE}, new boolean[] {
                    false, true
                }));
    }

    @ParameterizedTest(name = "every {0}, swept at {1}")
    @MethodSource("sweeps")
    void sweepsComeAtTheirCadenceAndNeverWrapAround(long every, long sweptAt, long[] probes, boolean[] due) {
        EventClock clock = new EventClock(0, every);
        assertThat(clock.sweepDue(Long.MIN_VALUE))
                .as("a fresh clock sweeps at once")
                .isTrue();
        clock.swept(sweptAt);
        for (int i = 0; i < probes.length; i++) {
            assertThat(clock.sweepDue(probes[i])).as("at %d", probes[i]).isEqualTo(due[i]);
        }
    }

    @Test
    void oneSkippedEventInSixtyFourIsReadForItsTime() {
        EventClock clock = new EventClock(0, Long.MAX_VALUE);
        int read = 0;
        for (int i = 0; i < 64 * 5; i++) {
            read += clock.sampleSkipped() ? 1 : 0;
        }
        assertThat(read).isEqualTo(5);
    }

    @Test
    void nullTiebreakersSortLastAndUnlikeTypesByName() {
        assertThat(EventClock.compare(1, "a", 2, 1, null, 1)).isNegative();
        assertThat(EventClock.compare(1, null, 1, 1, "a", 2)).isPositive();
        assertThat(EventClock.compare(1, 5L, 9, 1, 6L, 1)).isNegative();
        assertThat(EventClock.compare(1, null, 1, 1, null, 2)).isNegative();
        assertThat(EventClock.compare(0, "z", 1, 1, "a", 1)).isNegative();
        assertThat(Integer.signum(EventClock.compare(1, 5L, 1, 1, "5", 1)))
                .isEqualTo(Integer.signum("java.lang.Long".compareTo("java.lang.String")));
    }

    @Test
    void refusesNegativeSettings() {
        assertThatThrownBy(() -> new EventClock(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventClock(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
