package io.eql4j.internal.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How eql4j treats the Java values events hold: normalising what a field read returns, comparing values of
 * possibly different types, and turning values into join keys.
 */
public final class Values {

    private Values() {}

    /**
     * A field's value as the evaluator wants it: {@code null} for absent, empty or all-null, a scalar, or a list of
     * at least two non-null scalars. Nested lists are flattened and objects (maps) are not values. Lists that need
     * no change are returned as they are, without copying.
     */
    public static Object normalize(Object value) {
        if (value instanceof String || value == null) {
            return value;
        }
        if (value instanceof List<?> list) {
            return normalizeList(list);
        }
        if (value instanceof Map) {
            return null;
        }
        return value;
    }

    private static Object normalizeList(List<?> list) {
        // a list of one element is that element: unwrapped in a loop, so that lists nested any depth need no stack
        while (list.size() == 1) {
            Object only = list.get(0);
            if (only instanceof List<?> inner) {
                list = inner;
            } else {
                return only instanceof Map ? null : only;
            }
        }
        int size = list.size();
        for (int i = 0; i < size; i++) {
            Object e = list.get(i);
            if (e == null || e instanceof List || e instanceof Map) {
                return rebuild(list);
            }
        }
        return size == 0 ? null : list;
    }

    private static Object rebuild(List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        flattenInto(list, out);
        return out.isEmpty() ? null : out.size() == 1 ? out.get(0) : out;
    }

    /** Flattens nested lists depth first, with a stack of iterators instead of recursion (any depth). */
    private static void flattenInto(List<?> list, List<Object> out) {
        java.util.ArrayDeque<java.util.Iterator<?>> stack = new java.util.ArrayDeque<>();
        stack.push(list.iterator());
        while (!stack.isEmpty()) {
            java.util.Iterator<?> it = stack.peek();
            if (!it.hasNext()) {
                stack.pop();
                continue;
            }
            Object e = it.next();
            if (e instanceof List<?> l) {
                stack.push(l.iterator());
            } else if (e != null && !(e instanceof Map)) {
                out.add(e);
            }
        }
    }

    /** True for numbers without a fraction part (Long, Integer, Short, Byte, BigInteger). */
    public static boolean isIntegral(Object n) {
        return n instanceof Long
                || n instanceof Integer
                || n instanceof Short
                || n instanceof Byte
                || n instanceof BigInteger;
    }

    /**
     * A number in canonical form: {@code Long} for integral values that fit, {@code Double} otherwise. Used for
     * join keys and set membership, so that {@code 1} read as Integer equals {@code 1} read as Long.
     */
    public static Number canonicalNumber(Number n) {
        if (n instanceof Long) {
            return n;
        }
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Number) b.longValue() : (Number) b.doubleValue();
        }
        if (n instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException notIntegral) {
                return d.doubleValue();
            }
        }
        return n.doubleValue();
    }

    /** A scalar in canonical form for equality: numbers as {@link #canonicalNumber}, others unchanged. */
    public static Object canonical(Object value) {
        return value instanceof Number n ? canonicalNumber(n) : value;
    }

    /**
     * Compares two numbers by value: exactly when both are integral and fit a long, as doubles otherwise.
     */
    public static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b) && !(a instanceof BigInteger) && !(b instanceof BigInteger)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    /** Compares strings by code point, as Elasticsearch compares keywords (UTF-8 byte order). */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // surrogates (U+D800..U+DFFF) encode code points above U+FFFF, which sort after all BMP chars
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs != ys) {
                    return xs ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /**
     * The string Elasticsearch would match a keyword field against for a literal of another type: {@code 0} is
     * {@code "0"}, {@code true} is {@code "true"}.
     */
    public static String keywordForm(Object literal) {
        return String.valueOf(literal);
    }

    /** A numeric string as a canonical number, or {@code null} when it is not one. */
    public static Number parseNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? canonicalNumber(d) : null;
            } catch (NumberFormatException notNumber) {
                return null;
            }
        }
    }

    /**
     * Compares an event's value with a query's literal as Elasticsearch does for a field of the value's type (the
     * literal is converted to the field's type): a string value is a keyword, so a numeric literal compares as its
     * string form; a numeric value is a number, so a string literal is parsed. Returns {@link Integer#MIN_VALUE}
     * when the two cannot be compared.
     */
    public static int compareToLiteral(Object value, Object literal) {
        if (value instanceof String s) {
            return literal instanceof String l ? compareStrings(s, l) : compareStrings(s, keywordForm(literal));
        }
        if (value instanceof Number n) {
            if (literal instanceof Number l) {
                return compareNumbers(n, l);
            }
            if (literal instanceof String l) {
                Number parsed = parseNumber(l);
                return parsed == null ? Integer.MIN_VALUE : compareNumbers(n, parsed);
            }
            return Integer.MIN_VALUE;
        }
        if (value instanceof Boolean b) {
            if (literal instanceof Boolean l) {
                return Boolean.compare(b, l);
            }
            if (literal instanceof String l && (l.equals("true") || l.equals("false"))) {
                return Boolean.compare(b, Boolean.parseBoolean(l));
            }
            return Integer.MIN_VALUE;
        }
        return Integer.MIN_VALUE;
    }

    /**
     * Compares two computed values as Elasticsearch's scripts do: numbers with numbers, strings with strings,
     * booleans with booleans; anything else cannot be compared ({@link Integer#MIN_VALUE}).
     */
    public static int compareStrict(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareStrings(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return Integer.MIN_VALUE;
    }

    /**
     * The value a script sees for a multi-valued field: the first of the sorted doc values, i.e. the smallest,
     * as Elasticsearch's {@code doc[field].value}.
     */
    public static Object first(Object value) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        Object min = null;
        for (Object e : list) {
            if (min == null) {
                min = e;
            } else {
                int c = compareStrict(e, min);
                if (c != Integer.MIN_VALUE && c < 0) {
                    min = e;
                }
            }
        }
        return min;
    }

    /** The string form of a scalar for string predicates ({@code :}, {@code like}, {@code regex}). */
    public static String asString(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return keywordForm(canonicalNumber(n));
        }
        return String.valueOf(value);
    }
}
