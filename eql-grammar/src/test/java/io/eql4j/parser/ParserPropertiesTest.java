package io.eql4j.parser;

import io.eql4j.ast.Ast;
import io.eql4j.ast.Query;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the text, {@link EqlParser#parse} returns a tree or throws an {@link EqlParseException} that points inside
 * the text, and the formatted text of any tree it returns parses back to the same tree.
 */
class ParserPropertiesTest {

    private static final EqlParser PARSER = new EqlParser();

    /** Queries to mutate: the rule corpus when it is there, else a few queries that use every construct. */
    private static final List<String> SEEDS = seeds();

    private static final List<String> TOKENS = List.of("sequence", "sample", "by", "with", "maxspan", "=", "runs",
            "until", "[", "]", "![", "where", "any", "and", "or", "not", "in", "in~", ":", "like", "like~", "regex",
            "regex~", "==", "!=", "<", "<=", ">", ">=", "(", ")", ",", ".", "?", "|", "head", "tail", "+", "-", "*",
            "/", "%", "\"", "\"\"\"", "'", "`", "\\", "\\u{", "}", "/*", "*/", "//", "\n", "null", "true", "1.5",
            "99999999999999999999", "1e999", "5m", "of", "join", "startsWith~(", "x.y", "@timestamp", "\ud83d\ude00");

    private static List<String> seeds() {
        return SharedFiles.find(TestQueries.RULE_CORPUS)
                .map(path -> TestQueries.readRuleCorpus(path).stream().map(rule -> rule.query)
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

    @Property(tries = 1500)
    void anyTextParsesOrFailsWithAPosition(@ForAll("texts") String text) {
        Statistics.collect(check(text));
    }

    /** Some mutations keep a query valid (inside strings, comments, spaces), so both outcomes must occur. */
    @Property(tries = 1500)
    void mutatedQueriesParseOrFailWithAPosition(@ForAll("mutatedQueries") String text) {
        Statistics.collect(check(text));
        Statistics.coverage(coverage -> {
            coverage.check("parsed").percentage(p -> p >= 5);
            coverage.check("rejected").percentage(p -> p >= 5);
        });
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

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> chars = Arbitraries.strings()
                .withChars("abcxyz019_@ \n\t\r\"'`\\()[]{}!?:=<>|,.+-*/%~#$")
                .withCharRange('\u0000', '\uffff')
                .ofMaxLength(60);
        Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(25).map(list -> String.join(" ", list));
        return Arbitraries.oneOf(chars, tokens, tokens.map(t -> "process where " + t),
                tokens.map(t -> "sequence [a where true] " + t));
    }

    @Provide
    Arbitrary<String> mutatedQueries() {
        return Combinators.combine(Arbitraries.of(SEEDS), Arbitraries.integers().between(1, 4), Arbitraries.longs())
                .as((query, count, seed) -> mutate(query, count, new Random(seed)));
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
