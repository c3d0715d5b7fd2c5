package io.eql4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eql4j.internal.time.Timestamps;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: {@link Timestamps#parseToEpochNanos} reads any text or number as an instant or throws
 * {@link IllegalArgumentException} (which the engine reports as "no usable timestamp"), and what it reads from
 * text formats back to the same instant.
 */
class TimestampsFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            long nanos = Timestamps.parseToEpochNanos(text);
            long again = Timestamps.parseToEpochNanos(Timestamps.formatNanos(nanos));
            if (again != nanos) {
                throw new AssertionError("[" + text + "] read as " + nanos + " but its format reads as " + again);
            }
        } catch (IllegalArgumentException expected) {
            // not a timestamp
        }
        if (data.length >= 8) {
            long number = ByteBuffer.wrap(data, 0, 8).getLong();
            for (Object value : new Object[] {
                number,
                (double) number,
                Double.longBitsToDouble(number),
                BigInteger.valueOf(number).shiftLeft(data.length % 70),
                (int) number
            }) {
                try {
                    Timestamps.parseToEpochNanos(value);
                } catch (IllegalArgumentException expected) {
                    // out of range, or not a number of milliseconds
                }
            }
        }
    }
}
