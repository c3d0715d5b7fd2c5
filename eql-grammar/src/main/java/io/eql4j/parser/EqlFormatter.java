package io.eql4j.parser;

import io.eql4j.ast.And;
import io.eql4j.ast.Arithmetic;
import io.eql4j.ast.Comparison;
import io.eql4j.ast.EventFilter;
import io.eql4j.ast.EventQuery;
import io.eql4j.ast.Expression;
import io.eql4j.ast.ExpressionVisitor;
import io.eql4j.ast.Field;
import io.eql4j.ast.FunctionCall;
import io.eql4j.ast.InList;
import io.eql4j.ast.Literal;
import io.eql4j.ast.Negate;
import io.eql4j.ast.Not;
import io.eql4j.ast.Or;
import io.eql4j.ast.PatternMatch;
import io.eql4j.ast.Pipe;
import io.eql4j.ast.Query;
import io.eql4j.ast.QueryBody;
import io.eql4j.ast.SampleQuery;
import io.eql4j.ast.SequenceQuery;
import io.eql4j.ast.Stage;
import io.eql4j.parser.internal.EqlBaseLexer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints a syntax tree as canonical EQL: one space around operators, each query of a sequence or sample on its own
 * indented line, parentheses only where precedence needs them, strings in double quotes with escapes, and field
 * names in backticks only where needed.
 *
 * <p>Parsing the output gives back the same tree (spans aside): for every tree {@code t} returned by
 * {@link EqlParser#parse}, {@code Ast.withoutSpans(parse(format(t)))} equals {@code Ast.withoutSpans(t)}. Chains of
 * {@code and}, {@code or} and arithmetic keep their shape: an {@link And} inside an {@link And} is printed in
 * parentheses, since without them the parser would flatten it into its parent.
 *
 * <p>Printing recurses over the tree; trees from the parser are at most 256 levels deep.
 */
public final class EqlFormatter {

    private static final String INDENT = "  ";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_@][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = keywords();

    private EqlFormatter() {}

    private static Set<String> keywords() {
        Set<String> keywords = new HashSet<>();
        for (int type = 1; type <= EqlBaseLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = EqlBaseLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.matches("'[a-z]+'")) {
                keywords.add(literal.substring(1, literal.length() - 1));
            }
        }
        return Set.copyOf(keywords);
    }

    /**
     * Prints a whole statement.
     *
     * @param query the statement
     * @return canonical EQL text for it
     */
    public static String format(Query query) {
        StringBuilder out = new StringBuilder();
        body(query.body(), out);
        for (Pipe pipe : query.pipes()) {
            out.append('\n')
                    .append("| ")
                    .append(pipe.kind().keyword())
                    .append(' ')
                    .append(pipe.count());
        }
        return out.toString();
    }

    /**
     * Prints an expression.
     *
     * @param expression the expression
     * @return canonical EQL text for it
     */
    public static String format(Expression expression) {
        return expression.accept(new Printer()).text;
    }

    private static void body(QueryBody body, StringBuilder out) {
        if (body instanceof EventQuery) {
            filter(((EventQuery) body).filter(), out);
        } else if (body instanceof SequenceQuery) {
            SequenceQuery sequence = (SequenceQuery) body;
            out.append("sequence");
            keys(sequence.joinKeys(), out);
            if (sequence.maxSpan() != null) {
                out.append(" with maxspan=").append(sequence.maxSpan());
            }
            stages(sequence.stages(), out);
            if (sequence.until() != null) {
                out.append("\nuntil ");
                stage(sequence.until(), out);
            }
        } else {
            SampleQuery sample = (SampleQuery) body;
            out.append("sample");
            keys(sample.joinKeys(), out);
            stages(sample.stages(), out);
        }
    }

    private static void stages(List<Stage> stages, StringBuilder out) {
        for (Stage stage : stages) {
            out.append('\n').append(INDENT);
            stage(stage, out);
        }
    }

    private static void stage(Stage stage, StringBuilder out) {
        out.append(stage.missing() ? "![" : "[");
        filter(stage.filter(), out);
        out.append(']');
        keys(stage.joinKeys(), out);
        if (stage.runs() != 1) {
            out.append(" with runs=").append(stage.runs());
        }
    }

    private static void keys(List<Expression> keys, StringBuilder out) {
        if (!keys.isEmpty()) {
            out.append(" by ");
            list(keys, out);
        }
    }

    private static void filter(EventFilter filter, StringBuilder out) {
        String category = filter.category();
        out.append(category == null ? "any" : isPlainName(category) ? category : Strings.quote(category))
                .append(" where ")
                .append(format(filter.condition()));
    }

    private static void list(List<? extends Expression> expressions, StringBuilder out) {
        for (int i = 0; i < expressions.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(format(expressions.get(i)));
        }
    }

    private static boolean isPlainName(String name) {
        return PLAIN_NAME.matcher(name).matches() && !KEYWORDS.contains(name);
    }

    /**
     * How tightly an expression binds, from the grammar: it needs parentheses where the grammar expects something
     * that binds more tightly.
     */
    private static final int OR = 1;

    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int COMPARISON = 4;
    private static final int ADDITIVE = 5;
    private static final int MULTIPLICATIVE = 6;
    private static final int UNARY = 7;
    private static final int PREDICATE = 8;
    private static final int PRIMARY = 9;

    /** Text and binding strength of a printed expression. */
    private static final class Printed {
        final String text;
        final int precedence;

        Printed(String text, int precedence) {
            this.text = text;
            this.precedence = precedence;
        }

        /** The text, in parentheses unless it binds at least as tightly as {@code required}. */
        String atLeast(int required) {
            return precedence >= required ? text : "(" + text + ")";
        }
    }

    private static final class Printer implements ExpressionVisitor<Printed> {

        private String operand(Expression expression, int required) {
            return expression.accept(this).atLeast(required);
        }

        @Override
        public Printed visitString(Literal.StringLiteral node) {
            return new Printed(Strings.quote(node.value()), PRIMARY);
        }

        @Override
        public Printed visitInteger(Literal.IntegerLiteral node) {
            return new Printed(Long.toString(node.longValue()), node.longValue() < 0 ? UNARY : PRIMARY);
        }

        @Override
        public Printed visitDecimal(Literal.DecimalLiteral node) {
            return new Printed(Double.toString(node.doubleValue()), node.doubleValue() < 0 ? UNARY : PRIMARY);
        }

        @Override
        public Printed visitBoolean(Literal.BooleanLiteral node) {
            return new Printed(Boolean.toString(node.booleanValue()), PRIMARY);
        }

        @Override
        public Printed visitNull(Literal.NullLiteral node) {
            return new Printed("null", PRIMARY);
        }

        @Override
        public Printed visitField(Field node) {
            StringBuilder out = new StringBuilder(node.optional() ? "?" : "");
            for (int i = 0; i < node.path().size(); i++) {
                String segment = node.path().get(i);
                out.append(i == 0 ? "" : ".")
                        .append(isPlainName(segment) ? segment : "`" + segment.replace("`", "``") + "`");
            }
            return new Printed(out.toString(), PRIMARY);
        }

        @Override
        public Printed visitFunctionCall(FunctionCall node) {
            StringBuilder out = new StringBuilder(node.name()).append(node.caseInsensitive() ? "~(" : "(");
            list(node.arguments(), out);
            return new Printed(out.append(')').toString(), PRIMARY);
        }

        @Override
        public Printed visitNot(Not node) {
            return new Printed("not " + operand(node.operand(), NOT), NOT);
        }

        @Override
        public Printed visitAnd(And node) {
            return chain(node.operands(), " and ", AND);
        }

        @Override
        public Printed visitOr(Or node) {
            return chain(node.operands(), " or ", OR);
        }

        /** An operand of the same kind of chain is put in parentheses: it is a chain of its own. */
        private Printed chain(List<Expression> operands, String separator, int precedence) {
            StringBuilder out = new StringBuilder();
            for (Expression operand : operands) {
                out.append(out.length() == 0 ? "" : separator).append(operand(operand, precedence + 1));
            }
            return new Printed(out.toString(), precedence);
        }

        @Override
        public Printed visitComparison(Comparison node) {
            return new Printed(
                    operand(node.left(), ADDITIVE) + " " + node.operator().symbol() + " "
                            + operand(node.right(), ADDITIVE),
                    COMPARISON);
        }

        /** Left-associative: an operand on the right of the same precedence needs parentheses. */
        @Override
        public Printed visitArithmetic(Arithmetic node) {
            int precedence = node.operator().precedence() == 1 ? ADDITIVE : MULTIPLICATIVE;
            return new Printed(
                    operand(node.left(), precedence) + " " + node.operator().symbol() + " "
                            + operand(node.right(), precedence + 1),
                    precedence);
        }

        @Override
        public Printed visitNegate(Negate node) {
            String operand = operand(node.operand(), UNARY);
            return new Printed((operand.startsWith("-") ? "- " : "-") + operand, UNARY);
        }

        @Override
        public Printed visitInList(InList node) {
            StringBuilder out = new StringBuilder(operand(node.value(), PRIMARY))
                    .append(node.negated() ? " not" : "")
                    .append(node.caseInsensitive() ? " in~ (" : " in (");
            list(node.list(), out);
            return new Printed(out.append(')').toString(), PREDICATE);
        }

        @Override
        public Printed visitPatternMatch(PatternMatch node) {
            StringBuilder out = new StringBuilder(operand(node.value(), PRIMARY))
                    .append(' ')
                    .append(node.operator().symbol())
                    .append(' ');
            if (node.patterns().size() == 1) {
                out.append(format(node.patterns().get(0)));
            } else {
                out.append('(');
                list(node.patterns(), out);
                out.append(')');
            }
            return new Printed(out.toString(), PREDICATE);
        }
    }
}
