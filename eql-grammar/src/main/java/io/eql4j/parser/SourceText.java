package io.eql4j.parser;

import io.eql4j.ast.Span;
import java.util.Arrays;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * The query text, with the conversions from ANTLR's positions to ours.
 *
 * <p>ANTLR's {@code CharStreams.fromString} counts code points, while spans count UTF-16 chars (what
 * {@link String#substring} uses); the two differ after a supplementary character such as an emoji. Lines and columns
 * are computed here from char offsets, with the same line breaks ({@code \r\n}, {@code \r}, {@code \n}) as the error
 * snippet of {@link EqlException}.
 */
final class SourceText {

    private final String text;
    /** char offset of each code point, or {@code null} when the text has no supplementary characters. */
    private final int[] charOffsets;
    /** char offset at which each line starts. */
    private final int[] lineStarts;

    SourceText(String text) {
        this.text = text;
        this.charOffsets = text.length() == text.codePointCount(0, text.length()) ? null : charOffsets(text);
        this.lineStarts = lineStarts(text);
    }

    private static int[] charOffsets(String text) {
        int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            offsets[cp++] = i;
        }
        offsets[cp] = text.length();
        return offsets;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    String text() {
        return text;
    }

    /** The char offset of an ANTLR (code point) index. */
    int offset(int codePointIndex) {
        if (charOffsets == null) {
            return Math.min(codePointIndex, text.length());
        }
        return charOffsets[Math.min(Math.max(codePointIndex, 0), charOffsets.length - 1)];
    }

    /** The char offset at which a token starts. */
    int offset(Token token) {
        return offset(token.getStartIndex());
    }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** The span of the chars {@code [start, end)}. */
    Span span(int start, int end) {
        return new Span(start, end, line(start), column(start));
    }

    /** The span from the start of {@code first} to the end of {@code last}. */
    Span span(Token first, Token last) {
        int start = offset(first);
        return span(start, Math.max(start, offset(last.getStopIndex() + 1)));
    }

    Span span(ParserRuleContext ctx) {
        return span(ctx.getStart(), ctx.getStop() == null ? ctx.getStart() : ctx.getStop());
    }

    /** The query text a rule matched, as written (with its spaces and comments). */
    String text(ParserRuleContext ctx) {
        Span span = span(ctx);
        return text.substring(span.start(), span.end());
    }

    EqlParseException error(String message, int offset) {
        return new EqlParseException(message, text, offset, line(offset), column(offset));
    }

    EqlParseException error(String message, Token at) {
        return error(message, offset(at));
    }

    EqlParseException error(String message, Span at) {
        return new EqlParseException(message, text, at);
    }
}
