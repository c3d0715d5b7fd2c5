package io.eql4j.ast;

import java.util.ArrayList;
import java.util.List;

/** Operations on whole syntax trees. */
public final class Ast {

    private Ast() {}

    /**
     * A copy of the tree in which every span is {@link Span#NONE}, so that two trees parsed from differently
     * written texts compare equal when they mean the same query.
     */
    public static Query withoutSpans(Query query) {
        return new Query(
                strip(query.body()),
                query.pipes().stream()
                        .map(p -> new Pipe(p.kind(), p.count(), Span.NONE))
                        .toList(),
                Span.NONE);
    }

    /** A copy of the expression in which every span is {@link Span#NONE}. */
    public static Expression withoutSpans(Expression expression) {
        return expression.accept(STRIPPER);
    }

    private static QueryBody strip(QueryBody body) {
        if (body instanceof EventQuery q) {
            return new EventQuery(strip(q.filter()), Span.NONE);
        } else if (body instanceof SequenceQuery q) {
            MaxSpan maxSpan = q.maxSpan() == null
                    ? null
                    : new MaxSpan(q.maxSpan().amount(), q.maxSpan().unit(), Span.NONE);
            return new SequenceQuery(
                    strip(q.joinKeys()),
                    maxSpan,
                    q.stages().stream().map(Ast::strip).toList(),
                    q.until() == null ? null : strip(q.until()),
                    Span.NONE);
        } else {
            SampleQuery q = (SampleQuery) body;
            return new SampleQuery(
                    strip(q.joinKeys()), q.stages().stream().map(Ast::strip).toList(), Span.NONE);
        }
    }

    private static Stage strip(Stage stage) {
        return new Stage(strip(stage.filter()), strip(stage.joinKeys()), stage.runs(), stage.missing(), Span.NONE);
    }

    private static EventFilter strip(EventFilter filter) {
        return new EventFilter(filter.category(), withoutSpans(filter.condition()), Span.NONE);
    }

    private static List<Expression> strip(List<Expression> expressions) {
        List<Expression> out = new ArrayList<>(expressions.size());
        for (Expression e : expressions) {
            out.add(withoutSpans(e));
        }
        return out;
    }

    private static final ExpressionVisitor<Expression> STRIPPER = new ExpressionVisitor<>() {
        @Override
        public Expression visitString(Literal.StringLiteral node) {
            return new Literal.StringLiteral(node.value(), Span.NONE);
        }

        @Override
        public Expression visitInteger(Literal.IntegerLiteral node) {
            return new Literal.IntegerLiteral(node.longValue(), Span.NONE);
        }

        @Override
        public Expression visitDecimal(Literal.DecimalLiteral node) {
            return new Literal.DecimalLiteral(node.doubleValue(), Span.NONE);
        }

        @Override
        public Expression visitBoolean(Literal.BooleanLiteral node) {
            return new Literal.BooleanLiteral(node.booleanValue(), Span.NONE);
        }

        @Override
        public Expression visitNull(Literal.NullLiteral node) {
            return new Literal.NullLiteral(Span.NONE);
        }

        @Override
        public Expression visitField(Field node) {
            return new Field(node.path(), node.optional(), Span.NONE);
        }

        @Override
        public Expression visitFunctionCall(FunctionCall node) {
            return new FunctionCall(node.name(), node.caseInsensitive(), strip(node.arguments()), Span.NONE);
        }

        @Override
        public Expression visitNot(Not node) {
            return new Not(node.operand().accept(this), Span.NONE);
        }

        @Override
        public Expression visitAnd(And node) {
            return new And(strip(node.operands()), Span.NONE);
        }

        @Override
        public Expression visitOr(Or node) {
            return new Or(strip(node.operands()), Span.NONE);
        }

        @Override
        public Expression visitComparison(Comparison node) {
            return new Comparison(
                    node.left().accept(this), node.operator(), node.right().accept(this), Span.NONE);
        }

        @Override
        public Expression visitArithmetic(Arithmetic node) {
            return new Arithmetic(
                    node.left().accept(this), node.operator(), node.right().accept(this), Span.NONE);
        }

        @Override
        public Expression visitNegate(Negate node) {
            return new Negate(node.operand().accept(this), Span.NONE);
        }

        @Override
        public Expression visitInList(InList node) {
            return new InList(
                    node.value().accept(this), strip(node.list()), node.negated(), node.caseInsensitive(), Span.NONE);
        }

        @Override
        public Expression visitPatternMatch(PatternMatch node) {
            List<Literal> patterns = new ArrayList<>(node.patterns().size());
            for (Literal p : node.patterns()) {
                patterns.add((Literal) p.accept(this));
            }
            return new PatternMatch(node.value().accept(this), node.operator(), patterns, Span.NONE);
        }
    };
}
