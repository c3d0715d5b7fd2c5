package io.eql4j.internal.functions;

import io.eql4j.internal.match.CidrMatcher;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Elasticsearch EQL's scalar functions on plain Java values ({@link String}, {@link Long} and other integral
 * {@link Number}s, {@link Double}, {@link Boolean}, {@code null}), following the ES function processors
 * ({@code x-pack/plugin/eql/.../function/scalar/...Processor}) and the QL {@code Arithmetics}; choices and
 * sources are in {@code docs/notes/functions-and-matching.md}.
 *
 * <p>Null arguments give null, as ES's optimizer folds a call with a null literal argument to null (the
 * processors would sometimes throw instead). Where ES fails the whole query at run time (an unparsable
 * {@code number()}, integer division by zero, long overflow, a greedy {@code between} whose right text only
 * occurs before the left one) these methods throw {@link IllegalArgumentException} or
 * {@link ArithmeticException} with the reason; the caller decides what an evaluation error means.
 *
 * <p>Case-insensitive variants ({@code fn~}) compare {@code toLowerCase(Locale.ROOT)} forms of both sides, as
 * the processors do (full Unicode lower-casing, unlike the ASCII-only folding of {@code :} and
 * {@code like~}).
 */
public final class EqlFunctions {

    private EqlFunctions() {}

    // ------------------------------------------------------------------------------------------- strings

    /**
     * {@code between(source, left, right[, greedy])}: the text between the first {@code left} and the next
     * (greedy: the last) {@code right}.
     *
     * @param source          the string searched, or null
     * @param left            text before the result, or null
     * @param right           text after the result, or null
     * @param greedy          take the last occurrence of {@code right} instead of the first after {@code left}
     * @param caseInsensitive {@code between~}
     * @return the substring; {@code ""} when {@code left} or {@code right} is not found; {@code source} itself
     *         when any of {@code source}, {@code left}, {@code right} is empty; null when any is null
     * @throws IllegalArgumentException where ES's processor fails with an index error (greedy with the last
     *                                  {@code right} before {@code left}, or lower-casing changed the length)
     */
    public static String between(String source, String left, String right, boolean greedy, boolean caseInsensitive) {
        if (source == null || left == null || right == null) {
            return null;
        }
        if (source.isEmpty() || left.isEmpty() || right.isEmpty()) {
            return source;
        }
        String haystack = caseInsensitive ? lower(source) : source;
        String l = caseInsensitive ? lower(left) : left;
        String r = caseInsensitive ? lower(right) : right;
        int leftAt = Substrings.indexOf(haystack, l, 0);
        if (leftAt < 0) {
            return "";
        }
        int start = leftAt + l.length();
        int end = greedy ? Substrings.lastIndexOf(haystack, r) : Substrings.indexOf(haystack, r, start);
        if (end < 0) {
            return "";
        }
        if (start > end || end > source.length()) {
            throw new IllegalArgumentException("between(\"" + source + "\", \"" + left + "\", \"" + right + "\", "
                    + greedy + ") has no result: the right text ends before the left one (Elasticsearch fails"
                    + " with an index error here)");
        }
        return source.substring(start, end);
    }

