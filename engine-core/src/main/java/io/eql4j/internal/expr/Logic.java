package io.eql4j.internal.expr;

import java.util.List;

/** {@code and}, {@code or} and {@code not} in three-valued logic. */
public final class Logic {

    private Logic() {
    }

    /** {@code a and b and ...}: false if any is false, else unknown if any is unknown, else true. */
    public static final class And extends Expr {
        private final Expr[] operands;

        public And(List<Expr> operands) {
            this.operands = operands.toArray(Expr[]::new);
        }

        @Override
        public int test(EvalContext ctx) {
            int result = TRUE;
            for (Expr operand : operands) {
                int t = operand.test(ctx);
                if (t == FALSE) {
                    return FALSE;
                }
                if (t == NULL) {
                    result = NULL;
                }
            }
            return result;
        }

        @Override
        public Object eval(EvalContext ctx) {
            return bool(test(ctx));
        }

        @Override
        public List<Expr> children() {
            return List.of(operands);
        }

        @Override
        public String toString() {
            return join(operands, " and ");
        }
    }

    /** {@code a or b or ...}: true if any is true, else unknown if any is unknown, else false. */
    public static final class Or extends Expr {
        private final Expr[] operands;

        public Or(List<Expr> operands) {
            this.operands = operands.toArray(Expr[]::new);
        }

        @Override
        public int test(EvalContext ctx) {
            int result = FALSE;
            for (Expr operand : operands) {
                int t = operand.test(ctx);
                if (t == TRUE) {
                    return TRUE;
                }
                if (t == NULL) {
                    result = NULL;
                }
            }
            return result;
        }

        @Override
        public Object eval(EvalContext ctx) {
            return bool(test(ctx));
        }

        @Override
        public List<Expr> children() {
            return List.of(operands);
        }

        @Override
        public String toString() {
            return join(operands, " or ");
        }
    }

    /** {@code not a}: unknown stays unknown. */
    public static final class Not extends Expr {
        private final Expr operand;

        public Not(Expr operand) {
            this.operand = operand;
        }

        @Override
        public int test(EvalContext ctx) {
            int t = operand.test(ctx);
            return t == NULL ? NULL : 1 - t;
        }

        @Override
        public Object eval(EvalContext ctx) {
            return bool(test(ctx));
        }

        @Override
        public List<Expr> children() {
            return List.of(operand);
        }

        @Override
        public String toString() {
            return "not " + parenthesize(operand);
        }
    }

    static String parenthesize(Expr e) {
        return e instanceof And || e instanceof Or ? "(" + e + ")" : e.toString();
    }

    private static String join(Expr[] operands, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < operands.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(parenthesize(operands[i]));
        }
        return sb.toString();
    }
}
