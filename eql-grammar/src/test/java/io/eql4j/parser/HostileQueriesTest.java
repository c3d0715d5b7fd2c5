package io.eql4j.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eql4j.ast.Ast;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the parser findings of issue #13 (item 1): unclosed nested comments, query length, pipes and
 * the size of error messages. Each input is the one of the finding.
 */
class HostileQueriesTest {

    private final EqlParser parser = new EqlParser();

    private EqlParseException error(EqlParser p, String query) {
        EqlParseException e = catchThrowableOfType(EqlParseException.class, () -> p.parse(query));
        assertThat(e).as("expected an EqlParseException").isNotNull();
        return e;
    }

    /** Finding 1: 2,400 unclosed nested comments used to exhaust the heap; 1,200 kept 400 MB in ANTLR's cache. */
    @Test
    void unclosedNestedCommentsAreAnErrorAndLeaveNothingCached() {
        for (int repetitions : new int[] {1_200, 2_400, 50_000}) {
            String query = "process where true /*" + "x/*".repeat(repetitions);
            EqlParseException e = error(parser, query);
            assertThat(e.errorMessage()).isEqualTo("Unterminated comment: /* must be closed by */");
            assertThat(e.offset()).isEqualTo("process where true ".length());
            assertThat(EqlParser.cachedDfaStates()).isLessThanOrEqualTo(EqlParser.MAX_CACHED_DFA_STATES);
        }
        // closed, the same comments are skipped
        String closed = "process where true /*" + "x/*".repeat(2_400) + "*/".repeat(2_401);
        assertThat(Ast.withoutSpans(parser.parse(closed)))
                .isEqualTo(Ast.withoutSpans(parser.parse("process where true")));
    }

    @Test
    void commentsNestAsInElasticsearch() {
        assertThat(Ast.withoutSpans(parser.parse("any where /* a /* b */ c */ x == 1")))
                .isEqualTo(Ast.withoutSpans(parser.parse("any where x == 1")));
        // a nested opening that is never closed is text of the outer comment
        assertThat(Ast.withoutSpans(parser.parse("any where /* a /* b */ x == 1")))
                .isEqualTo(Ast.withoutSpans(parser.parse("any where x == 1")));
        assertThat(error(parser, "any where x == 1 /* a */ */").errorMessage()).startsWith("Unexpected");
    }

    /**
     * The linear comment scanner against the grammar's recursive definition, read as ANTLR resolves it (close,
     * then open a nested comment, then any character; the first way that completes wins), on every text of up to
     * 12 characters over {@code / * x}.
     */
    @Test
    void commentEndsAgreeWithTheRecursiveRule() {
        char[] alphabet = {'/', '*', 'x'};
        int checked = 0;
        for (int length = 0; length <= 10; length++) {
            int[] digits = new int[length];
            while (true) {
                StringBuilder text = new StringBuilder("/*");
                for (int d : digits) {
                    text.append(alphabet[d]);
                }
                String s = text.toString();
                assertThat(new BracketedComments(s).end(0)).as(s).isEqualTo(reference(s, 2, 1));
                checked++;
                int k = length - 1;
                while (k >= 0 && ++digits[k] == alphabet.length) {
                    digits[k--] = 0;
                }
                if (k < 0) {
                    break;
                }
            }
        }
        assertThat(checked).isEqualTo(88_573);
    }

    /** The rule {@code '/*' (COMMENT | .)*? '*\/'} by backtracking, in ANTLR's order of preference. */
    private static int reference(String s, int p, int depth) {
        if (s.startsWith("*/", p)) {
            if (depth == 1) {
                return p + 2;
            }
            int r = reference(s, p + 2, depth - 1);
            if (r >= 0) {
                return r;
            }
        }
        if (s.startsWith("/*", p)) {
            int r = reference(s, p + 2, depth + 1);
            if (r >= 0) {
                return r;
            }
        }
        return p < s.length() ? reference(s, p + 1, depth) : -1;
    }

    @Test
    void commentsAfterSupplementaryCharactersKeepTheirPlace() {
        EqlParseException e = error(parser, "any where x == \"\uD83D\uDE00\" /* never closed");
        assertThat(e.offset()).isEqualTo("any where x == \"\uD83D\uDE00\" ".length());
        assertThat(parser.parse("any where x == \"\uD83D\uDE00\" /* closed */ and y"))
                .isNotNull();
    }

    @Test
    void queryLengthIsLimited() {
        EqlParser small = new EqlParser(20);
        EqlParseException e = error(small, "process where x == 12345");
        assertThat(e.errorMessage())
                .isEqualTo("Query too long: [24] characters, the maximum is [20] (set the"
                        + " system property eql4j.parser.maxQueryLength to allow more)");
        assertThat(e.offset()).isEqualTo(20);
        assertThat(e.column()).isEqualTo(21);
        assertThat(small.parse("process where x")).isNotNull();
        assertThat(new EqlParser().maxQueryLength()).isEqualTo(EqlParser.DEFAULT_MAX_QUERY_LENGTH);
        String huge = "process where " + "x == 1 and ".repeat(400_000) + "true";
        assertThat(error(parser, huge).errorMessage()).startsWith("Query too long: [4400018] characters");
    }

    /** Finding 6's pipes, on the parser's side: 125,000 {@code | head 5} took 53 s to compile. */
    @Test
    void pipesAreLimited() {
        assertThat(parser.parse("any where true" + " | head 5".repeat(EqlParser.MAX_PIPES))
                        .pipes())
                .hasSize(EqlParser.MAX_PIPES);
        EqlParseException e = error(parser, "any where true" + " | head 5".repeat(125_000));
        assertThat(e.errorMessage()).isEqualTo("Too many pipes; the maximum is [1000]");
        assertThat(e.offset()).isEqualTo("any where true".length() + 9 * 1000 + 1);
    }

    @Test
    void snippetsOfLongLinesAreCut() {
        String query = "any where " + "a == 1 and ".repeat(10_000) + "(";
        EqlParseException e = error(parser, query);
        assertThat(e.getMessage().length()).isLessThan(500);
        String[] lines = e.snippet().split("\n");
        assertThat(lines[0]).startsWith("...").endsWith("(");
        assertThat(lines[1].indexOf('^')).isEqualTo(lines[0].length());
    }

    @Test
    void randomHostileTextsKeepTheCacheBounded() {
        java.util.Random random = new java.util.Random(13);
        String[] pieces = {
            "(",
            ")",
            "[",
            "]",
            "/*",
            "*/",
            "\"",
            "a",
            ".",
            "==",
            "and",
            "or",
            "not",
            "|",
            "head",
            "sequence",
            "by",
            "any",
            "where",
            "1",
            ":",
            "~",
            "in",
            ",",
            " "
        };
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder q = new StringBuilder(random.nextBoolean() ? "any where " : "sequence ");
            int n = random.nextInt(200);
            for (int j = 0; j < n; j++) {
                q.append(pieces[random.nextInt(pieces.length)]).append(random.nextInt(3) == 0 ? " " : "");
            }
            queries.add(q.toString());
        }
        for (String q : queries) {
            try {
                parser.parse(q);
            } catch (EqlParseException expected) {
                // the only exception allowed
            }
        }
        assertThat(EqlParser.cachedDfaStates()).isLessThanOrEqualTo(EqlParser.MAX_CACHED_DFA_STATES);
    }
}
