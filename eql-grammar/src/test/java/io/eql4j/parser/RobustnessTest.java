package io.eql4j.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eql4j.ast.And;
import io.eql4j.ast.Ast;
import io.eql4j.ast.EventQuery;
import io.eql4j.ast.Expression;
import io.eql4j.ast.Or;
import io.eql4j.ast.PatternMatch;
import io.eql4j.ast.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Deep and long input gives a tree or an EqlParseException, never a stack overflow; the parser is shareable. */
class RobustnessTest {

    private static final String TOO_DEEP = "Expression nested too deeply; the maximum depth is [256]";

    private final EqlParser parser = new EqlParser();

    private Expression condition(String query) {
        return ((EventQuery) parser.parse(query).body()).filter().condition();
    }

    private EqlParseException error(String query) {
        EqlParseException e = catchThrowableOfType(EqlParseException.class, () -> parser.parse(query));
        assertThat(e).as("expected an EqlParseException").isNotNull();
        return e;
    }

    @Test
    void tenThousandParentheses() {
        String prefix = "any where ";
        EqlParseException e = error(prefix + "(".repeat(10_000) + "a" + ")".repeat(10_000));
        assertThat(e.errorMessage()).isEqualTo(TOO_DEEP);
        assertThat(e.offset()).isEqualTo(prefix.length() + 256); // the 257th parenthesis
    }

    @Test
    void tenThousandNots() {
        EqlParseException e = error("any where " + "not ".repeat(10_000) + "a");
        assertThat(e.errorMessage()).isEqualTo(TOO_DEEP);
        assertThat(e.offset()).isEqualTo("any where ".length() + 4 * 256);
    }

    @Test
    void tenThousandUnaryMinuses() {
        EqlParseException e = error("any where " + "-".repeat(10_000) + "a == 1");
        assertThat(e.errorMessage()).isEqualTo(TOO_DEEP);
        assertThat(e.offset()).isEqualTo("any where ".length() + 256);
    }

    @Test
    void nestingUpToTheLimitParsesAndFormats() {
        // 256 parentheses and 256 prefix operators are allowed
        assertThat(Ast.withoutSpans(condition("any where " + "(".repeat(256) + "a" + ")".repeat(256))))
                .isEqualTo(Ast.withoutSpans(parser.parseExpression("a")));
        // 127 levels of not (...and...) make a tree 255 deep, whose formatting parses back
        String nested = "a";
        for (int i = 0; i < 127; i++) {
            nested = "not (b and " + nested + ")";
        }
        Query deep = parser.parse("any where " + nested);
        Query again = parser.parse(EqlFormatter.format(deep));
        assertThat(Ast.withoutSpans(again)).isEqualTo(Ast.withoutSpans(deep));
        // one level more is refused where it happens
        EqlParseException e = error("any where " + "not (b and ".repeat(128) + "a" + ")".repeat(128));
        assertThat(e.errorMessage()).isEqualTo(TOO_DEEP);
    }

    @Test
    void nestedFunctionCalls() {
        String calls = "f(".repeat(200) + "a" + ")".repeat(200);
        assertThat(condition("any where " + calls + " == 1")).isNotNull();
        assertThat(error("any where " + "f(".repeat(300) + "a" + ")".repeat(300))
                        .errorMessage())
                .isEqualTo(TOO_DEEP);
    }

    @Test
    void hundredThousandTermAndChainIsOneNode() {
        String chain =
                IntStream.range(0, 100_000).mapToObj(i -> "f" + i + " == " + i).collect(Collectors.joining(" and "));
        Expression condition = condition("any where " + chain);
        assertThat(condition).isInstanceOf(And.class);
        assertThat(((And) condition).operands()).hasSize(100_000);
        // and the formatter handles it
        assertThat(EqlFormatter.format(condition)).isEqualTo(chain);
    }

    @Test
    void hundredThousandTermOrChainIsOneNode() {
        String chain = IntStream.range(0, 100_000).mapToObj(i -> "f" + i).collect(Collectors.joining(" or "));
        Expression condition = condition("any where " + chain + " and x");
        assertThat(condition).isInstanceOf(Or.class);
        assertThat(((Or) condition).operands()).hasSize(100_000);
    }

    @Test
    void hundredThousandTermSumIsTooDeep() {
        String prefix = "any where a";
        EqlParseException e = error(prefix + " + a".repeat(100_000) + " == 1");
        assertThat(e.errorMessage()).isEqualTo(TOO_DEEP);
        // the 256th + makes the 257th level
        assertThat(e.offset()).isEqualTo(prefix.length() + 4 * 255 + 1);
    }

    @Test
    void longPatternLists() {
        String list =
                IntStream.range(0, 10_000).mapToObj(i -> "\"p" + i + "*\"").collect(Collectors.joining(", "));
        Expression condition = condition("any where x : (" + list + ")");
        assertThat(((PatternMatch) condition).patterns()).hasSize(10_000);
    }

    /** The deepest tree allowed parses on a thread with Java's default stack (1 MB on 64-bit Linux). */
    @Test
    void theDeepestTreeFitsADefaultStack() throws InterruptedException {
        String deepest = "any where " + "not (b and ".repeat(127) + "a" + ")".repeat(127);
        Object result = onThreadWithStack(1024 * 1024, () -> parser.parse(deepest));
        assertThat(result).isInstanceOf(Query.class);
    }

    /** The last resort: a stack overflow inside the parser is reported as a parse error, not thrown. */
    @Test
    void stackOverflowOnATinyStackBecomesAParseException() throws InterruptedException {
        String deepest = "any where " + "not (b and ".repeat(127) + "a" + ")".repeat(127);
        parser.parse(deepest); // loads and initialises the parser's classes on a normal stack first
        Object result = onThreadWithStack(64 * 1024, () -> parser.parse(deepest));
        assertThat(result).isInstanceOf(EqlParseException.class);
        assertThat(((EqlParseException) result).errorMessage())
                .isEqualTo("Query too large or too deeply nested to parse");
    }

    /** What the task returns or throws, run on a new thread with the given stack size. */
    private static Object onThreadWithStack(long stackSize, java.util.function.Supplier<Object> task)
            throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        outcome.set(task.get());
                    } catch (Throwable t) {
                        outcome.set(t);
                    }
                },
                "stack-" + stackSize,
                stackSize);
        thread.start();
        thread.join();
        return outcome.get();
    }

    @Test
    void oneParserServesManyThreads() throws Exception {
        List<TestQueries.Named> rules = TestQueries.ruleCorpus().subList(0, 400);
        List<Query> expected = new ArrayList<>();
        for (TestQueries.Named rule : rules) {
            expected.add(parser.parse(rule.query));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Query>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    List<Query> queries = new ArrayList<>();
                    for (TestQueries.Named rule : rules) {
                        queries.add(parser.parse(rule.query));
                    }
                    return queries;
                }));
            }
            for (Future<List<Query>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }
}
