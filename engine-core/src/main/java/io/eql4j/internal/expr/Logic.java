package io.eql4j.internal.expr;

import java.util.List;

/** {@code and}, {@code or} and {@code not} in three-valued logic. */
public final class Logic {

    private Logic() {}

    /** {@code and} / {@code or}: stops at the first operand that decides, else unknown if any was unknown. */
    private abstract static class Junction extends Condition {
        private final Expr[] operands;
        /** The truth that decides the junction at once: false for and, true for or. */
        private final int decisive;

        private final String separator;

        Junction(List<Expr> operands, int decisive, String separator) {
            this.operands = operands.toArray(Expr[]::new);
            this.decisive = decisive;
            this.separator = separator;
        }

        @Override
        public final int test(EvalContext ctx) {
            int result = 1 - decisive;
            for (Expr operand : operands) {
                int t = operand.test(ctx);
                if (t == decisive) {
                    return decisive;
                }
                if (t == NULL) {
                    result = NULL;
                }
            }
            return result;
        }

        @Override
        public final List<Expr> children() {
            return List.of(operands);
        }

        @Override
        public final String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < operands.length; i++) {
                sb.append(i == 0 ? "" : separator).append(parenthesize(operands[i]));
            }
            return sb.toString();
        }
    }

    /** {@code a and b and ...}: false if any is false, else unknown if any is unknown, else true. */
    public static final class And extends Junction {
        public And(List<Expr> operands) {
            super(operands, FALSE, " and ");
        }
    }

    /** {@code a or b or ...}: true if any is true, else unknown if any is unknown, else false. */
    public static final class Or extends Junction {
        public Or(List<Expr> operands) {
            super(operands, TRUE, " or ");
        }
    }

    /** {@code not a}: unknown stays unknown. */
    public static final class Not extends Condition {
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
        public List<Expr> children() {
            return List.of(operand);
        }

        @Override
        public String toString() {
            return "not " + parenthesize(operand);
        }
    }

    static String parenthesize(Expr e) {
        return e instanceof Junction ? "(" + e + ")" : e.toString();
    }
}
