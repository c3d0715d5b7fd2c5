package io.eql4j.internal.time;

import java.time.Duration;

/**
 * Durations for people, as a user writes them ({@code 0}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 1d}, {@code unbounded}), not as {@link Duration#toString()} does ({@code PT0S}).
 */
public final class Durations {

    /** From this length on a duration reads as {@code unbounded}: more than 100 years. */
    private static final Duration UNBOUNDED = Duration.ofDays(36_525 * 100L);

    private Durations() {}

    /** The duration in the largest whole unit: {@code 90s} stays {@code 90s}, {@code 120s} is {@code 2m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        if (d.compareTo(UNBOUNDED) >= 0) {
            return "unbounded";
        }
        String sign = d.isNegative() ? "-" : "";
        Duration a = d.abs();
        if (a.getNano() % 1_000_000 != 0) {
            return sign + (a.getSeconds() * 1_000_000_000L + a.getNano()) + "ns";
        }
        long ms = a.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return sign + ms / units[i] + names[i];
            }
        }
        return sign + ms + "ms";
    }
}
