package io.eql4j.parser;

import io.eql4j.parser.internal.EqlBaseLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.Token;

/**
 * The generated lexer, made to stop at the first bad character with a message that says what is wrong there
 * (unterminated string, bad escape, stray character) instead of ANTLR's "token recognition error".
 */
final class StrictLexer extends EqlBaseLexer {

    private final SourceText source;
    private Token previous;
    private BracketedComments comments;

    StrictLexer(SourceText source) {
        super(CharStreams.fromString(source.text()));
        this.source = source;
        removeErrorListeners();
    }

    @Override
    public Token nextToken() {
        Token token = super.nextToken();
        // the grammar matches only the `/*` that opens a comment; the comment's end is found here, in linear time
        while (token.getType() == BRACKETED_COMMENT) {
            if (comments == null) {
                comments = new BracketedComments(source.text());
            }
            int end = comments.end(token.getStartIndex());
            if (end < 0) {
                throw source.error("Unterminated comment: /* must be closed by */", source.offset(token));
            }
            _input.seek(end);
            token = super.nextToken();
        }
        previous = token;
        return token;
    }

    @Override
    public void notifyListeners(LexerNoViableAltException e) {
        String text = source.text();
        int start = source.offset(_tokenStartCharIndex);
        int bad = source.offset(_input.index());
        char first = text.charAt(start);
        if (first == '"') {
            throw badString(text, start, bad);
        } else if (first == '\'') {
            throw source.error(Strings.SINGLE_QUOTES, start);
        } else if (first == '?') {
            throw source.error(Strings.legacyRawString(text.charAt(start + 1)), start);
        } else if (first == '`') {
            throw source.error("Unterminated quoted identifier: ` must be closed by `", start);
        }
        throw source.error(
                "Unexpected character [" + Strings.display(text.codePointAt(start)) + "]" + hint(first), start);
    }

    private static String hint(char c) {
        switch (c) {
            case '!':
                return "; use [not] to negate a condition and [!=] to compare";
            case '&':
                return "; use [and] to combine conditions";
            case '~':
                return "; [~] only follows a function name, as in startsWith~(...), or in, like and regex";
            default:
                return "";
        }
    }

    private EqlParseException badString(String text, int start, int bad) {
        boolean lineBreak = bad >= text.length() || text.charAt(bad) == '\n' || text.charAt(bad) == '\r';
        // `"""abc` lexes as the empty string `""` followed by the unterminated `"abc`
        if (previous != null
                && previous.getType() == STRING
                && "\"\"".equals(previous.getText())
                && source.offset(previous.getStopIndex() + 1) == start) {
            return source.error(
                    "Unterminated raw string: \"\"\" must be closed by \"\"\" on the same line",
                    source.offset(previous));
        }
        // find the escape sequence the lexer failed in, if any
        int i = start + 1;
        while (i < bad) {
            if (text.charAt(i) != '\\') {
                i++;
                continue;
            }
            int escape = i;
            if (i + 1 < bad && text.charAt(i + 1) == 'u') {
                int j = i + 3; // past the backslash, u and {
                while (j < bad && Strings.isHexDigit(text.charAt(j))) {
                    j++;
                }
                if (i + 2 >= bad || text.charAt(i + 2) != '{' || j >= bad) {
                    int end = lineBreak ? bad : bad + 1;
                    return source.error(
                            "Malformed unicode escape [" + text.substring(escape, end)
                                    + "]; write \\u{XXXX} with 2 to 8 hex digits",
                            escape);
                }
                i = j + 1;
            } else if (i + 1 == bad && !lineBreak) {
                return source.error(
                        "Invalid escape sequence [\\" + Strings.display(text.codePointAt(bad))
                                + "]; the escapes are \\n \\r \\t \\b \\f \\\" \\' \\\\ and \\u{XXXX}",
                        escape);
            } else {
                i += 2;
            }
        }
        return source.error(
                lineBreak && bad < text.length()
                        ? "Unterminated string: a string must end on the line it starts (write a line break as \\n)"
                        : "Unterminated string: \" must be closed by \"",
                start);
    }
}
