package io.eql4j.parser;

import static io.eql4j.ast.Span.NONE;

import io.eql4j.ast.And;
import io.eql4j.ast.Arithmetic;
import io.eql4j.ast.Comparison;
import io.eql4j.ast.EventFilter;
import io.eql4j.ast.EventQuery;
import io.eql4j.ast.Expression;
import io.eql4j.ast.Field;
import io.eql4j.ast.FunctionCall;
import io.eql4j.ast.InList;
import io.eql4j.ast.Literal;
import io.eql4j.ast.MaxSpan;
import io.eql4j.ast.Negate;
import io.eql4j.ast.Not;
import io.eql4j.ast.Or;
import io.eql4j.ast.PatternMatch;
import io.eql4j.ast.Pipe;
import io.eql4j.ast.Query;
import io.eql4j.ast.QueryBody;
import io.eql4j.ast.Stage;
import java.util.Arrays;
import java.util.List;

/** Expected syntax trees, written compactly; every span is {@code Span.NONE}, to compare with Ast.withoutSpans. */
final class Trees {

    private Trees() {}

    static Field field(String... path) {
        return new Field(List.of(path), false, NONE);
    }

    /** A dotted name: {@code f("a.b")} is the field a.b with two segments. */
    static Field f(String dotted) {
        return new Field(List.of(dotted.split("\\.")), false, NONE);
    }

    static Field optional(String dotted) {
        return new Field(List.of(dotted.split("\\.")), true, NONE);
    }

    static Literal.StringLiteral str(String value) {
        return new Literal.StringLiteral(value, NONE);
    }

    static Literal.IntegerLiteral num(long value) {
        return new Literal.IntegerLiteral(value, NONE);
    }

    static Literal.DecimalLiteral dec(double value) {
        return new Literal.DecimalLiteral(value, NONE);
    }

    static Literal.BooleanLiteral bool(boolean value) {
        return new Literal.BooleanLiteral(value, NONE);
    }

    static Literal.NullLiteral nul() {
        return new Literal.NullLiteral(NONE);
    }

    static And and(Expression... operands) {
        return new And(List.of(operands), NONE);
    }

    static Or or(Expression... operands) {
        return new Or(List.of(operands), NONE);
    }

    static Not not(Expression operand) {
        return new Not(operand, NONE);
    }

    static Negate neg(Expression operand) {
        return new Negate(operand, NONE);
    }

    static Comparison cmp(Expression left, Comparison.Operator operator, Expression right) {
        return new Comparison(left, operator, right, NONE);
    }

    static Comparison eq(Expression left, Expression right) {
        return cmp(left, Comparison.Operator.EQ, right);
    }

    static Arithmetic math(Expression left, Arithmetic.Operator operator, Expression right) {
        return new Arithmetic(left, operator, right, NONE);
    }

    static InList in(Expression value, Expression... list) {
        return new InList(value, List.of(list), false, false, NONE);
    }

    static InList inList(Expression value, boolean negated, boolean caseInsensitive, Expression... list) {
        return new InList(value, List.of(list), negated, caseInsensitive, NONE);
    }

    static PatternMatch match(Expression value, PatternMatch.Operator operator, Literal... patterns) {
        return new PatternMatch(value, operator, List.of(patterns), NONE);
    }

    static FunctionCall call(String name, Expression... arguments) {
        return new FunctionCall(name, false, List.of(arguments), NONE);
    }

    static FunctionCall callInsensitive(String name, Expression... arguments) {
        return new FunctionCall(name, true, List.of(arguments), NONE);
    }

    static EventFilter filter(String category, Expression condition) {
        return new EventFilter(category, condition, NONE);
    }

    static Stage stage(EventFilter filter, Expression... keys) {
        return new Stage(filter, List.of(keys), 1, false, NONE);
    }

    static Stage runs(int runs, EventFilter filter, Expression... keys) {
        return new Stage(filter, List.of(keys), runs, false, NONE);
    }

    static Stage missing(EventFilter filter, Expression... keys) {
        return new Stage(filter, List.of(keys), 1, true, NONE);
    }

    static MaxSpan maxSpan(long amount, MaxSpan.TimeUnit unit) {
        return new MaxSpan(amount, unit, NONE);
    }

    static List<Expression> keys(Expression... keys) {
        return Arrays.asList(keys);
    }

    static Query query(QueryBody body, Pipe... pipes) {
        return new Query(body, List.of(pipes), NONE);
    }

    static Query event(String category, Expression condition) {
        return query(new EventQuery(filter(category, condition), NONE));
    }

    static Pipe head(long count) {
        return new Pipe(Pipe.Kind.HEAD, count, NONE);
    }

    static Pipe tail(long count) {
        return new Pipe(Pipe.Kind.TAIL, count, NONE);
    }
}
