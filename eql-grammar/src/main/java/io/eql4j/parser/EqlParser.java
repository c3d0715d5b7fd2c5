package io.eql4j.parser;

import io.eql4j.ast.Expression;
import io.eql4j.ast.Query;
import io.eql4j.parser.internal.EqlBaseParser;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.dfa.DFA;
import org.antlr.v4.runtime.misc.ParseCancellationException;

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
 *
 * <p>Time and memory are linear in the length of the text, which is limited ({@link #DEFAULT_MAX_QUERY_LENGTH}, at
 * most {@link #MAX_PIPES} pipes), and a call keeps nothing reachable after it returns beyond ANTLR's shared
 * prediction caches, which are bounded. docs/limits.md lists every limit.
 */
public final class EqlParser {

    /**
     * The longest query text, in chars, that {@link #EqlParser()} parses: 4,194,304 (4 Mi), far above any real rule
     * (the longest of the detection-rules corpus has under 50,000) and small enough that parsing it stays within a
     * small heap. Another value may be set with the system property
     * {@value #MAX_LENGTH_PROPERTY} or {@link #EqlParser(int)}. See docs/limits.md.
     */
    public static final int DEFAULT_MAX_QUERY_LENGTH = 1 << 22;

    /** The system property that sets the query length limit of {@link #EqlParser()}. */
    public static final String MAX_LENGTH_PROPERTY = "eql4j.parser.maxQueryLength";

    /**
     * The default of {@link #MAX_FIELD_SEGMENTS}: 64 dot-separated segments in one field name (ECS names have at most
     * 8 or so; Elasticsearch's default mapping allows objects 20 deep).
     */
    public static final int DEFAULT_MAX_FIELD_SEGMENTS = 64;

    /** The system property that sets {@link #MAX_FIELD_SEGMENTS}. */
    public static final String MAX_FIELD_SEGMENTS_PROPERTY = "eql4j.field.maxSegments";

    /**
     * The most dot-separated segments a field name may have, in a query and in {@code io.eql4j.event.FieldPath}:
     * {@link #DEFAULT_MAX_FIELD_SEGMENTS}, or the value of the system property
     * {@value #MAX_FIELD_SEGMENTS_PROPERTY} read when this class loads. A field path knows every dotted join of its
     * consecutive segments (a document may store any part of a name as one key with dots), which is quadratic in
     * the number of segments: the limit bounds that work.
     */
    public static final int MAX_FIELD_SEGMENTS =
            positiveProperty(MAX_FIELD_SEGMENTS_PROPERTY, DEFAULT_MAX_FIELD_SEGMENTS);

    /** The most pipes one statement may have (documented in docs/limits.md). */
    public static final int MAX_PIPES = 1_000;

    /**
     * Above this many DFA states in the lexer's and the parser's shared caches together (the grammar needs a few
     * hundred), the caches are emptied after a parse, so that no input can make them grow without bound.
     */
    static final int MAX_CACHED_DFA_STATES = 20_000;

    private final int maxQueryLength;

    /**
     * Creates a parser with the default limits: {@link #DEFAULT_MAX_QUERY_LENGTH} chars, or the value of the system
     * property {@value #MAX_LENGTH_PROPERTY} when it is set to a positive integer.
     */
    public EqlParser() {
        this(configuredMaxLength());
    }

    /**
     * Creates a parser that refuses query texts longer than {@code maxQueryLength} chars.
     *
     * @param maxQueryLength the longest query text, in chars (UTF-16 code units)
     * @throws IllegalArgumentException if {@code maxQueryLength} is not positive
     */
    public EqlParser(int maxQueryLength) {
        if (maxQueryLength <= 0) {
            throw new IllegalArgumentException("maxQueryLength must be positive: " + maxQueryLength);
        }
        this.maxQueryLength = maxQueryLength;
    }

    private static int configuredMaxLength() {
        return positiveProperty(MAX_LENGTH_PROPERTY, DEFAULT_MAX_QUERY_LENGTH);
    }

    /** The value of a system property holding a positive integer, or {@code otherwise} when it does not. */
    private static int positiveProperty(String name, int otherwise) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed > 0 ? parsed : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The longest query text, in chars, that this parser accepts. */
    public int maxQueryLength() {
        return maxQueryLength;
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

    private <T extends ParserRuleContext, R> R run(
            String text, Function<EqlBaseParser, T> rule, BiFunction<AstBuilder, T, R> build) {
        Objects.requireNonNull(text, "query text");
        if (text.length() > maxQueryLength) {
            throw tooLong(text, maxQueryLength);
        }
        SourceText source = new SourceText(text);
        StrictLexer lexer = null;
        EqlBaseParser[] parser = new EqlBaseParser[1];
        try {
            lexer = new StrictLexer(source);
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            tokens.fill(); // reports lexical errors before any parsing
            checkNesting(source, tokens.getTokens());
            return build.apply(new AstBuilder(source), parseTree(source, tokens, rule, parser));
        } catch (StackOverflowError tooDeep) {
            // last resort: the nesting check should keep ANTLR's recursion well within the stack
            throw source.error("Query too large or too deeply nested to parse", 0);
        } finally {
            boundCaches(lexer, parser[0]);
        }
    }

    /** The error for a text longer than {@code max} chars, placed at the first char past the limit. */
    private static EqlParseException tooLong(String text, int max) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < max; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new EqlParseException(
                "Query too long: [" + text.length() + "] characters, the maximum is [" + max
                        + "] (set the system property " + MAX_LENGTH_PROPERTY + " to allow more)",
                text,
                max,
                line,
                max - lineStart + 1);
    }

    /** Empties ANTLR's shared DFA caches when they hold more than {@link #MAX_CACHED_DFA_STATES} states. */
    private static void boundCaches(StrictLexer lexer, EqlBaseParser parser) {
        if (lexer == null) {
            return;
        }
        int states = 0;
        for (DFA dfa : lexer.getInterpreter().decisionToDFA) {
            states += dfa.states.size();
        }
        if (parser != null) {
            for (DFA dfa : parser.getInterpreter().decisionToDFA) {
                states += dfa.states.size();
            }
        }
        if (states > MAX_CACHED_DFA_STATES) {
            lexer.getInterpreter().clearDFA();
            if (parser != null) {
                parser.getInterpreter().clearDFA();
            }
        }
    }

    /** The number of states in ANTLR's shared DFA caches of the lexer and parser; for tests. */
    static int cachedDfaStates() {
        StrictLexer lexer = new StrictLexer(new SourceText(""));
        int states = 0;
        for (DFA dfa : lexer.getInterpreter().decisionToDFA) {
            states += dfa.states.size();
        }
        for (DFA dfa : new EqlBaseParser(new CommonTokenStream(lexer)).getInterpreter().decisionToDFA) {
            states += dfa.states.size();
        }
        return states;
    }

    /**
     * Two-stage parsing: the fast SLL prediction first, and the full LL prediction only when SLL fails, which
     * happens on syntax errors (or, rarely, on input SLL cannot decide). The second stage reports the error.
     */
    private static <T extends ParserRuleContext> T parseTree(
            SourceText source, CommonTokenStream tokens, Function<EqlBaseParser, T> rule, EqlBaseParser[] created) {
        EqlBaseParser parser = new EqlBaseParser(tokens);
        created[0] = parser;
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
        int pipes = 0;
        for (Token token : tokens) {
            switch (token.getType()) {
                case EqlBaseParser.PIPE:
                    if (++pipes > MAX_PIPES) {
                        throw source.error("Too many pipes; the maximum is [" + MAX_PIPES + "]", token);
                    }
                    prefixes = 0;
                    break;
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
