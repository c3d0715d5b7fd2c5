package io.eql4j.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code with maxspan=<amount><unit>}: the longest time a sequence may take, first event to last, inclusive.
 *
 * @param amount the amount as written, positive
 * @param unit   the unit as written
 * @param span   the clause's value
 */
public record MaxSpan(long amount, TimeUnit unit, Span span) implements Node {

    /** The units Elasticsearch accepts for maxspan. */
    public enum TimeUnit {
        MILLISECONDS("ms", 1L),
        SECONDS("s", 1_000L),
        MINUTES("m", 60_000L),
        HOURS("h", 3_600_000L),
        DAYS("d", 86_400_000L);

        private final String symbol;
        private final long millis;

        TimeUnit(String symbol, long millis) {
            this.symbol = symbol;
            this.millis = millis;
        }

        /** The unit as written in EQL: {@code ms s m h d}. */
        public String symbol() {
            return symbol;
        }

        /** The unit for an EQL symbol, or {@code null} when EQL has no such unit. */
        public static TimeUnit ofSymbol(String symbol) {
            for (TimeUnit unit : values()) {
                if (unit.symbol.equals(symbol)) {
                    return unit;
                }
            }
            return null;
        }
    }

    public MaxSpan {
        if (amount <= 0) {
            throw new IllegalArgumentException("maxspan must be positive, got " + amount);
        }
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(span, "span");
    }

    /** The span as a duration. */
    public Duration toDuration() {
        return Duration.ofMillis(Math.multiplyExact(amount, unit.millis));
    }

    @Override
    public String toString() {
        return amount + unit.symbol;
    }
}
