package io.eql4j.internal.expr;

import io.eql4j.internal.match.StringMatcher;
import io.eql4j.internal.time.Timestamps;
import java.util.HashSet;
import java.util.Set;

/** The field predicates: one field against constants, any value of a multi-valued field matching. */
public final class FieldPredicates {

    private FieldPredicates() {}

    /** {@code field <op> literal}, the literal converted to the type of each value as a field mapping would. */
    public static final class Compare extends FieldPredicate {
        private final CompareOp op;
        private final Object literal;

        public Compare(int slot, String field, CompareOp op, Object literal) {
            super(slot, field);
            this.op = op;
            this.literal = literal;
        }

        @Override
        protected boolean matches(Object value) {
            if (op == CompareOp.EQ && value instanceof String s && literal instanceof String l) {
                return s.equals(l);
            }
            int c = Values.compareToLiteral(value, literal);
            return c != Integer.MIN_VALUE && op.holds(c);
        }

        public CompareOp op() {
            return op;
        }

        public Object literal() {
            return literal;
        }

        @Override
        public String toString() {
            return field() + " " + op.symbol() + " " + Literals.toEql(literal);
        }
    }

    /**
     * {@code field <op> "version"} on a field typed typed as a version: semantic-versioning
     * order, as Elasticsearch's {@code version} field type.
     */
    public static final class VersionCompare extends FieldPredicate {
        private final CompareOp op;
        private final String literal;

        public VersionCompare(int slot, String field, CompareOp op, String literal) {
            super(slot, field);
            this.op = op;
            this.literal = literal;
        }

        @Override
        protected boolean matches(Object value) {
            return op.holds(Versions.compare(Values.asString(value), literal));
        }

        @Override
        public String toString() {
            return field() + " " + op.symbol() + " " + Literals.toEql(literal) + " (as versions)";
        }
    }

    /**
     * A string predicate: {@code in}/{@code in~} with string constants, {@code :}, {@code like}, {@code like~},
     * {@code regex}, {@code regex~}, and {@code startsWith}/{@code endsWith}/{@code stringContains} of a field and a
     * constant (prefix and wildcard queries in Elasticsearch). Non-string values are matched by their string form.
     */
    public static final class Strings extends FieldPredicate {
        private final StringMatcher matcher;
        private final String description;

        /** @param description the predicate in EQL, for explaining */
        public Strings(int slot, String field, StringMatcher matcher, String description) {
            super(slot, field);
            this.matcher = matcher;
            this.description = description;
        }

        @Override
        protected boolean matches(Object value) {
            return matcher.matches(Values.asString(value));
        }

        public StringMatcher matcher() {
            return matcher;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * {@code in} with constants of mixed types: strings (and the keyword forms of the other constants) for string
     * values, canonical numbers for numeric values, booleans for boolean values.
     */
    public static final class In extends FieldPredicate {
        private final StringMatcher strings;
        private final Set<Object> numbers;
        private final Set<Boolean> booleans;
        private final String description;

        public In(
                int slot,
                String field,
                StringMatcher strings,
                Set<Object> numbers,
                Set<Boolean> booleans,
                String description) {
            super(slot, field);
            this.strings = strings;
            Set<Object> keys = new HashSet<>();
            for (Object n : numbers) {
                keys.add(numberKey((Number) n));
            }
            this.numbers = Set.copyOf(keys);
            this.booleans = Set.copyOf(booleans);
            this.description = description;
        }

        /** The string matcher for string values. */
        public StringMatcher strings() {
            return strings;
        }

        /** The numbers a numeric value must equal (by value). */
        public Set<Object> numbers() {
            return numbers;
        }

        /** The booleans a boolean value must equal. */
        public Set<Boolean> booleans() {
            return booleans;
        }

        @Override
        protected boolean matches(Object value) {
            if (value instanceof String s) {
                return strings.matches(s);
            }
            if (value instanceof Number n) {
                return numbers.contains(numberKey(n));
            }
            if (value instanceof Boolean b) {
                return booleans.contains(b);
            }
            return false;
        }

        /**
         * A number as a set member that is equal for equal values, as {@code ==} compares: an integral double
         * ({@code 5.0}) is the long {@code 5}, so that {@code in (5)} matches 5.0 and {@code in (5.0)} matches 5.
         */
        private static Object numberKey(Number n) {
            Number c = Values.canonicalNumber(n);
            if (c instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d.doubleValue();
            }
            return c;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * A date field against a date literal: the literal covers a range of instants (a second for
     * {@code "2017-08-30T20:47:33Z"}), bounds in the engine's timestamp precision; {@code ==} means within the
     * range, {@code <} before it, {@code >} after it, as Elasticsearch's date math rounding does.
     */
    public static final class DateRange extends FieldPredicate {
        private final CompareOp op;
        private final long low;
        private final long high;
        private final long unitNanos;
        private final String literal;

        /**
         * @param low       first instant the literal covers, in units of {@code unitNanos}
         * @param high      last instant the literal covers, in the same units
         * @param unitNanos 1 for nanosecond precision, 1,000,000 for milliseconds
         */
        public DateRange(int slot, String field, CompareOp op, long low, long high, long unitNanos, String literal) {
            super(slot, field);
            this.op = op;
            this.low = low;
            this.high = high;
            this.unitNanos = unitNanos;
            this.literal = literal;
        }

        @Override
        protected boolean matches(Object value) {
            long t;
            try {
                t = Math.floorDiv(Timestamps.parseToEpochNanos(value), unitNanos);
            } catch (IllegalArgumentException notADate) {
                return false;
            }
            switch (op) {
                case EQ:
                    return low <= t && t <= high;
                case NEQ:
                    return t < low || t > high;
                case LT:
                    return t < low;
                case LTE:
                    return t <= high;
                case GT:
                    return t > high;
                default:
                    return t >= low;
            }
        }

        @Override
        public String toString() {
            return field() + " " + op.symbol() + " " + literal;
        }
    }
}
