package io.eql4j.parser;

import java.util.Locale;
import org.antlr.v4.runtime.Token;

/** String literals: reading them as Elasticsearch does, and writing them back. */
final class Strings {

    static final String SINGLE_QUOTES = "Use double quotes [\"] to define string literals, not single quotes [']";

    private Strings() {}

    static String legacyRawString(char quote) {
        return "Use triple double quotes [\"\"\"] to define unescaped string literals, not [?" + quote + "]";
    }

    /**
     * The value of a STRING token. The lexer has already checked the shape of every escape; the number of hex digits
     * of {@code \\u{...}} and the code point it names are checked here, as Elasticsearch's AbstractBuilder does.
     */
    static String value(Token token, SourceText source) {
        String text = token.getText();
        int offset = source.offset(token);
        if (text.startsWith("?")) {
            throw source.error(legacyRawString(text.charAt(1)), offset);
        }
        if (text.startsWith("'")) {
            throw source.error(SINGLE_QUOTES, offset);
        }
        if (text.startsWith("\"\"\"")) {
            return text.substring(3, text.length() - 3);
        }
        StringBuilder value = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            int escape = i;
            c = text.charAt(++i);
            switch (c) {
                case 'n':
                    value.append('\n');
                    break;
                case 'r':
                    value.append('\r');
                    break;
                case 't':
                    value.append('\t');
                    break;
                case 'b':
                    value.append('\b');
                    break;
                case 'f':
                    value.append('\f');
                    break;
                case 'u':
                    int close = text.indexOf('}', i);
                    value.appendCodePoint(codePoint(text.substring(escape, close + 1), offset + escape, source));
                    i = close;
                    break;
                default: // " ' and \ stand for themselves
                    value.append(c);
            }
        }
        return value.toString();
    }

    private static int codePoint(String escape, int offset, SourceText source) {
        String hex = escape.substring(3, escape.length() - 1);
        if (hex.length() < 2 || hex.length() > 8) {
            throw source.error(
                    "Unicode sequence should use [2-8] hex digits, [" + escape + "] has [" + hex.length() + "]",
                    offset);
        }
        long code = Long.parseLong(hex, 16);
        if (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE) {
            throw source.error("Invalid unicode character code, [" + hex + "] is a surrogate code", offset);
        }
        if (code > Character.MAX_CODE_POINT) {
            throw source.error("Invalid unicode character code [" + hex + "]", offset);
        }
        return (int) code;
    }

    /** The value as an EQL string literal in double quotes, escaped so that it reads back as the same value. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\u{%02x}", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A character for an error message: itself when printable, else its code as {@code \\u{XXXX}}. */
    static String display(int codePoint) {
        if (Character.isISOControl(codePoint)
                || !Character.isDefined(codePoint)
                || Character.isWhitespace(codePoint)
                || Character.getType(codePoint) == Character.FORMAT
                || (Character.isBmpCodePoint(codePoint) && Character.isSurrogate((char) codePoint))) {
            return String.format(Locale.ROOT, "\\u{%04x}", codePoint);
        }
        return new String(Character.toChars(codePoint));
    }
}
