package io.eql4j.internal.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Functions against independent formulations: Python slices, exact integer arithmetic, Java's own parsers. */
class EqlFunctionsPropertiesTest {

    /** Python's {@code s[start:end]}: indices normalized by {@code slice.indices(len)}. */
    @Property(tries = 3000)
    void substringIsAPythonSlice(@ForAll @StringLength(max = 12) String s, @ForAll @IntRange(min = -20, max = 20) int start,
                                 @ForAll @IntRange(min = -20, max = 20) int end, @ForAll boolean openEnd) {
        int n = s.length();
        int from = clamp(start < 0 ? start + n : start, n);
        int to = openEnd ? n : clamp(end < 0 ? end + n : end, n);
        String expected = from < to ? s.substring(from, to) : "";
        assertThat(EqlFunctions.substring(s, start, openEnd ? null : end)).isEqualTo(expected);
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(i, n));
    }

    @Property(tries = 3000)
    void integerArithmeticIsExactOrFails(@ForAll long a, @ForAll long b, @ForAll @IntRange(max = 2) int op) {
        BigInteger x = BigInteger.valueOf(a);
        BigInteger y = BigInteger.valueOf(b);
        BigInteger exact = op == 0 ? x.add(y) : op == 1 ? x.subtract(y) : x.multiply(y);
        if (exact.bitLength() < 64) {
            assertThat(apply(op, a, b)).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> apply(op, a, b)).isInstanceOf(ArithmeticException.class);
        }
    }

    private static Number apply(int op, long a, long b) {
        return op == 0 ? EqlFunctions.add(a, b) : op == 1 ? EqlFunctions.subtract(a, b) : EqlFunctions.multiply(a, b);
    }

    /** Java's truncating division and remainder, as ES (Long.MIN_VALUE / -1 wraps there too). */
    @Property(tries = 2000)
    void divisionTruncatesAndRemainderFollows(@ForAll long a, @ForAll long b) {
        if (b == 0) {
            assertThatThrownBy(() -> EqlFunctions.divide(a, b)).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> EqlFunctions.modulo(a, b)).isInstanceOf(ArithmeticException.class);
            return;
        }
        BigInteger[] qr = BigInteger.valueOf(a).divideAndRemainder(BigInteger.valueOf(b));
        assertThat(EqlFunctions.divide(a, b)).isEqualTo(qr[0].longValue());
        assertThat(EqlFunctions.modulo(a, b)).isEqualTo(qr[1].longValueExact());
    }

    @Property(tries = 2000)
    void numberReadsWhatLongPrints(@ForAll long x, @ForAll @IntRange(min = 2, max = 36) int radix) {
        assertThat(EqlFunctions.number(Long.toString(x), null)).isEqualTo(x);
        assertThat(EqlFunctions.number(Long.toString(x, radix), radix)).isEqualTo(x);
    }

    @Property(tries = 2000)
    void caseSensitiveStringFunctionsAreJavas(@ForAll @StringLength(max = 8) String s, @ForAll @StringLength(max = 3) String t) {
        assertThat(EqlFunctions.startsWith(s, t, false)).isEqualTo(s.startsWith(t));
        assertThat(EqlFunctions.endsWith(s, t, false)).isEqualTo(s.endsWith(t));
        assertThat(EqlFunctions.stringContains(s, t, false)).isEqualTo(!s.isEmpty() && !t.isEmpty() && s.contains(t));
        Integer at = EqlFunctions.indexOf(s, t, null, false);
        assertThat(at == null ? -1 : at).isEqualTo(s.indexOf(t));
    }
}
