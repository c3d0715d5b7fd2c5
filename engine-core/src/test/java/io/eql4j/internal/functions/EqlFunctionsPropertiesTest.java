package io.eql4j.internal.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.testsupport.Seeded;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Functions against independent formulations: Python slices, exact integer arithmetic, Java's own parsers and
 * searches. Seeded generators ({@link Seeded}): a failure prints the seed that replays it.
 */
class EqlFunctionsPropertiesTest {

    /** Python's {@code s[start:end]}: indices normalized by {@code slice.indices(len)}. */
    @Test
    void substringIsAPythonSlice() {
        Seeded.check("substringIsAPythonSlice", 3000, r -> {
            String s = Seeded.anyString(r, 12);
            int start = Seeded.between(r, -20, 20);
            int end = Seeded.between(r, -20, 20);
            boolean openEnd = r.nextBoolean();
            int n = s.length();
            int from = clamp(start < 0 ? start + n : start, n);
            int to = openEnd ? n : clamp(end < 0 ? end + n : end, n);
            String expected = from < to ? s.substring(from, to) : "";
            assertThat(EqlFunctions.substring(s, start, openEnd ? null : end)).isEqualTo(expected);
        });
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(i, n));
    }

    @Test
    void integerArithmeticIsExactOrFails() {
        Seeded.check("integerArithmeticIsExactOrFails", 3000, r -> {
            long a = Seeded.anyLong(r);
            long b = Seeded.anyLong(r);
            int op = r.nextInt(3);
            BigInteger x = BigInteger.valueOf(a);
            BigInteger y = BigInteger.valueOf(b);
            BigInteger exact = op == 0 ? x.add(y) : op == 1 ? x.subtract(y) : x.multiply(y);
            if (exact.bitLength() < 64) {
                assertThat(apply(op, a, b)).isEqualTo(exact.longValueExact());
            } else {
                assertThatThrownBy(() -> apply(op, a, b)).isInstanceOf(ArithmeticException.class);
            }
        });
    }

    private static Number apply(int op, long a, long b) {
        return op == 0 ? EqlFunctions.add(a, b) : op == 1 ? EqlFunctions.subtract(a, b) : EqlFunctions.multiply(a, b);
    }

    /** Java's truncating division and remainder, as ES (Long.MIN_VALUE / -1 wraps there too). */
    @Test
    void divisionTruncatesAndRemainderFollows() {
        Seeded.check("divisionTruncatesAndRemainderFollows", 2000, r -> {
            long a = Seeded.anyLong(r);
            long b = r.nextInt(10) == 0 ? 0 : Seeded.anyLong(r);
            if (b == 0) {
                assertThatThrownBy(() -> EqlFunctions.divide(a, b)).isInstanceOf(ArithmeticException.class);
                assertThatThrownBy(() -> EqlFunctions.modulo(a, b)).isInstanceOf(ArithmeticException.class);
                return;
            }
            BigInteger[] qr = BigInteger.valueOf(a).divideAndRemainder(BigInteger.valueOf(b));
            assertThat(EqlFunctions.divide(a, b)).isEqualTo(qr[0].longValue());
            assertThat(EqlFunctions.modulo(a, b)).isEqualTo(qr[1].longValueExact());
        });
    }

    @Test
    void numberReadsWhatLongPrints() {
        Seeded.check("numberReadsWhatLongPrints", 2000, r -> {
            long x = Seeded.anyLong(r);
            int radix = Seeded.between(r, 2, 36);
            assertThat(EqlFunctions.number(Long.toString(x), null)).isEqualTo(x);
            assertThat(EqlFunctions.number(Long.toString(x, radix), radix)).isEqualTo(x);
        });
    }

    @Test
    void caseSensitiveStringFunctionsAreJavas() {
        Seeded.check("caseSensitiveStringFunctionsAreJavas", 2000, r -> {
            String s = Seeded.anyString(r, 8);
            String t = Seeded.anyString(r, 3);
            assertThat(EqlFunctions.startsWith(s, t, false)).isEqualTo(s.startsWith(t));
            assertThat(EqlFunctions.endsWith(s, t, false)).isEqualTo(s.endsWith(t));
            assertThat(EqlFunctions.stringContains(s, t, false))
                    .isEqualTo(!s.isEmpty() && !t.isEmpty() && s.contains(t));
            Integer at = EqlFunctions.indexOf(s, t, null, false);
            assertThat(at == null ? -1 : at).isEqualTo(s.indexOf(t));
        });
    }

    /** The linear-time search gives String.indexOf's and lastIndexOf's answers, for needles past the short cut. */
    @Test
    void linearSubstringSearchIsJavas() {
        Seeded.check("linearSubstringSearchIsJavas", 3000, r -> {
            String haystack = repetitive(r, 300);
            String needle = r.nextInt(4) == 0 ? Seeded.anyString(r, 40) : repetitive(r, 80);
            if (r.nextInt(3) == 0 && haystack.length() > 40) {
                int from = r.nextInt(haystack.length() - 33);
                needle = haystack.substring(
                        from, from + 33 + r.nextInt(Math.min(60, haystack.length() - from - 33) + 1));
            }
            int from = Seeded.between(r, -3, haystack.length() + 3);
            assertThat(Substrings.indexOf(haystack, needle, from))
                    .as("%s in %s from %s", needle, haystack, from)
                    .isEqualTo(haystack.indexOf(needle, from));
            assertThat(Substrings.lastIndexOf(haystack, needle))
                    .as("last %s in %s", needle, haystack)
                    .isEqualTo(haystack.lastIndexOf(needle));
        });
    }

    /** Text over a two- or three-letter alphabet, with long runs: where KMP's failure links matter. */
    private static String repetitive(Random r, int maxLength) {
        String alphabet = r.nextBoolean() ? "ab" : "abc";
        StringBuilder sb = new StringBuilder();
        int length = r.nextInt(maxLength + 1);
        while (sb.length() < length) {
            char c = alphabet.charAt(r.nextInt(alphabet.length()));
            int run = r.nextInt(4) == 0 ? r.nextInt(50) : 1;
            sb.append(String.valueOf(c).repeat(run));
        }
        return sb.toString();
    }
}
