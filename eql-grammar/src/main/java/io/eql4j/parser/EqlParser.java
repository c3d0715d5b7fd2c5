package io.eql4j.parser;

import io.eql4j.ast.Expression;
import io.eql4j.ast.Query;
import io.eql4j.parser.internal.EqlBaseParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Parses EQL text into the immutable syntax tree of {@code io.eql4j.ast}, with the grammar and the checks of
 * Elasticsearch EQL.
 *
 * <p>Stateless and thread-safe: one instance may serve any number of threads. For any input text, the only exception
 * it throws is {@link EqlParseException}, which gives the line, column and offset of the first problem: syntax
 * errors, constructs Elasticsearch rejects ({@code join}, lineage, unsupported pipes, single-quoted strings...), and
 * queries nested more deeply than the tree is allowed to be (256 levels), which keeps every recursive pass over a
 * returned tree safe from stack overflows. Chains of {@code and} or {@code or} are flattened into one node and may be
 * of any length.
 */
public final class EqlParser {

    /** Creates a parser. */
    public EqlParser() {
    }

    /**
     * Parses a whole EQL statement: an event query, sequence or sample, with its pipes.
     *
     * @param eql the query text
     * @return the syntax tree, with the span of every node
     * @throws EqlParseException    if the text is not a valid EQL statement or uses a construct Elasticsearch
     *                              rejects
     * @throws NullPointerException if {@code eql} is null
     */
    public Query parse(String eql) {
        return run(eql, EqlBaseParser::singleStatement, (builder, tree) -> builder.statement(tree.statement()));
    }

    /**
     * Parses a single expression, such as the condition after {@code where}; for tests and tools.
     *
     * @param text the expression text
     * @return the expression's syntax tree
     * @throws EqlParseException    if the text is not a valid EQL expression
     * @throws NullPointerException if {@code text} is null
     */
    public Expression parseExpression(String text) {
        return run(text, EqlBaseParser::singleExpression, (builder, tree) -> builder.expression(tree.expression()));
    }

    private static <T extends ParserRuleContext, R> R run(String text, Function<EqlBaseParser, T> rule,
                                                          BiFunction<AstBuilder, T, R> build) {
        Objects.requireNonNull(text, "query text");
        SourceText source = new SourceText(text);
        try {
            CommonTokenStream tokens = new CommonTokenStream(new StrictLexer(source));
            tokens.fill(); // reports lexical errors before any parsing
            checkNesting(source, tokens.getTokens());
            return build.apply(new AstBuilder(source), parseTree(source, tokens, rule));
        } catch (StackOverflowError tooDeep) {
            // last resort: the nesting check should keep ANTLR's recursion well within the stack
            throw source.error("Query too large or too deeply nested to parse", 0);
        }
    }

    /**
     * Two-stage parsing: the fast SLL prediction first, and the full LL prediction only when SLL fails, which
     * happens on syntax errors (or, rarely, on input SLL cannot decide). The second stage reports the error.
     */
    private static <T extends ParserRuleContext> T parseTree(SourceText source, CommonTokenStream tokens,
                                                             Function<EqlBaseParser, T> rule) {
        EqlBaseParser parser = new EqlBaseParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            parser.reset();
            parser.setErrorHandler(new SyntaxErrorStrategy(source));
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return rule.apply(parser);
        }
    }

    /**
     * Refuses, before parsing, nesting that would make ANTLR's recursive descent (and then the tree) too deep:
     * parentheses and brackets, and runs of prefix operators ({@code not not -x}). Other constructs nest only
     * through these, except left-nested chains, which the parser handles with loops.
     */
    private static void checkNesting(SourceText source, List<Token> tokens) {
        int depth = 0;
        int prefixes = 0;
        for (Token token : tokens) {
            switch (token.getType()) {
                case EqlBaseParser.LP:
                case EqlBaseParser.LB:
                case EqlBaseParser.MISSING_EVENT_OPEN:
                    depth++;
                    prefixes = 0;
                    break;
                case EqlBaseParser.RP:
                case EqlBaseParser.RB:
                    depth--;
                    prefixes = 0;
                    break;
                case EqlBaseParser.NOT:
                case EqlBaseParser.MINUS:
                case EqlBaseParser.PLUS:
                    prefixes++;
                    break;
                default:
                    prefixes = 0;
            }
            if (depth > AstBuilder.MAX_DEPTH || prefixes > AstBuilder.MAX_DEPTH) {
                throw source.error(AstBuilder.TOO_DEEP, token);
            }
        }
    }
}
