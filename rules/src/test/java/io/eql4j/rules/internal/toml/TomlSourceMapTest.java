package io.eql4j.rules.internal.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.testsupport.Seeded;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each char of a decoded string maps back to the line and column where it is written. */
class TomlSourceMapTest {

    private static TomlString string(String toml) {
        return Toml.parse(toml, "s.toml").require("v", TomlString.class);
    }

    private static String at(TomlString s, int index) {
        TomlPosition p = s.positionOf(index);
        return p.line() + ":" + p.column();
    }

    @Test
    void literalStringsMapOneToOne() {
        TomlString s = string("v = 'abc'");
        assertThat(s.position()).isEqualTo(new TomlPosition("s.toml", 1, 5));
        assertThat(List.of(at(s, 0), at(s, 1), at(s, 2), at(s, 3))).containsExactly("1:6", "1:7", "1:8", "1:9");
    }

    @Test
    void escapesMapToTheirBackslash() {
        //               123456 78 9012345 6789
        TomlString s = string("v = \"a\\tb\\u00e9c\\\\\"");
        assertThat(s.value()).isEqualTo("a\tb\u00e9c\\");
        assertThat(List.of(at(s, 0), at(s, 1), at(s, 2), at(s, 3), at(s, 4), at(s, 5), at(s, 6)))
                .containsExactly("1:6", "1:7", "1:9", "1:10", "1:16", "1:17", "1:19");
    }

    @Test
    void supplementaryEscapesMapBothHalvesIntoTheEscape() {
        TomlString s = string("v = \"\\U0001F600!\"");
        assertThat(s.value()).isEqualTo("\uD83D\uDE00!");
        assertThat(List.of(at(s, 0), at(s, 1), at(s, 2), at(s, 3))).containsExactly("1:6", "1:7", "1:16", "1:17");
    }

    @Test
    void multiLineLiteralSkipsTheTrimmedNewline() {
        TomlString s = string("x = 1\nv = '''\nsequence by a\n  [process where true]\n'''\n");
        assertThat(s.value()).isEqualTo("sequence by a\n  [process where true]\n");
        assertThat(s.position()).isEqualTo(new TomlPosition("s.toml", 2, 5));
        assertThat(at(s, 0)).isEqualTo("3:1");
        int where = s.value().indexOf("where");
        assertThat(at(s, where)).isEqualTo("4:12");
        assertThat(at(s, s.value().indexOf('\n'))).isEqualTo("3:14");
        assertThat(at(s, s.value().length())).isEqualTo("5:1");
    }

    @Test
    void lineEndingBackslashesAndCrlf() {
        TomlString s = string("v = \"\"\"\r\nany where \\\r\n     a == \"\\\\\"\r\n  and b\"\"\"");
        assertThat(s.value()).isEqualTo("any where a == \"\\\"\r\n  and b");
        assertThat(at(s, 0)).isEqualTo("2:1");
        assertThat(at(s, s.value().indexOf("a =="))).isEqualTo("3:6");
        assertThat(at(s, s.value().indexOf("\\"))).isEqualTo("3:12");
        assertThat(at(s, s.value().indexOf("\\") + 1)).isEqualTo("3:14");
        assertThat(at(s, s.value().indexOf("and"))).isEqualTo("4:3");
        assertThat(at(s, s.value().length())).isEqualTo("4:8");
    }

    @Test
    void theEndOfAnEmptyStringIsItsClosingQuote() {
        assertThat(at(string("v = \"\""), 0)).isEqualTo("1:6");
        assertThat(at(string("v = '''\n'''"), 0)).isEqualTo("2:1");
        assertThat(at(string("v = \"\\n\""), 1)).isEqualTo("1:8");
    }

    @Test
    void indicesOutsideTheStringAreRejected() {
        TomlString s = string("v = 'ab'");
        assertThatThrownBy(() -> s.positionOf(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.positionOf(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static final char[] SPECIAL = {'"', '\\', '\t', '\n', '\b', '\f', '\r', 'é', '€', '\u0001'};

    /** Chars of the content, each with how to write it: raw (0), as a short escape (1), or as a \\u escape (2). */
    @Test
    void everyCharOfABasicStringMapsToItselfOrItsEscape() {
        Seeded.check("everyCharOfABasicStringMapsToItselfOrItsEscape", 300, r -> {
            int length = r.nextInt(41);
            char[] chars = new char[length];
            int[] hows = new int[length];
            for (int i = 0; i < length; i++) {
                chars[i] =
                        r.nextBoolean() ? (char) (' ' + r.nextInt('~' - ' ' + 1)) : SPECIAL[r.nextInt(SPECIAL.length)];
                hows[i] = r.nextInt(3);
            }
            checkBasicString(chars, hows, r.nextBoolean());
        });
    }

    private static void checkBasicString(char[] chars, int[] hows, boolean multiLine) {
        StringBuilder expected = new StringBuilder();
        StringBuilder written = new StringBuilder();
        for (int k = 0; k < chars.length; k++) {
            char c = chars[k];
            expected.append(c);
            boolean rawAllowed = c >= ' ' && c != '"' && c != '\\' && c != 0x7f || c == '\t' || multiLine && c == '\n';
            if (hows[k] == 0 && rawAllowed) {
                written.append(c);
            } else if (hows[k] == 1 && "\"\\\t\n\b\f\r".indexOf(c) >= 0) {
                written.append('\\').append("\"\\tnbfr".charAt("\"\\\t\n\b\f\r".indexOf(c)));
            } else {
                written.append(String.format("\\u%04X", (int) c));
            }
        }
        // a multi-line string starts after a (trimmed) newline and ends with a line-ending backslash, so that
        // the content's first and last chars are never next to the delimiters
        String doc = multiLine
                ? "# first line\nv = \"\"\"\n" + written + "\\\n  \"\"\"\n"
                : "# first line\nv = \"" + written + "\"\n";
        TomlString s = Toml.parse(doc, "s.toml").require("v", TomlString.class);
        assertThat(s.value()).isEqualTo(expected.toString());
        String[] lines = doc.split("\n", -1);
        for (int i = 0; i < s.value().length(); i++) {
            TomlPosition p = s.positionOf(i);
            String line = lines[p.line() - 1];
            char inFile = p.column() - 1 < line.length() ? line.charAt(p.column() - 1) : '\n';
            assertThat(inFile == s.value().charAt(i) || inFile == '\\')
                    .as("char %d of %s at %s is '%s'", i, doc, p, inFile)
                    .isTrue();
        }
    }
}
