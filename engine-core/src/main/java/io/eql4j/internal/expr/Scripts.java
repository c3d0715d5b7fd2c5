package io.eql4j.internal.expr;

import io.eql4j.internal.match.StringMatcher;
import java.util.List;

/**
 * Expressions over computed values, which Elasticsearch runs as scripts: comparisons between non-constant
 * operands, function calls, arithmetic. Fields inside them read their first (smallest) value.
 */
public final class Scripts {

    private Scripts() {}

    /** {@code left <op> right} on computed values; unknown if either is null or they cannot be compared. */
    public static final class Compare extends Condition {
        private final CompareOp op;
        private final Expr left;
        private final Expr right;

        public Compare(CompareOp op, Expr left, Expr right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public int test(EvalContext ctx) {
            Object a = left.eval(ctx);
            if (a == null) {
                return NULL;
            }
            Object b = right.eval(ctx);
            if (b == null) {
                return NULL;
            }
            int c = Values.compareStrict(a, b);
            if (c == Integer.MIN_VALUE) {
                return NULL;
            }
            return op.holds(c) ? TRUE : FALSE;
        }

        @Override
        public List<Expr> children() {
            return List.of(left, right);
        }

        @Override
        public String toString() {
            return operand(left) + " " + op.symbol() + " " + operand(right);
        }
    }

    /** {@code x == null}, which Elasticsearch rewrites to "x is null" (true when x has no value). */
    public static final class IsNull extends Condition {
        private final Expr operand;

        public IsNull(Expr operand) {
            this.operand = operand;
        }

        @Override
        public int test(EvalContext ctx) {
            return operand.eval(ctx) == null ? TRUE : FALSE;
        }

        @Override
        public List<Expr> children() {
            return List.of(operand);
        }

        @Override
        public String toString() {
            return operand(operand) + " == null";
        }
    }

    /** {@code value in (a, b, ...)} on a computed value, compared as scripts compare. */
    public static final class In extends Condition {
        private final Expr value;
        private final Expr[] candidates;
        private final boolean caseInsensitive;

        public In(Expr value, List<Expr> candidates, boolean caseInsensitive) {
            this.value = value;
            this.candidates = candidates.toArray(Expr[]::new);
            this.caseInsensitive = caseInsensitive;
        }

        @Override
        public int test(EvalContext ctx) {
            Object v = value.eval(ctx);
            if (v == null) {
                return NULL;
            }
            boolean sawNull = false;
            for (Expr candidate : candidates) {
                Object c = candidate.eval(ctx);
                if (c == null) {
                    sawNull = true;
                } else if (caseInsensitive && v instanceof String s && c instanceof String t
                        ? s.equalsIgnoreCase(t)
                        : Values.compareStrict(v, c) == 0) {
                    return TRUE;
                }
            }
            return sawNull ? NULL : FALSE;
        }

        @Override
        public List<Expr> children() {
            List<Expr> all = new java.util.ArrayList<>(candidates.length + 1);
            all.add(value);
            all.addAll(List.of(candidates));
            return all;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(operand(value)).append(caseInsensitive ? " in~ (" : " in (");
            for (int i = 0; i < candidates.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(candidates[i]);
            }
            return sb.append(')').toString();
        }
    }

    /** A string predicate ({@code :}, {@code like}, {@code regex} and their forms) on a computed value. */
    public static final class Match extends Condition {
        private final Expr value;
        private final StringMatcher matcher;
        private final String description;

        /** @param description the predicate in EQL, for explaining */
        public Match(Expr value, StringMatcher matcher, String description) {
            this.value = value;
            this.matcher = matcher;
            this.description = description;
        }

        @Override
        public int test(EvalContext ctx) {
            Object v = value.eval(ctx);
            if (v == null) {
                return NULL;
            }
            return matcher.matches(Values.asString(v)) ? TRUE : FALSE;
        }

        @Override
        public List<Expr> children() {
            return List.of(value);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** A value used as a condition: true only when it is {@code true}. */
    public static final class Truth extends Condition {
        private final Expr operand;

        public Truth(Expr operand) {
            this.operand = operand;
        }

        @Override
        public int test(EvalContext ctx) {
            return truth(operand.eval(ctx));
        }

        @Override
        public List<Expr> children() {
            return List.of(operand);
        }

        @Override
        public String toString() {
            return operand.toString();
        }
    }

    /** A function or operator applied to evaluated arguments: {@code concat(a, b)}, {@code a + 1}. */
    public static final class Call extends Expr {
        /** The function's implementation: arguments in, value out, {@code null} for a null result. */
        @FunctionalInterface
        public interface Implementation {
            Object apply(Object[] arguments);
        }

        private final String name;
        private final Implementation implementation;
        private final Expr[] arguments;
        private final boolean infix;

        /**
         * @param name  the function name for explaining, or the operator symbol when {@code infix}
         * @param infix true for binary operators written between their operands
         */
        public Call(String name, Implementation implementation, List<Expr> arguments, boolean infix) {
            this.name = name;
            this.implementation = implementation;
            this.arguments = arguments.toArray(Expr[]::new);
            this.infix = infix;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object[] values = new Object[arguments.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = arguments[i].eval(ctx);
            }
            return implementation.apply(values);
        }

        @Override
        public List<Expr> children() {
            return List.of(arguments);
        }

        @Override
        public String toString() {
            if (infix && arguments.length == 2) {
                return "(" + operand(arguments[0]) + " " + name + " " + operand(arguments[1]) + ")";
            }
            if (infix && arguments.length == 1) {
                return name + operand(arguments[0]);
            }
            StringBuilder sb = new StringBuilder(name).append('(');
            for (int i = 0; i < arguments.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(arguments[i]);
            }
            return sb.append(')').toString();
        }
    }

    static String operand(Expr e) {
        return Logic.parenthesize(e);
    }
}