    /**
     * {@code concat(value, ...)}: the concatenation of {@link #string} of each value.
     *
     * @param values the values, at least one in EQL
     * @return the concatenation, or null when any value is null
     */
    public static String concat(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            if (v == null) {
                return null;
            }
            sb.append(v);
        }
        return sb.toString();
    }

    /**
     * {@code endsWith(source, substring)}; {@code endsWith("", "")} is true.
     *
     * @param source          the string, or null
     * @param suffix          the ending looked for, or null
     * @param caseInsensitive {@code endsWith~}
     * @return whether source ends with suffix, or null when either is null
     */
    public static Boolean endsWith(String source, String suffix, boolean caseInsensitive) {
        if (source == null || suffix == null) {
            return null;
        }
        return caseInsensitive ? lower(source).endsWith(lower(suffix)) : source.endsWith(suffix);
    }

    /**
     * {@code startsWith(source, substring)}; {@code startsWith("", "")} is true.
     *
     * @param source          the string, or null
     * @param prefix          the beginning looked for, or null
     * @param caseInsensitive {@code startsWith~}
     * @return whether source starts with prefix, or null when either is null
     */
    public static Boolean startsWith(String source, String prefix, boolean caseInsensitive) {
        if (source == null || prefix == null) {
            return null;
        }
        return caseInsensitive ? lower(source).startsWith(lower(prefix)) : source.startsWith(prefix);
    }

    /**
     * {@code stringContains(source, substring)}: false when either string is empty (so
     * {@code stringContains("", "")} is false).
     *
     * @param source          the string, or null
     * @param substring       the text looked for, or null
     * @param caseInsensitive {@code stringContains~}
     * @return whether source contains substring, or null when either is null
     */
    public static Boolean stringContains(String source, String substring, boolean caseInsensitive) {
        if (source == null || substring == null) {
            return null;
        }
        if (source.isEmpty() || substring.isEmpty()) {
            return false;
        }
        return caseInsensitive
                ? Substrings.indexOf(lower(source), lower(substring), 0) >= 0
                : Substrings.indexOf(source, substring, 0) >= 0;
    }

    /**
     * {@code indexOf(source, substring[, start])}: {@code String.indexOf} from {@code start} (negative counts
     * as 0), so an empty substring is found at {@code min(start, length)}.
     *
     * @param source          the string, or null
     * @param substring       the text looked for, or null
     * @param start           the first position considered ({@code int} value of the number), null for 0
     * @param caseInsensitive {@code indexOf~} (positions are those of the lower-cased source)
     * @return the 0-based position, or null when not found or when source or substring is null
     */
    public static Integer indexOf(String source, String substring, Number start, boolean caseInsensitive) {
        if (source == null || substring == null) {
            return null;
        }
        int from = start == null ? 0 : start.intValue();
        int at = caseInsensitive
                ? Substrings.indexOf(lower(source), lower(substring), from)
                : Substrings.indexOf(source, substring, from);
        return at < 0 ? null : at;
    }

    /**
     * {@code length(string)}: the number of UTF-16 chars, as Java's {@code String.length}.
     *
     * @param value the string, or null
     * @return the length, or null
     */
    public static Integer length(String value) {
        return value == null ? null : value.length();
    }

    /**
     * {@code substring(source, start[, end])} with Python slice semantics: negative positions count from the
     * end, positions are clamped, {@code start >= end} gives {@code ""}.
     *
     * @param source the string, or null
     * @param start  the first position ({@code int} value of the number); null returns {@code source}
     * @param end    the position after the last one; null for the end of the string
     * @return the slice, or null when source is null
     */
    public static String substring(String source, Number start, Number end) {
        if (source == null) {
            return null;
        }
        if (start == null) {
            return source;
        }
        int length = source.length();
        if (length == 0) {
            return source;
        }
        int from = start.intValue();
        int to = end == null ? length : end.intValue();
        if (from < 0) {
            from = Math.max(0, from + length);
        }
        if (to < 0) {
            to = Math.max(0, to + length);
        } else if (to > length) {
            to = length;
        }
        return from >= to ? "" : source.substring(from, to);
    }

    /**
     * {@code string(value)}: Java's {@code toString} of the value ({@code 42}, {@code 42.5}, {@code 1.0},
     * {@code 1.0E20}, {@code true}); strings, IPs and dates are already strings.
     *
     * @param value any value
     * @return its text, or null
     */
    public static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * {@code number(string[, base])}: base 10 parses a {@code long} if {@code Long.valueOf} accepts the text,
     * else a {@code double} with {@code Double.valueOf} (which trims whitespace and reads exponents); another
     * base parses a {@code long} with {@code Long.parseLong}. A {@code 0x} prefix selects base 16 when no base
     * is given, and is skipped when the base is 16.
     *
     * @param value the text, or null
     * @param base  the radix (an integral number), or null for the default
     * @return a {@link Long} or a {@link Double}, or null when value is null
     * @throws IllegalArgumentException when the base is not an integer, or the text is not a number in it
     */
    public static Number number(String value, Number base) {
        if (value == null) {
            return null;
        }
        boolean hexPrefix = value.startsWith("0x");
        int radix;
        if (base == null) {
            radix = hexPrefix ? 16 : 10;
        } else if (isIntegral(base) && base.longValue() == base.intValue()) {
            radix = base.intValue();
        } else {
            throw new IllegalArgumentException("An integer base is required; received [" + base + "]");
        }
        String digits = hexPrefix && radix == 16 ? value.substring(2) : value;
        try {
            if (radix != 10) {
                return Long.parseLong(digits, radix);
            }
            try {
                return Long.valueOf(digits);
            } catch (NumberFormatException notALong) {
                return Double.valueOf(digits);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Unable to convert [" + digits + "] to number of base [" + radix + "]", e);
        }
    }

    /**
     * {@code cidrMatch(ip, block, ...)}.
     *
     * @param ip     the address (a string), or null
     * @param blocks the compiled blocks
     * @return whether the address is in a block; null when ip is null, not a string, or not an IP literal (an
     *         ES {@code ip} field never holds such a value: it is rejected or ignored as malformed)
     */
    public static Boolean cidrMatch(Object ip, CidrMatcher blocks) {
        return ip instanceof String ? blocks.test((String) ip) : null;
    }

    // --------------------------------------------------------------------------------------- arithmetic

    /**
     * {@code add(a, b)} and {@code a + b}.
     *
     * @param left  a number, or null
     * @param right a number, or null
     * @return the sum ({@link Long} for integers, {@link Double} when either is a double), or null
     * @throws ArithmeticException      on long overflow
     * @throws IllegalArgumentException when an operand is not a number
     */
    public static Number add(Object left, Object right) {
        return arithmetic(Op.ADD, left, right);
    }

    /**
     * {@code subtract(a, b)} and {@code a - b}.
     *
     * @param left  a number, or null
     * @param right a number, or null
     * @return the difference, or null
     * @throws ArithmeticException      on long overflow
     * @throws IllegalArgumentException when an operand is not a number
     */
    public static Number subtract(Object left, Object right) {
        return arithmetic(Op.SUBTRACT, left, right);
    }

    /**
     * {@code multiply(a, b)} and {@code a * b}.
     *
     * @param left  a number, or null
     * @param right a number, or null
     * @return the product, or null
     * @throws ArithmeticException      on long overflow
     * @throws IllegalArgumentException when an operand is not a number
     */
    public static Number multiply(Object left, Object right) {
        return arithmetic(Op.MULTIPLY, left, right);
    }

    /**
     * {@code divide(a, b)} and {@code a / b}: integers divide truncating towards zero; doubles follow IEEE 754
     * ({@code 1 / 0.0} is infinity).
     *
     * @param left  a number, or null
     * @param right a number, or null
     * @return the quotient, or null
     * @throws ArithmeticException      on integer division by zero
     * @throws IllegalArgumentException when an operand is not a number
     */
    public static Number divide(Object left, Object right) {
        return arithmetic(Op.DIVIDE, left, right);
    }

    /**
     * {@code modulo(a, b)} and {@code a % b}: Java's remainder (sign of the dividend).
     *
     * @param left  a number, or null
     * @param right a number, or null
     * @return the remainder, or null
     * @throws ArithmeticException      on integer division by zero
     * @throws IllegalArgumentException when an operand is not a number
     */
    public static Number modulo(Object left, Object right) {
        return arithmetic(Op.MODULO, left, right);
    }

    /**
     * Unary minus ({@code -a}).
     *
     * @param value a number, or null
     * @return the negation, or null
     * @throws ArithmeticException      when negating {@code Long.MIN_VALUE}
     * @throws IllegalArgumentException when the operand is not a number
     */
    public static Number negate(Object value) {
        if (value == null) {
            return null;
        }
        Number n = requireNumber(value);
        if (isFloating(n)) {
            return n instanceof Float ? (Number) (-n.floatValue()) : (Number) (-n.doubleValue());
        }
        try {
            return Math.negateExact(exactLong(n));
        } catch (ArithmeticException e) {
            throw new ArithmeticException("long overflow in -(" + n + ")");
        }
    }

    private enum Op {
        ADD("+"),
        SUBTRACT("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        MODULO("%");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** QL {@code Arithmetics}: double if either is double, else float if either is float, else exact long. */
    private static Number arithmetic(Op op, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        Number l = requireNumber(left);
        Number r = requireNumber(right);
        if (isDouble(l) || isDouble(r)) {
            double a = l.doubleValue();
            double b = r.doubleValue();
            switch (op) {
                case ADD:
                    return a + b;
                case SUBTRACT:
                    return a - b;
                case MULTIPLY:
                    return a * b;
                case DIVIDE:
                    return a / b;
                default:
                    return a % b;
            }
        }
        if (l instanceof Float || r instanceof Float) {
            float a = l.floatValue();
            float b = r.floatValue();
            switch (op) {
                case ADD:
                    return a + b;
                case SUBTRACT:
                    return a - b;
                case MULTIPLY:
                    return a * b;
                case DIVIDE:
                    return a / b;
                default:
                    return a % b;
            }
        }
        long a = exactLong(l);
        long b = exactLong(r);
        try {
            switch (op) {
                case ADD:
                    return Math.addExact(a, b);
                case SUBTRACT:
                    return Math.subtractExact(a, b);
                case MULTIPLY:
                    return Math.multiplyExact(a, b);
                case DIVIDE:
                    return a / b;
                default:
                    return a % b;
            }
        } catch (ArithmeticException e) {
            String reason = b == 0 && (op == Op.DIVIDE || op == Op.MODULO) ? "division by zero" : "long overflow";
            throw new ArithmeticException(reason + " in " + a + " " + op.symbol + " " + b);
        }
    }

    private static Number requireNumber(Object value) {
        if (value instanceof Number) {
            return (Number) value;
        }
        throw new IllegalArgumentException("A number is required; received [" + value + "]");
    }

    private static boolean isDouble(Number n) {
        return n instanceof Double || n instanceof BigDecimal;
    }

    private static boolean isFloating(Number n) {
        return isDouble(n) || n instanceof Float;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long
                || n instanceof Integer
                || n instanceof Short
                || n instanceof Byte
                || n instanceof BigInteger;
    }

    private static long exactLong(Number n) {
        if (n instanceof BigInteger) {
            try {
                return ((BigInteger) n).longValueExact();
            } catch (ArithmeticException e) {
                throw new ArithmeticException("number out of the long range: " + n);
            }
        }
        if (!isIntegral(n)) {
            throw new IllegalArgumentException("A number is required; received [" + n + "] of type "
                    + n.getClass().getSimpleName());
        }
        return n.longValue();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
