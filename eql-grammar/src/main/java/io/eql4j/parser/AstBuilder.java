package io.eql4j.parser;

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
import io.eql4j.ast.SampleQuery;
import io.eql4j.ast.SequenceQuery;
import io.eql4j.ast.Span;
import io.eql4j.ast.Stage;
import io.eql4j.parser.internal.EqlBaseBaseVisitor;
import io.eql4j.parser.internal.EqlBaseParser;
import io.eql4j.parser.internal.EqlBaseParser.ArithmeticBinaryContext;
import io.eql4j.parser.internal.EqlBaseParser.ArithmeticUnaryContext;
import io.eql4j.parser.internal.EqlBaseParser.BooleanDefaultContext;
import io.eql4j.parser.internal.EqlBaseParser.BooleanExpressionContext;
import io.eql4j.parser.internal.EqlBaseParser.BooleanLiteralContext;
import io.eql4j.parser.internal.EqlBaseParser.ConstantContext;
import io.eql4j.parser.internal.EqlBaseParser.ConstantDefaultContext;
import io.eql4j.parser.internal.EqlBaseParser.DereferenceContext;
import io.eql4j.parser.internal.EqlBaseParser.EventFilterContext;
import io.eql4j.parser.internal.EqlBaseParser.ExpressionContext;
import io.eql4j.parser.internal.EqlBaseParser.FunctionArgumentsContext;
import io.eql4j.parser.internal.EqlBaseParser.FunctionContext;
import io.eql4j.parser.internal.EqlBaseParser.IdentifierContext;
import io.eql4j.parser.internal.EqlBaseParser.IntegerLiteralContext;
import io.eql4j.parser.internal.EqlBaseParser.JoinKeysContext;
import io.eql4j.parser.internal.EqlBaseParser.LogicalBinaryContext;
import io.eql4j.parser.internal.EqlBaseParser.LogicalNotContext;
import io.eql4j.parser.internal.EqlBaseParser.NullLiteralContext;
import io.eql4j.parser.internal.EqlBaseParser.NumberContext;
import io.eql4j.parser.internal.EqlBaseParser.NumericLiteralContext;
import io.eql4j.parser.internal.EqlBaseParser.OperatorExpressionContext;
import io.eql4j.parser.internal.EqlBaseParser.OperatorExpressionDefaultContext;
import io.eql4j.parser.internal.EqlBaseParser.ParenthesizedExpressionContext;
import io.eql4j.parser.internal.EqlBaseParser.PipeContext;
import io.eql4j.parser.internal.EqlBaseParser.PredicateContext;
import io.eql4j.parser.internal.EqlBaseParser.QualifiedNameContext;
import io.eql4j.parser.internal.EqlBaseParser.QueryContext;
import io.eql4j.parser.internal.EqlBaseParser.SequenceHeaderContext;
import io.eql4j.parser.internal.EqlBaseParser.SequenceTermContext;
import io.eql4j.parser.internal.EqlBaseParser.StatementContext;
import io.eql4j.parser.internal.EqlBaseParser.StringLiteralContext;
import io.eql4j.parser.internal.EqlBaseParser.TimeUnitContext;
import io.eql4j.parser.internal.EqlBaseParser.ValueExpressionContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns a parse tree into the syntax tree, with spans, and makes the checks that Elasticsearch makes while it builds
 * its plan (LogicalPlanBuilder): maxspan, runs, join keys, missing events, pipes and the rejected constructs.
 *
 * <p>Not thread-safe: one builder per parse. It keeps the depth of every expression it built so that it can refuse
 * trees deeper than {@link #MAX_DEPTH}, which keeps the recursive passes over the tree (formatter, compiler) safe.
 */
final class AstBuilder extends EqlBaseBaseVisitor<Expression> {

    /** The deepest expression tree the parser returns. */
    static final int MAX_DEPTH = 256;

    static final String TOO_DEEP = "Expression nested too deeply; the maximum depth is [" + MAX_DEPTH + "]";

    /** Pipes of Endgame EQL that Elasticsearch knows but does not run. */
    private static final Set<String> UNSUPPORTED_PIPES = Set.of("count", "filter", "sort", "unique", "unique_count");

    private static final List<String> KNOWN_PIPES =
            List.of("head", "tail", "count", "filter", "sort", "unique", "unique_count");

    private final SourceText source;
    private final Map<Expression, Integer> depths = new IdentityHashMap<>();

    AstBuilder(SourceText source) {
        this.source = source;
    }

    // ---------------------------------------------------------------------------------------------- statements

    Query statement(StatementContext ctx) {
        QueryBody body = query(ctx.query());
        List<Pipe> pipes = new ArrayList<>(ctx.pipe().size());
        for (PipeContext pipe : ctx.pipe()) {
            pipes.add(pipe(pipe));
        }
        return new Query(body, pipes, source.span(ctx));
    }

    private QueryBody query(QueryContext ctx) {
        if (ctx.eventQuery() != null) {
            return new EventQuery(eventFilter(ctx.eventQuery().eventFilter()), source.span(ctx));
        } else if (ctx.sequence() != null) {
            EqlBaseParser.SequenceContext s = ctx.sequence();
            return series(false, s.SEQUENCE().getSymbol(), s.sequenceHeader(), s.sequenceTerm(), s.until, s);
        } else if (ctx.sample() != null) {
            EqlBaseParser.SampleContext s = ctx.sample();
            return series(true, s.SAMPLE().getSymbol(), s.sequenceHeader(), s.sequenceTerm(), s.until, s);
        }
        throw source.error("Join is not supported", ctx.join().JOIN().getSymbol());
    }

    /** A sequence or a sample, which share their syntax; the sample rejects what only sequences have. */
    private QueryBody series(
            boolean sample,
            Token keyword,
            SequenceHeaderContext header,
            List<SequenceTermContext> terms,
            SequenceTermContext until,
            ParserRuleContext ctx) {
        if (header.sequenceParams() != null) {
            if (sample) {
                throw source.error("[with maxspan] is not supported in samples", header.sequenceParams().start);
            }
            if (header.disallowed != null) {
                throw source.error("Please specify sequence [by] before [with] not after", header.disallowed.start);
            }
        }
        List<Expression> keys = joinKeys(header.by);
        MaxSpan maxSpan = header.sequenceParams() == null
                ? null
                : maxSpan(header.sequenceParams().timeUnit());

        Place place = sample ? Place.SAMPLE : Place.SEQUENCE;
        List<Stage> stages = new ArrayList<>(terms.size());
        long queries = 0; // with runs counted out
        boolean positive = false;
        for (SequenceTermContext term : terms) {
            if (term == until) {
                continue; // the grammar lists the until query among the others
            }
            Stage stage = stage(term, place, maxSpan != null);
            checkKeyCount(stages.isEmpty() ? stage : stages.get(0), stage, term);
            stages.add(stage);
            queries += stage.runs();
            positive |= !stage.missing();
        }
        Stage untilStage = null;
        if (until != null) {
            if (sample) {
                throw source.error(
                        "[until] is not supported in samples",
                        ctx.getToken(EqlBaseParser.UNTIL, 0).getSymbol());
            }
            untilStage = stage(until, Place.UNTIL, maxSpan != null);
            checkKeyCount(stages.get(0), untilStage, until);
        }
        Span span = source.span(ctx);
        if (sample) {
            if (keys.isEmpty() && stages.get(0).joinKeys().isEmpty()) {
                throw source.error("A sample requires join keys; use [sample by] or [by] on each query", keyword);
            }
            return new SampleQuery(keys, stages, span);
        }
        if (queries < 2) {
            throw source.error("A sequence requires a minimum of 2 queries, found [" + queries + "]", keyword);
        }
        if (!positive) {
            throw source.error("A sequence requires at least one positive query; it has only missing events", keyword);
        }
        return new SequenceQuery(keys, maxSpan, stages, untilStage, span);
    }

    /** Where a bracketed query stands, for the constructs each place does not allow. */
    private enum Place {
        SEQUENCE,
        SAMPLE,
        UNTIL
    }

    private Stage stage(SequenceTermContext ctx, Place place, boolean hasMaxSpan) {
        EqlBaseParser.SubqueryContext subquery = ctx.subquery();
        boolean missing = subquery.MISSING_EVENT_OPEN() != null;
        if (missing) {
            Token open = subquery.MISSING_EVENT_OPEN().getSymbol();
            if (place == Place.SAMPLE) {
                throw source.error("Missing events are not supported in samples", open);
            } else if (place == Place.UNTIL) {
                throw source.error("Missing events are not supported in the [until] query", open);
            } else if (!hasMaxSpan) {
                throw source.error("A sequence with missing events requires [with maxspan]", open);
            }
        }
        EventFilter filter = eventFilter(subquery.eventFilter());
        List<Expression> keys = joinKeys(ctx.by);
        int runs = 1;
        if (ctx.key != null) {
            if (place == Place.SAMPLE) {
                throw source.error(
                        "[with runs] is not supported in samples", ctx.WITH().getSymbol());
            } else if (place == Place.UNTIL) {
                throw source.error(
                        "[with runs] is not supported in the [until] query",
                        ctx.WITH().getSymbol());
            }
            if (!"runs".equals(ctx.key.getText())) {
                throw source.error("Unrecognized option [" + ctx.key.getText() + "], expecting [runs]", ctx.key);
            }
            runs = runs(ctx.value);
        }
        return new Stage(filter, keys, runs, missing, source.span(ctx));
    }

    private int runs(NumberContext ctx) {
        long runs = ctx instanceof IntegerLiteralContext ? parseLong(ctx.getText()) : -1;
        if (runs < 1 || runs > 100) {
            throw source.error(
                    "A [runs] value between [1] and [100] is required; found [" + ctx.getText() + "]", ctx.start);
        }
        return (int) runs;
    }

    /** Every query of a sequence or sample has as many keys of its own as the first one. */
    private void checkKeyCount(Stage first, Stage stage, SequenceTermContext ctx) {
        int expected = first.joinKeys().size();
        int found = stage.joinKeys().size();
        if (expected != found) {
            throw source.error(
                    "Inconsistent number of join keys specified; expected [" + expected + "] join keys but found ["
                            + found + "]",
                    ctx.by != null ? ctx.by.start : ctx.start);
        }
    }

    private MaxSpan maxSpan(TimeUnitContext ctx) {
        NumberContext number = ctx.number();
        String amountText = number.getText();
        if (!(number instanceof IntegerLiteralContext)) {
            throw source.error(
                    "Decimal time interval [" + amountText + "] not supported; please use a positive " + "integer",
                    number.start);
        }
        long amount = parseLong(amountText);
        if (amount == 0) {
            throw source.error("A positive maxspan value is required; found [" + amountText + "]", number.start);
        }
        if (ctx.unit == null) {
            throw source.error("No time unit specified, did you mean [s] as in [" + amountText + "s]?", number.start);
        }
        String unitText = ctx.unit.getText();
        MaxSpan.TimeUnit unit = MaxSpan.TimeUnit.ofSymbol(unitText);
        if (unit == null) {
            throw source.error(
                    "Unrecognized time unit [" + unitText + "] in [" + amountText + unitText
                            + "], please specify one of [ms, s, m, h, d]",
                    ctx.unit);
        }
        if (amount > 0) {
            MaxSpan maxSpan = new MaxSpan(amount, unit, source.span(ctx));
            try {
                // the engine counts time in nanoseconds: a maxspan must fit in a long of them (about 292 years)
                if (maxSpan.toDuration().toNanos() > 0) { // toNanos throws when it does not fit
                    return maxSpan;
                }
            } catch (ArithmeticException tooLong) {
                // reported below, as for an amount that does not fit a long
            }
        }
        throw source.error("Time interval [" + amountText + unitText + "] is too large", number.start);
    }

    /** The value of an integer token, or -1 when it does not fit a long. */
    private static long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }

    private Pipe pipe(PipeContext ctx) {
        String name = ctx.name.getText();
        Pipe.Kind kind = "head".equals(name) ? Pipe.Kind.HEAD : "tail".equals(name) ? Pipe.Kind.TAIL : null;
        if (kind == null) {
            if (UNSUPPORTED_PIPES.contains(name)) {
                throw source.error("Pipe [" + name + "] is not supported", ctx.name);
            }
            throw source.error("Unrecognized pipe [" + name + "]" + suggestion(name), ctx.name);
        }
        List<BooleanExpressionContext> arguments = ctx.booleanExpression();
        if (arguments.size() != 1) {
            throw source.error(
                    "Pipe [" + name + "] expects exactly one argument but found [" + arguments.size() + "]", ctx.name);
        }
        BooleanExpressionContext argument = arguments.get(0);
        Long count = foldInteger(visit(argument));
        if (count == null || count < 0) {
            throw source.error(
                    "Pipe [" + name + "] expects a non-negative integer but found [" + source.text(argument) + "]",
                    argument.start);
        }
        return new Pipe(kind, count, source.span(ctx));
    }

    /**
     * The value of a constant integer expression such as {@code 5} or {@code 2 * 3}, or {@code null} when the
     * expression is not one (Elasticsearch accepts any foldable integer expression as the argument of a pipe).
     */
    private static Long foldInteger(Expression expression) {
        try {
            if (expression instanceof Literal.IntegerLiteral) {
                return ((Literal.IntegerLiteral) expression).longValue();
            } else if (expression instanceof Negate) {
                Long operand = foldInteger(((Negate) expression).operand());
                return operand == null ? null : Math.negateExact(operand);
            } else if (expression instanceof Arithmetic) {
                Arithmetic arithmetic = (Arithmetic) expression;
                Long left = foldInteger(arithmetic.left());
                Long right = foldInteger(arithmetic.right());
                if (left == null || right == null) {
                    return null;
                }
                switch (arithmetic.operator()) {
                    case ADD:
                        return Math.addExact(left, right);
                    case SUBTRACT:
                        return Math.subtractExact(left, right);
                    case MULTIPLY:
                        return Math.multiplyExact(left, right);
                    case DIVIDE:
                        return right == 0 ? null : left / right;
                    default:
                        return right == 0 ? null : left % right;
                }
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        return null;
    }

    /** ", did you mean [head]?" for a pipe name that is one or two edits away from a known one. */
    private static String suggestion(String name) {
        List<String> similar = new ArrayList<>();
        for (String known : KNOWN_PIPES) {
            if (editDistance(name, known) <= 2) {
                similar.add(known);
            }
        }
        return similar.isEmpty() ? "" : ", did you mean " + (similar.size() == 1 ? "" : "any of ") + similar + "?";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private EventFilter eventFilter(EventFilterContext ctx) {
        String category = null;
        if (ctx.event != null) {
            category = ctx.event.STRING() != null
                    ? Strings.value(ctx.event.STRING().getSymbol(), source)
                    : ctx.event.getText();
        }
        return new EventFilter(category, expression(ctx.expression()), source.span(ctx));
    }

    /** Join keys: Elasticsearch accepts only fields (a function or a constant is an "Unsupported join key"). */
    private List<Expression> joinKeys(JoinKeysContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        List<Expression> keys = new ArrayList<>(ctx.expression().size());
        for (ExpressionContext key : ctx.expression()) {
            Expression expression = expression(key);
            if (!(expression instanceof Field)) {
                throw source.error(
                        "Unsupported join key [" + source.text(key) + "]; join keys must be fields", key.start);
            }
            keys.add(expression);
        }
        return keys;
    }

    // --------------------------------------------------------------------------------------------- expressions

    Expression expression(ExpressionContext ctx) {
        return visit(ctx.booleanExpression());
    }

    @Override
    public Expression visitLogicalNot(LogicalNotContext ctx) {
        Expression operand = visit(ctx.booleanExpression());
        return checked(new Not(operand, source.span(ctx)), ctx.start, List.of(operand));
    }

    @Override
    public Expression visitBooleanDefault(BooleanDefaultContext ctx) {
        return visit(ctx.valueExpression());
    }

    /**
     * {@code a and b and c} is one {@link And} of three. The parser nests such a chain to the left, as deep as it is
     * long, so it is walked with a loop: a recursive walk would overflow the stack on long chains.
     */
    @Override
    public Expression visitLogicalBinary(LogicalBinaryContext ctx) {
        int operator = ctx.operator.getType();
        Deque<BooleanExpressionContext> rights = new ArrayDeque<>();
        BooleanExpressionContext left = ctx;
        while (left instanceof LogicalBinaryContext && ((LogicalBinaryContext) left).operator.getType() == operator) {
            rights.push(((LogicalBinaryContext) left).right);
            left = ((LogicalBinaryContext) left).left;
        }
        List<Expression> operands = new ArrayList<>(rights.size() + 1);
        operands.add(visit(left));
        while (!rights.isEmpty()) {
            operands.add(visit(rights.pop()));
        }
        Span span = source.span(ctx);
        Expression chain = operator == EqlBaseParser.AND ? new And(operands, span) : new Or(operands, span);
        return checked(chain, ctx.start, operands);
    }

    @Override
    public Expression visitValueExpression(ValueExpressionContext ctx) {
        Expression left = visit(ctx.left);
        if (ctx.right == null) {
            return left;
        }
        Expression right = visit(ctx.right);
        Comparison.Operator operator;
        switch (ctx.comparisonOperator().start.getType()) {
            case EqlBaseParser.EQ:
                operator = Comparison.Operator.EQ;
                break;
            case EqlBaseParser.NEQ:
                operator = Comparison.Operator.NEQ;
                break;
            case EqlBaseParser.LT:
                operator = Comparison.Operator.LT;
                break;
            case EqlBaseParser.LTE:
                operator = Comparison.Operator.LTE;
                break;
            case EqlBaseParser.GT:
                operator = Comparison.Operator.GT;
                break;
            default:
                operator = Comparison.Operator.GTE;
        }
        return checked(
                new Comparison(left, operator, right, source.span(ctx)),
                ctx.comparisonOperator().start,
                List.of(left, right));
    }

    @Override
    public Expression visitArithmeticUnary(ArithmeticUnaryContext ctx) {
        Expression operand = visit(ctx.operatorExpression());
        if (ctx.operator.getType() == EqlBaseParser.PLUS) {
            return operand;
        }
        return checked(new Negate(operand, source.span(ctx)), ctx.operator, List.of(operand));
    }

    /** A chain {@code a + b - c * d} nests to the left like an and-chain, and is walked with a loop as well. */
    @Override
    public Expression visitArithmeticBinary(ArithmeticBinaryContext ctx) {
        Deque<ArithmeticBinaryContext> chain = new ArrayDeque<>();
        OperatorExpressionContext left = ctx;
        while (left instanceof ArithmeticBinaryContext) {
            chain.push((ArithmeticBinaryContext) left);
            left = ((ArithmeticBinaryContext) left).left;
        }
        Expression result = visit(left);
        while (!chain.isEmpty()) {
            ArithmeticBinaryContext link = chain.pop();
            Expression right = visit(link.right);
            result = checked(
                    new Arithmetic(result, arithmetic(link.operator), right, source.span(link)),
                    link.operator,
                    List.of(result, right));
        }
        return result;
    }

    private static Arithmetic.Operator arithmetic(Token operator) {
        switch (operator.getType()) {
            case EqlBaseParser.PLUS:
                return Arithmetic.Operator.ADD;
            case EqlBaseParser.MINUS:
                return Arithmetic.Operator.SUBTRACT;
            case EqlBaseParser.ASTERISK:
                return Arithmetic.Operator.MULTIPLY;
            case EqlBaseParser.SLASH:
                return Arithmetic.Operator.DIVIDE;
            default:
                return Arithmetic.Operator.MODULO;
        }
    }

    @Override
    public Expression visitOperatorExpressionDefault(OperatorExpressionDefaultContext ctx) {
        Expression value = visit(ctx.primaryExpression());
        PredicateContext predicate = ctx.predicate();
        if (predicate == null) {
            return value;
        }
        Span span = source.span(ctx);
        switch (predicate.kind.getType()) {
            case EqlBaseParser.OF:
                throw source.error("Process relationships are not supported", ctx.start);
            case EqlBaseParser.IN:
            case EqlBaseParser.IN_INSENSITIVE:
                List<Expression> list = new ArrayList<>(predicate.expression().size());
                for (ExpressionContext candidate : predicate.expression()) {
                    list.add(expression(candidate));
                }
                InList in = new InList(
                        value,
                        list,
                        predicate.NOT() != null,
                        predicate.kind.getType() == EqlBaseParser.IN_INSENSITIVE,
                        span);
                return checked(in, predicate.kind, with(value, list));
            default:
                List<Literal> patterns = new ArrayList<>(predicate.constant().size());
                for (ConstantContext constant : predicate.constant()) {
                    patterns.add((Literal) visit(constant));
                }
                PatternMatch match = new PatternMatch(value, patternOperator(predicate.kind), patterns, span);
                return checked(match, predicate.kind, List.of(value));
        }
    }

    private static List<Expression> with(Expression first, List<Expression> rest) {
        List<Expression> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static PatternMatch.Operator patternOperator(Token kind) {
        switch (kind.getType()) {
            case EqlBaseParser.SEQ:
                return PatternMatch.Operator.SEQ;
            case EqlBaseParser.LIKE:
                return PatternMatch.Operator.LIKE;
            case EqlBaseParser.LIKE_INSENSITIVE:
                return PatternMatch.Operator.LIKE_INSENSITIVE;
            case EqlBaseParser.REGEX:
                return PatternMatch.Operator.REGEX;
            default:
                return PatternMatch.Operator.REGEX_INSENSITIVE;
        }
    }

    @Override
    public Expression visitConstantDefault(ConstantDefaultContext ctx) {
        return visit(ctx.constant());
    }

    @Override
    public Expression visitFunction(FunctionContext ctx) {
        String name = ctx.name.getText();
        return call(name.substring(0, name.length() - 1), true, ctx.functionArguments(), ctx);
    }

    /** A name followed by arguments is a call, but only a plain identifier names a function. */
    @Override
    public Expression visitDereference(DereferenceContext ctx) {
        QualifiedNameContext name = ctx.qualifiedName();
        if (ctx.functionArguments() == null) {
            List<String> path = new ArrayList<>(name.identifier().size());
            int segments = 0;
            for (IdentifierContext identifier : name.identifier()) {
                String segment = identifier(identifier);
                path.add(segment);
                segments += 1 + dots(segment);
                if (segments > EqlParser.MAX_FIELD_SEGMENTS) {
                    throw source.error(
                            "Field name with too many segments; the maximum is ["
                                    + EqlParser.MAX_FIELD_SEGMENTS + "] (set the system property "
                                    + EqlParser.MAX_FIELD_SEGMENTS_PROPERTY + " to allow more)",
                            name.start);
                }
            }
            return new Field(path, name.OPTIONAL() != null, source.span(name));
        }
        if (name.OPTIONAL() != null
                || name.identifier().size() != 1
                || name.identifier(0).IDENTIFIER() == null) {
            throw source.error(
                    "Invalid function name [" + source.text(name) + "]; a function name is a single "
                            + "identifier, as in startsWith(...)",
                    name.start);
        }
        return call(name.getText(), false, ctx.functionArguments(), ctx);
    }

    private static int dots(String segment) {
        int dots = 0;
        for (int i = segment.indexOf('.'); i >= 0; i = segment.indexOf('.', i + 1)) {
            dots++;
        }
        return dots;
    }

    private static String identifier(IdentifierContext ctx) {
        if (ctx.QUOTED_IDENTIFIER() == null) {
            return ctx.getText();
        }
        String quoted = ctx.getText();
        return quoted.substring(1, quoted.length() - 1).replace("``", "`");
    }

    private Expression call(
            String name, boolean caseInsensitive, FunctionArgumentsContext arguments, ParserRuleContext ctx) {
        List<Expression> values = new ArrayList<>(arguments.expression().size());
        for (ExpressionContext argument : arguments.expression()) {
            values.add(expression(argument));
        }
        return checked(new FunctionCall(name, caseInsensitive, values, source.span(ctx)), ctx.start, values);
    }

    @Override
    public Expression visitParenthesizedExpression(ParenthesizedExpressionContext ctx) {
        return expression(ctx.expression());
    }

    @Override
    public Expression visitNullLiteral(NullLiteralContext ctx) {
        return new Literal.NullLiteral(source.span(ctx));
    }

    @Override
    public Expression visitBooleanLiteral(BooleanLiteralContext ctx) {
        return new Literal.BooleanLiteral(ctx.booleanValue().TRUE() != null, source.span(ctx));
    }

    @Override
    public Expression visitStringLiteral(StringLiteralContext ctx) {
        return new Literal.StringLiteral(Strings.value(ctx.string().STRING().getSymbol(), source), source.span(ctx));
    }

    /** Integers that do not fit a long are read as doubles, as Elasticsearch's ExpressionBuilder does. */
    @Override
    public Expression visitNumericLiteral(NumericLiteralContext ctx) {
        NumberContext number = ctx.number();
        String text = number.getText();
        Span span = source.span(ctx);
        if (number instanceof IntegerLiteralContext) {
            long value = parseLong(text);
            if (value >= 0) {
                return new Literal.IntegerLiteral(value, span);
            }
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw source.error("Number [" + text + "] is too large", number.start);
        }
        return new Literal.DecimalLiteral(value, span);
    }

    /** Records the depth of a new node, and refuses it when the tree would be too deep. */
    private Expression checked(Expression node, Token at, List<? extends Expression> children) {
        int depth = 0;
        for (Expression child : children) {
            depth = Math.max(depth, depths.getOrDefault(child, 1));
        }
        if (++depth > MAX_DEPTH) {
            throw source.error(TOO_DEEP, at);
        }
        depths.put(node, depth);
        return node;
    }
}
