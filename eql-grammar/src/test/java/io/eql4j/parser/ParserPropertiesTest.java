package io.eql4j.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.ast.Ast;
import io.eql4j.ast.Query;
import io.eql4j.testsupport.Seeded;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Whatever the text, {@link EqlParser#parse} returns a tree or throws an {@link EqlParseException} that points inside
 * the text, and the formatted text of any tree it returns parses back to the same tree. Seeded generators
 * ({@link Seeded}): a failure prints the seed that replays it.
 */
class ParserPropertiesTest {

    private static final EqlParser PARSER = new EqlParser();

    /** Queries to mutate: the rule corpus when it is there, else a few queries that use every construct. */
    private static final List<String> SEEDS = seeds();

    private static final List<String> TOKENS = List.of(
            "sequence",
            "sample",
            "by",
            "with",
            "maxspan",
            "=",
            "runs",
            "until",
            "[",
            "]",
            "![",
            "where",
            "any",
            "and",
            "or",
            "not",
            "in",
            "in~",
            ":",
            "like",
            "like~",
            "regex",
            "regex~",
            "==",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "(",
            ")",
            ",",
            ".",
            "?",
            "|",
            "head",
            "tail",
            "+",
            "-",
            "*",
            "/",
            "%",
            "\"",
            "\"\"\"",
            "'",
            "`",
            "\\",
            "\\u{",
            "}",
            "/*",
            "*/",
            "//",
            "\n",
            "null",
            "true",
            "1.5",
            "99999999999999999999",
            "1e999",
            "5m",
            "of",
            "join",
            "startsWith~(",
            "x.y",
            "@timestamp",
            "\ud83d\ude00");

    private static List<String> seeds() {
        return SharedFiles.find(TestQueries.RULE_CORPUS)
                .map(path -> TestQueries.readRuleCorpus(path).stream()
                        .map(rule -> rule.query)
                        .collect(Collectors.toList()))
                .orElseGet(() -> {
                    System.out.println(SharedFiles.missing(java.nio.file.Paths.get(TestQueries.RULE_CORPUS))
                            + "; mutating built-in queries instead");
                    return List.of(
                            "sequence by host.id with maxspan=1m\n  [process where a : (\"x*\", \"y\")] by p\n"
                                    + "  ![file where not b in~ (1, 2.5, null)] by q with runs=2\n"
                                    + "until [any where startsWith~(c, \"\"\"d\\e\"\"\")] by r",
                            "sample by `a-b`.c [x where ?d != true] [\"y z\" where e like~ \"f\\u{41}\"]",
                            "process where -a + b * (c - 1) >= 2 and d regex \"e.*\" or f not in (g) // h\n| head 5");
                });
    }

    @Test
    void anyTextParsesOrFailsWithAPosition() {
        Seeded.check("anyTextParsesOrFailsWithAPosition", 1500, r -> check(text(r)));
    }

    /** Some mutations keep a query valid (inside strings, comments, spaces), so both outcomes must occur. */
    @Test
    void mutatedQueriesParseOrFailWithAPosition() {
        int[] outcomes = new int[2];
        Seeded.check("mutatedQueriesParseOrFailWithAPosition", 1500, r -> {
            String query = SEEDS.get(r.nextInt(SEEDS.size()));
            outcomes["parsed".equals(check(mutate(query, Seeded.between(r, 1, 4), r))) ? 0 : 1]++;
        });
        assertThat(outcomes[0]).as("parsed").isGreaterThanOrEqualTo(75);
        assertThat(outcomes[1]).as("rejected").isGreaterThanOrEqualTo(75);
    }

    private static String check(String text) {
        Query query;
        try {
            query = PARSER.parse(text);
        } catch (EqlParseException e) {
            assertThat(e.offset()).isBetween(0, text.length());
            assertThat(e.line() + ":" + e.column()).isEqualTo(position(text, e.offset()));
            assertThat(e.getMessage()).startsWith(e.line() + ":" + e.column() + ": " + e.errorMessage());
            return "rejected";
        }
        String formatted = EqlFormatter.format(query);
        assertThat(Ast.withoutSpans(PARSER.parse(formatted))).as(formatted).isEqualTo(Ast.withoutSpans(query));
        return "parsed";
    }

    /** Line and column of an offset, computed independently of the parser. */
    private static String position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (offset - lineStart + 1);
    }

    private static final String CHARS = "abcxyz019_@ \n\t\r\"'`\\()[]{}!?:=<>|,.+-*/%~#$";

    /** Random characters, random tokens, and random tokens after the start of a query. */
    private static String text(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                StringBuilder chars = new StringBuilder();
                for (int n = r.nextInt(61); n > 0; n--) {
                    chars.append(
                            r.nextBoolean()
                                    ? CHARS.charAt(r.nextInt(CHARS.length()))
                                    : (char) r.nextInt(Character.MAX_VALUE + 1));
                }
                return chars.toString();
            case 1:
                return tokens(r);
            case 2:
                return "process where " + tokens(r);
            default:
                return "sequence [a where true] " + tokens(r);
        }
    }

    private static String tokens(Random r) {
        StringBuilder text = new StringBuilder();
        for (int n = r.nextInt(26); n > 0; n--) {
            text.append(text.length() == 0 ? "" : " ").append(TOKENS.get(r.nextInt(TOKENS.size())));
        }
        return text.toString();
    }

    /** Deletes, inserts, swaps, truncates, duplicates or splices at random places. */
    private static String mutate(String query, int count, Random random) {
        StringBuilder text = new StringBuilder(query);
        for (int i = 0; i < count; i++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(6)) {
                case 0:
                    text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(3)));
                    break;
                case 1:
                    text.insert(at, (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
                    break;
                case 2:
                    if (at + 1 < text.length()) {
                        char c = text.charAt(at);
                        text.setCharAt(at, text.charAt(at + 1));
                        text.setCharAt(at + 1, c);
                    }
                    break;
                case 3:
                    text.setLength(at);
                    break;
                case 4:
                    int end = Math.min(text.length(), at + random.nextInt(40));
                    text.insert(end, text.substring(at, end));
                    break;
                default:
                    text.insert(at, " " + TOKENS.get(random.nextInt(TOKENS.size())) + " ");
            }
        }
        return text.toString();
    }
}
