package io.eql4j.parser;

import static io.eql4j.ast.Arithmetic.Operator.ADD;
import static io.eql4j.ast.Arithmetic.Operator.MULTIPLY;
import static io.eql4j.ast.Arithmetic.Operator.SUBTRACT;
import static io.eql4j.parser.Trees.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.ast.Ast;
import io.eql4j.ast.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical text of queries and expressions. */
class EqlFormatterTest {

    private final EqlParser parser = new EqlParser();

    private String canonical(String eql) {
        return EqlFormatter.format(parser.parse(eql));
    }

    private String canonicalExpression(String text) {
        return EqlFormatter.format(parser.parseExpression(text));
    }

    @Test
    void sequenceQueriesOnTheirOwnLines() {
        assertThat(canonical("sequence by a with maxspan = 1m // comment\n"
                        + "[process where x==1]by b with runs=3 ![file where true] by c with runs=1 "
                        + "until [any where true]by d"))
                .isEqualTo("sequence by a with maxspan=1m\n"
                        + "  [process where x == 1] by b with runs=3\n"
                        + "  ![file where true] by c\n"
                        + "until [any where true] by d");
    }

    @Test
    void sampleAndPipes() {
        assertThat(canonical("sample by host [a where true] by x [\"b-c\" where true] by y"))
                .isEqualTo("sample by host\n  [a where true] by x\n  [\"b-c\" where true] by y");
        assertThat(canonical("process where true|head 5|tail 2")).isEqualTo("process where true\n| head 5\n| tail 2");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                // minimal parentheses by precedence
                "a or b and c                  | a or b and c",
                "(a or b) and c                | (a or b) and c",
                "(a and b) and c               | (a and b) and c",
                "a and (b and c)               | a and (b and c)",
                "not (a and b)                 | not (a and b)",
                "not (a == 1)                  | not a == 1",
                "((a))                         | a",
                "a - (b - c)                   | a - (b - c)",
                "(a - b) - c                   | a - b - c",
                "(a + b) * c                   | (a + b) * c",
                "a * (b % c)                   | a * (b % c)",
                "-(a + b)                      | -(a + b)",
                "-(-a)                         | - -a",
                "+a                            | a",
                "(-a) : \"x\"                  | (-a) : \"x\"",
                "-a : \"x\"                    | -a : \"x\"",
                "(a : \"x\") == true           | a : \"x\" == true",
                "(a < b) == c                  | (a < b) == c",
                "(a + 1) in (1, 2)             | (a + 1) in (1, 2)",
                "a:(\"x\")                     | a : \"x\"",
                "a like~(\"x\",\"y\")          | a like~ (\"x\", \"y\")",
                "a not in~(1,2)                | a not in~ (1, 2)",
                "startsWith~(a,\"b\")          | startsWith~(a, \"b\")",
                // literals
                "1.                            | 1.0",
                "1e3                           | 1000.0",
                "99999999999999999999          | 1.0E20",
                "\"\"\"C:\\x\"\"\"             | \"C:\\\\x\"",
                "\"tab\\tquote\\\"\\u{01}\"    | \"tab\\tquote\\\"\\u{01}\"",
                // fields: backticks only where needed
                "`a`.`b_1`.`@c`                | a.b_1.@c",
                "`a-b`.`0`.`sequence`.`x``y`   | `a-b`.`0`.`sequence`.`x``y`",
                "?`a.b`                        | ?`a.b`",
            })
    void expressions(String text, String expected) {
        assertThat(canonicalExpression(text.trim())).isEqualTo(expected.trim());
    }

    @Test
    void treesBuiltInCodeKeepTheirShape() {
        // and/or and arithmetic nested on either side: the parentheses keep the tree as it is
        var tree = and(or(f("a"), f("b")), and(f("c"), f("d")), not(or(f("e"), f("f"))));
        assertThat(EqlFormatter.format(tree)).isEqualTo("(a or b) and (c and d) and not (e or f)");
        assertThat(Ast.withoutSpans(parser.parseExpression(EqlFormatter.format(tree))))
                .isEqualTo(tree);

        var arithmetic = math(math(f("a"), SUBTRACT, math(f("b"), ADD, f("c"))), MULTIPLY, neg(num(2)));
        assertThat(EqlFormatter.format(arithmetic)).isEqualTo("(a - (b + c)) * -2");
        assertThat(Ast.withoutSpans(parser.parseExpression(EqlFormatter.format(arithmetic))))
                .isEqualTo(arithmetic);

        Query categoryIsAKeyword = event("sequence", bool(true));
        assertThat(EqlFormatter.format(categoryIsAKeyword)).isEqualTo("\"sequence\" where true");
        assertThat(Ast.withoutSpans(parser.parse(EqlFormatter.format(categoryIsAKeyword))))
                .isEqualTo(categoryIsAKeyword);
        assertThat(EqlFormatter.format(field("a b", "c"))).isEqualTo("`a b`.c");
        assertThat(EqlFormatter.format(in(f("x"), str("y")))).isEqualTo("x in (\"y\")");
    }
}
