package io.eql4j.rules.internal.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed TOML from {@code errors.txt}: each gives exactly the expected line, column and message. */
class TomlErrorsTest {

    private static final Pattern CHAR = Pattern.compile("<U\\+([0-9A-F]{4})>");

    static final class Case {
        final String name;
        final String text;
        final String expected;

        Case(String name, String text, String expected) {
            this.name = name;
            this.text = text;
            this.expected = expected;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        String all;
        try (InputStream in = TomlErrorsTest.class.getResourceAsStream("errors.txt")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        for (String block : all.split("(?m)^=== ")) {
            if (block.startsWith("#")) {
                continue;
            }
            int nameEnd = block.indexOf('\n');
            int expect = block.lastIndexOf("\n--- ");
            String text = block.substring(nameEnd + 1, expect);
            Matcher m = CHAR.matcher(text);
            text = m.replaceAll(r -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(r.group(1), 16))));
            cases.add(new Case(
                    block.substring(0, nameEnd),
                    text,
                    block.substring(expect + 5).strip()));
        }
        assertThat(cases).hasSizeGreaterThan(60);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhereAndWhat(Case c) {
        assertThatThrownBy(() -> Toml.parse(c.text, "bad.toml"))
                .isInstanceOf(TomlException.class)
                .hasMessage("bad.toml:" + c.expected);
    }
}
