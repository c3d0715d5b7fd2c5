package io.eql4j.internal.util;

/** Arithmetic on event times and counts that saturates instead of wrapping around. */
public final class Longs {

    private Longs() {}

    /** {@code a + b}, or {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} when the sum does not fit. */
    public static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** {@code a - b}, or {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} when the difference does not fit. */
    public static long saturatedSubtract(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
