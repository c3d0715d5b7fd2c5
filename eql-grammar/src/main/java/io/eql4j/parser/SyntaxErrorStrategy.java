package io.eql4j.parser;

import static io.eql4j.parser.internal.EqlBaseParser.*;

import io.eql4j.parser.internal.EqlBaseParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops the parser at the first syntax error and describes it in the words of a rule author: the token found and
 * the tokens (or kinds of tokens, such as {@code <expression>}) that could have come there.
 *
 * <p>Unlike ANTLR's default strategy it never deletes or inserts tokens to carry on. It keeps the default strategy's
 * bookkeeping of where the input stopped matching ({@code nextTokensState}), which gives the complete list of what
 * was expected when an optional clause was skipped before the error.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    /** Sets of tokens that are described as one thing, largest first. */
    private static final List<Group> GROUPS = List.of(
            new Group(
                    List.of("<expression>"),
                    NOT,
                    IDENTIFIER,
                    QUOTED_IDENTIFIER,
                    TILDE_IDENTIFIER,
                    OPTIONAL,
                    STRING,
                    INTEGER_VALUE,
                    DECIMAL_VALUE,
                    TRUE,
                    FALSE,
                    NULL,
                    LP,
                    MINUS,
                    PLUS),
            new Group(
                    List.of("<value>"),
                    IDENTIFIER,
                    QUOTED_IDENTIFIER,
                    TILDE_IDENTIFIER,
                    OPTIONAL,
                    STRING,
                    INTEGER_VALUE,
                    DECIMAL_VALUE,
                    TRUE,
                    FALSE,
                    NULL,
                    LP,
                    MINUS,
                    PLUS),
            new Group(
                    List.of("<operator>"),
                    EQ,
                    NEQ,
                    LT,
                    LTE,
                    GT,
                    GTE,
                    PLUS,
                    MINUS,
                    ASTERISK,
                    SLASH,
                    PERCENT,
                    SEQ,
                    LIKE,
                    LIKE_INSENSITIVE,
                    REGEX,
                    REGEX_INSENSITIVE,
                    IN,
                    IN_INSENSITIVE,
                    NOT,
                    OF),
            new Group(List.of("<comparison operator>"), EQ, NEQ, LT, LTE, GT, GTE),
            new Group(List.of("<arithmetic operator>"), PLUS, MINUS, ASTERISK, SLASH, PERCENT),
            new Group(
                    List.of("<match operator>"),
                    SEQ,
                    LIKE,
                    LIKE_INSENSITIVE,
                    REGEX,
                    REGEX_INSENSITIVE,
                    IN,
                    IN_INSENSITIVE,
                    NOT,
                    OF),
            new Group(List.of("<constant>"), NULL, INTEGER_VALUE, DECIMAL_VALUE, TRUE, FALSE, STRING),
            new Group(List.of("<category>", "'any'"), ANY, STRING, IDENTIFIER),
            new Group(List.of("<number>"), INTEGER_VALUE, DECIMAL_VALUE),
            new Group(List.of("<field name>"), IDENTIFIER, QUOTED_IDENTIFIER));

    private final SourceText source;

    SyntaxErrorStrategy(SourceText source) {
        this.source = source;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        throw describe(recognizer, e);
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw describe(recognizer, e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        throw mismatch(recognizer);
    }

    private InputMismatchException mismatch(Parser recognizer) {
        return nextTokensContext == null
                ? new InputMismatchException(recognizer)
                : new InputMismatchException(recognizer, nextTokensState, nextTokensContext);
    }

    /** As {@link DefaultErrorStrategy#sync}, but an unexpected token is an error at once, never skipped. */
    @Override
    public void sync(Parser recognizer) {
        ATNState state = recognizer.getInterpreter().atn.states.get(recognizer.getState());
        IntervalSet next = recognizer.getATN().nextTokens(state);
        if (next.contains(recognizer.getInputStream().LA(1))) {
            nextTokensContext = null;
            nextTokensState = ATNState.INVALID_STATE_NUMBER;
            return;
        }
        if (next.contains(Token.EPSILON)) {
            if (nextTokensContext == null) {
                // remember where the input stopped matching, for the list of expected tokens of a later error
                nextTokensContext = recognizer.getContext();
                nextTokensState = recognizer.getState();
            }
            return;
        }
        switch (state.getStateType()) {
            case ATNState.BLOCK_START:
            case ATNState.STAR_BLOCK_START:
            case ATNState.PLUS_BLOCK_START:
            case ATNState.STAR_LOOP_ENTRY:
            case ATNState.PLUS_LOOP_BACK:
            case ATNState.STAR_LOOP_BACK:
                throw mismatch(recognizer);
            default:
                break;
        }
    }

    private EqlParseException describe(Parser recognizer, RecognitionException e) {
        TokenStream tokens = recognizer.getInputStream();
        Token found = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        int index = found.getTokenIndex();
        Token before = index > 0 ? tokens.get(index - 1) : null;
        Token after = found.getType() == Token.EOF ? null : tokens.get(index + 1);

        // a[0]: Elasticsearch parses array subscripts only to reject them
        if (found.getType() == LB && after != null && after.getType() == INTEGER_VALUE && isName(before)) {
            return source.error("Array indexes are not supported", after);
        }
        if (found.getType() == INTEGER_VALUE
                && before != null
                && before.getType() == LB
                && index > 1
                && isName(tokens.get(index - 2))) {
            return source.error("Array indexes are not supported", found);
        }
        if (found.getType() == ASGN) {
            return source.error("Use [==] or [:] to compare values, not [=]", found);
        }
        IntervalSet expected = e.getExpectedTokens();
        String message = "Unexpected " + display(found)
                + (expected == null || expected.isNil() ? "" : ", expected " + describe(expected));
        if (before != null && before.getType() == NOT && isPatternOperator(found.getType())) {
            message += "; to negate a match, write not (value " + found.getText() + " pattern)";
        } else if (isComparison(found.getType()) && expected != null && !expected.contains(EQ)) {
            message += "; comparisons cannot be chained, combine them with 'and'";
        } else if (found.getType() == IDENTIFIER && expected != null && isKeywordInOtherCase(found, expected)) {
            message += "; keywords are lower case";
        }
        return source.error(message, found);
    }

    private static boolean isName(Token token) {
        return token != null && (token.getType() == IDENTIFIER || token.getType() == QUOTED_IDENTIFIER);
    }

    private static boolean isPatternOperator(int type) {
        return type == SEQ || type == LIKE || type == LIKE_INSENSITIVE || type == REGEX || type == REGEX_INSENSITIVE;
    }

    private static boolean isKeywordInOtherCase(Token found, IntervalSet expected) {
        String literal = "'" + found.getText().toLowerCase(Locale.ROOT) + "'";
        for (int type : expected.toArray()) {
            if (type > 0 && literal.equals(EqlBaseParser.VOCABULARY.getLiteralName(type))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isComparison(int type) {
        return type == EQ || type == NEQ || type == LT || type == LTE || type == GT || type == GTE;
    }

    static String display(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of query";
        }
        String text = token.getText();
        StringBuilder shown = new StringBuilder("'");
        text.codePoints()
                .limit(40)
                .forEach(cp -> shown.append(
                        cp == '\n'
                                ? "\\n"
                                : cp == '\r' ? "\\r" : cp == '\t' ? "\\t" : new String(Character.toChars(cp))));
        return shown.append(text.codePointCount(0, text.length()) > 40 ? "...'" : "'")
                .toString();
    }

    /** The expected tokens as a list such as {@code <expression>, 'and' or end of query}. */
    static String describe(IntervalSet expected) {
        IntervalSet rest = new IntervalSet(expected);
        List<String> items = new ArrayList<>();
        for (Group group : GROUPS) {
            if (group.tokens.and(rest).size() == group.tokens.size()) {
                items.addAll(group.names);
                rest = rest.subtract(group.tokens);
            }
        }
        boolean eof = rest.contains(Token.EOF);
        for (int type : rest.toArray()) {
            if (type > 0) {
                items.add(name(type));
            }
        }
        if (eof) {
            items.add("end of query");
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static String name(int type) {
        switch (type) {
            case STRING:
                return "<string>";
            case INTEGER_VALUE:
                return "<integer>";
            case DECIMAL_VALUE:
                return "<decimal number>";
            case IDENTIFIER:
                return "<identifier>";
            case QUOTED_IDENTIFIER:
                return "<quoted identifier>";
            case TILDE_IDENTIFIER:
                return "<function name>~";
            default:
                String literal = EqlBaseParser.VOCABULARY.getLiteralName(type);
                return literal != null ? literal : EqlBaseParser.VOCABULARY.getDisplayName(type);
        }
    }

    private static final class Group {
        final List<String> names;
        final IntervalSet tokens;

        Group(List<String> names, int... tokens) {
            this.names = names;
            this.tokens = IntervalSet.of(tokens[0]);
            for (int token : tokens) {
                this.tokens.add(token);
            }
        }
    }
}
