package io.eql4j.parser;

import static io.eql4j.ast.Arithmetic.Operator.ADD;
import static io.eql4j.ast.Arithmetic.Operator.DIVIDE;
import static io.eql4j.ast.Arithmetic.Operator.MODULO;
import static io.eql4j.ast.Arithmetic.Operator.MULTIPLY;
import static io.eql4j.ast.Arithmetic.Operator.SUBTRACT;
import static io.eql4j.ast.Comparison.Operator.GT;
import static io.eql4j.ast.Comparison.Operator.GTE;
import static io.eql4j.ast.Comparison.Operator.LT;
import static io.eql4j.ast.Comparison.Operator.LTE;
import static io.eql4j.ast.Comparison.Operator.NEQ;
import static io.eql4j.ast.MaxSpan.TimeUnit.DAYS;
import static io.eql4j.ast.MaxSpan.TimeUnit.HOURS;
import static io.eql4j.ast.MaxSpan.TimeUnit.MILLISECONDS;
import static io.eql4j.ast.MaxSpan.TimeUnit.MINUTES;
import static io.eql4j.ast.MaxSpan.TimeUnit.SECONDS;
import static io.eql4j.ast.PatternMatch.Operator.LIKE;
import static io.eql4j.ast.PatternMatch.Operator.LIKE_INSENSITIVE;
import static io.eql4j.ast.PatternMatch.Operator.REGEX;
import static io.eql4j.ast.PatternMatch.Operator.REGEX_INSENSITIVE;
import static io.eql4j.ast.PatternMatch.Operator.SEQ;
import static io.eql4j.ast.Span.NONE;
import static io.eql4j.parser.Trees.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.ast.Ast;
import io.eql4j.ast.Expression;
import io.eql4j.ast.Query;
import io.eql4j.ast.SampleQuery;
import io.eql4j.ast.SequenceQuery;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The syntax tree of each construct of the language. */
class EqlParserTest {

    private final EqlParser parser = new EqlParser();

    private Query parse(String eql) {
        return Ast.withoutSpans(parser.parse(eql));
    }

    private Expression expr(String text) {
        return Ast.withoutSpans(parser.parseExpression(text));
    }

    /** The condition of {@code any where <text>}, parsed as part of a whole query. */
    private Expression condition(String text) {
        Query query = parse("any where " + text);
        return ((io.eql4j.ast.EventQuery) query.body()).filter().condition();
    }

    @Test
    void seedRule() {
        Query query = parse("""
                sequence with maxspan=60s
                  [file where host.os.type == "linux" and event.type == "change" and event.action == "open" and
                   file.path in ("/var/run/secrets/kubernetes.io/serviceaccount/token", \
                "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt")
                   and process.interactive == true and container.id like "*"] by orchestrator.resource.name
                  [any where event.dataset == "kubernetes.audit_logs" and kubernetes.audit.stage in \
                ("ResponseComplete", "ResponseStarted")]
                   by `kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name`
                """);

        Expression first = and(
                eq(f("host.os.type"), str("linux")),
                eq(f("event.type"), str("change")),
                eq(f("event.action"), str("open")),
                in(
                        f("file.path"),
                        str("/var/run/secrets/kubernetes.io/serviceaccount/token"),
                        str("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt")),
                eq(f("process.interactive"), bool(true)),
                match(f("container.id"), LIKE, str("*")));
        Expression second = and(
                eq(f("event.dataset"), str("kubernetes.audit_logs")),
                in(f("kubernetes.audit.stage"), str("ResponseComplete"), str("ResponseStarted")));
        assertThat(query)
                .isEqualTo(query(new SequenceQuery(
                        List.of(),
                        maxSpan(60, SECONDS),
                        List.of(
                                stage(filter("file", first), f("orchestrator.resource.name")),
                                stage(
                                        filter(null, second),
                                        field("kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name"))),
                        null,
                        NONE)));
    }

    @Nested
    class EventQueries {
        @Test
        void categoryAndAny() {
            assertThat(parse("process where true")).isEqualTo(event("process", bool(true)));
            assertThat(parse("any where true")).isEqualTo(event(null, bool(true)));
        }

        @Test
        void quotedCategories() {
            assertThat(parse("\"my-cat\" where true")).isEqualTo(event("my-cat", bool(true)));
            assertThat(parse("\"\"\"my category\"\"\" where true")).isEqualTo(event("my category", bool(true)));
            // a quoted "any" is a category named any, not the any keyword
            assertThat(parse("\"any\" where true")).isEqualTo(event("any", bool(true)));
        }

        @Test
        void keywordsAreCaseSensitive() {
            // Elasticsearch lexes the text as it is: upper-case words are identifiers
            assertThat(parse("PROCESS where AND == NOT")).isEqualTo(event("PROCESS", eq(f("AND"), f("NOT"))));
            assertThatThrownBy(() -> parser.parse("process WHERE true")).isInstanceOf(EqlParseException.class);
        }

        @Test
        void commentsAnywhere() {
            assertThat(parse("/* lead */ process // line\n where /* a /* nested */ comment */ a == 1 // end"))
                    .isEqualTo(event("process", eq(f("a"), num(1))));
        }
    }

    @Nested
    class Fields {
        @Test
        void dottedAndOptional() {
            assertThat(expr("process.parent.name")).isEqualTo(f("process.parent.name"));
            assertThat(expr("?user.id")).isEqualTo(optional("user.id"));
            assertThat(expr("@timestamp")).isEqualTo(field("@timestamp"));
            assertThat(expr("_id")).isEqualTo(field("_id"));
        }

        @Test
        void backticks() {
            assertThat(expr("`kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name`"))
                    .isEqualTo(field("kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name"));
            assertThat(expr("azure.x.`0`.name")).isEqualTo(field("azure", "x", "0", "name"));
            assertThat(expr("`my``field`")).isEqualTo(field("my`field"));
            assertThat(expr("`sequence`")).isEqualTo(field("sequence"));
            assertThat(expr("?`a b`.c")).isEqualTo(new io.eql4j.ast.Field(List.of("a b", "c"), true, NONE));
        }
    }

    @Nested
    class Literals {
        @Test
        void numbers() {
            assertThat(expr("42")).isEqualTo(num(42));
            assertThat(expr("9223372036854775807")).isEqualTo(num(Long.MAX_VALUE));
            assertThat(expr("4.5")).isEqualTo(dec(4.5));
            assertThat(expr("1.")).isEqualTo(dec(1.0));
            assertThat(expr(".5")).isEqualTo(dec(0.5));
            assertThat(expr("1e3")).isEqualTo(dec(1000.0));
            assertThat(expr("2.5E-1")).isEqualTo(dec(0.25));
            assertThat(expr("-1")).isEqualTo(neg(num(1)));
            assertThat(expr("+1")).isEqualTo(num(1));
        }

        @Test
        void integerTooLargeForALongIsADoubleAsInElasticsearch() {
            assertThat(expr("9223372036854775808")).isEqualTo(dec(9.223372036854775808E18));
            assertThat(expr("99999999999999999999")).isEqualTo(dec(1e20));
        }

        @Test
        void constants() {
            assertThat(expr("true")).isEqualTo(bool(true));
            assertThat(expr("false")).isEqualTo(bool(false));
            assertThat(expr("null")).isEqualTo(nul());
        }

        @Test
        void escapes() {
            assertThat(expr("\"a\\nb\\rc\\td\\\\e\\\"f\\'g\\bh\\fi\"")).isEqualTo(str("a\nb\rc\td\\e\"f'g\bh\fi"));
            assertThat(expr("\"\\u{41}\\u{00e9}\\u{200F}\\u{0001F4a9}\\u{00000000}\""))
                    .isEqualTo(str("A\u00e9\u200f\ud83d\udca9\u0000"));
            assertThat(expr("\"\"")).isEqualTo(str(""));
            assertThat(expr("\"C:\\\\Windows\\\\*\"")).isEqualTo(str("C:\\Windows\\*"));
        }

        @Test
        void rawStrings() {
            assertThat(expr("\"\"\".*?net1[ ]+localgroup\\d\"\"\"")).isEqualTo(str(".*?net1[ ]+localgroup\\d"));
            assertThat(expr("\"\"\"a \" and \\ \"\"\"")).isEqualTo(str("a \" and \\ "));
            assertThat(expr("\"\"\"\"\"\"")).isEqualTo(str(""));
            // up to two quotes after the closing """ belong to the value, as in Elasticsearch
            assertThat(expr("\"\"\"\"quoted\"\"\"\"\"")).isEqualTo(str("\"quoted\"\""));
        }
    }

    @Nested
    class Operators {
        @Test
        void comparisons() {
            assertThat(expr("a == 1")).isEqualTo(eq(f("a"), num(1)));
            assertThat(expr("a != 1")).isEqualTo(cmp(f("a"), NEQ, num(1)));
            assertThat(expr("a < 1")).isEqualTo(cmp(f("a"), LT, num(1)));
            assertThat(expr("a <= 1")).isEqualTo(cmp(f("a"), LTE, num(1)));
            assertThat(expr("a > 1")).isEqualTo(cmp(f("a"), GT, num(1)));
            assertThat(expr("a >= 1")).isEqualTo(cmp(f("a"), GTE, num(1)));
            assertThat(expr("a == null")).isEqualTo(eq(f("a"), nul()));
        }

        @Test
        void lists() {
            assertThat(expr("a in (1, \"x\", b)")).isEqualTo(in(f("a"), num(1), str("x"), f("b")));
            assertThat(expr("a in~ (\"x\")")).isEqualTo(inList(f("a"), false, true, str("x")));
            assertThat(expr("a not in (1, 2)")).isEqualTo(inList(f("a"), true, false, num(1), num(2)));
            assertThat(expr("a not in~ (\"x\", \"y\")")).isEqualTo(inList(f("a"), true, true, str("x"), str("y")));
        }

        @Test
        void patterns() {
            assertThat(expr("a : \"x*\"")).isEqualTo(match(f("a"), SEQ, str("x*")));
            assertThat(expr("a : (\"x\", \"y?\")")).isEqualTo(match(f("a"), SEQ, str("x"), str("y?")));
            // a one-element list is the same node as a single constant
            assertThat(expr("a : (\"x\")")).isEqualTo(match(f("a"), SEQ, str("x")));
            assertThat(expr("a like \"x\"")).isEqualTo(match(f("a"), LIKE, str("x")));
            assertThat(expr("a like~ (\"x\", \"y\")")).isEqualTo(match(f("a"), LIKE_INSENSITIVE, str("x"), str("y")));
            assertThat(expr("a regex \"x.*\"")).isEqualTo(match(f("a"), REGEX, str("x.*")));
            assertThat(expr("a regex~ (\"x\", \"\"\"y\\d\"\"\")"))
                    .isEqualTo(match(f("a"), REGEX_INSENSITIVE, str("x"), str("y\\d")));
            assertThat(expr("a : 1")).isEqualTo(match(f("a"), SEQ, num(1)));
        }

        @Test
        void functions() {
            assertThat(expr("length(a)")).isEqualTo(call("length", f("a")));
            assertThat(expr("startsWith~(process.name, \"cmd\")"))
                    .isEqualTo(callInsensitive("startsWith", f("process.name"), str("cmd")));
            assertThat(expr("endswith~(substring(dll.path, 0, length(dll.path) - (length(dll.name) + 1)), \"x\")"))
                    .isEqualTo(callInsensitive(
                            "endswith",
                            call(
                                    "substring",
                                    f("dll.path"),
                                    num(0),
                                    math(
                                            call("length", f("dll.path")),
                                            SUBTRACT,
                                            math(call("length", f("dll.name")), ADD, num(1)))),
                            str("x")));
            assertThat(expr("CONCAT()")).isEqualTo(call("CONCAT"));
        }

        @Test
        void arithmetic() {
            assertThat(expr("a + b - c")).isEqualTo(math(math(f("a"), ADD, f("b")), SUBTRACT, f("c")));
            assertThat(expr("a - (b - c)")).isEqualTo(math(f("a"), SUBTRACT, math(f("b"), SUBTRACT, f("c"))));
            assertThat(expr("a + b * c")).isEqualTo(math(f("a"), ADD, math(f("b"), MULTIPLY, f("c"))));
            assertThat(expr("a * b / c % d"))
                    .isEqualTo(math(math(math(f("a"), MULTIPLY, f("b")), DIVIDE, f("c")), MODULO, f("d")));
            assertThat(expr("-a * b")).isEqualTo(math(neg(f("a")), MULTIPLY, f("b")));
            assertThat(expr("a - -b")).isEqualTo(math(f("a"), SUBTRACT, neg(f("b"))));
            assertThat(expr("- - a")).isEqualTo(neg(neg(f("a"))));
        }
    }

    @Nested
    class Precedence {
        @Test
        void andBindsTighterThanOr() {
            assertThat(expr("a or b and c or d")).isEqualTo(or(f("a"), and(f("b"), f("c")), f("d")));
            assertThat(expr("(a or b) and c")).isEqualTo(and(or(f("a"), f("b")), f("c")));
        }

        @Test
        void chainsOfOneOperatorAreFlat() {
            assertThat(expr("a and b and c and d")).isEqualTo(and(f("a"), f("b"), f("c"), f("d")));
            assertThat(expr("a or b or c")).isEqualTo(or(f("a"), f("b"), f("c")));
            // parentheses make a chain of their own
            assertThat(expr("(a and b) and c")).isEqualTo(and(and(f("a"), f("b")), f("c")));
            assertThat(expr("a and (b and c)")).isEqualTo(and(f("a"), and(f("b"), f("c"))));
        }

        @Test
        void notBindsTighterThanAndButLooserThanComparison() {
            assertThat(expr("not a and b")).isEqualTo(and(not(f("a")), f("b")));
            assertThat(expr("not a == 1")).isEqualTo(not(eq(f("a"), num(1))));
            assertThat(expr("not not a")).isEqualTo(not(not(f("a"))));
            assertThat(expr("not (a or b)")).isEqualTo(not(or(f("a"), f("b"))));
        }

        @Test
        void comparisonIsNotAssociative() {
            assertThatThrownBy(() -> parser.parseExpression("a < b < c")).isInstanceOf(EqlParseException.class);
            assertThat(expr("(a < b) == c")).isEqualTo(eq(cmp(f("a"), LT, f("b")), f("c")));
            assertThat(expr("a + 1 > b * 2"))
                    .isEqualTo(cmp(math(f("a"), ADD, num(1)), GT, math(f("b"), MULTIPLY, num(2))));
        }

        @Test
        void predicateBindsToThePrimaryBeforeIt() {
            assertThat(expr("a + b : \"x\"")).isEqualTo(math(f("a"), ADD, match(f("b"), SEQ, str("x"))));
            assertThat(expr("-a in (1)")).isEqualTo(neg(in(f("a"), num(1))));
            assertThat(expr("(a + b) in (1)")).isEqualTo(in(math(f("a"), ADD, f("b")), num(1)));
            assertThat(expr("a : \"x\" == true")).isEqualTo(eq(match(f("a"), SEQ, str("x")), bool(true)));
            assertThat(expr("not a in (1)")).isEqualTo(not(in(f("a"), num(1))));
        }
    }

    @Nested
    class Sequences {
        @Test
        void keysMaxSpanAndRuns() {
            Query query = parse("sequence by host.id, user.id with maxspan = 1m\n"
                    + "  [process where true] by process.pid with runs=3\n"
                    + "  [network where true] by process.parent.pid");
            assertThat(query)
                    .isEqualTo(query(new SequenceQuery(
                            keys(f("host.id"), f("user.id")),
                            maxSpan(1, MINUTES),
                            List.of(
                                    runs(3, filter("process", bool(true)), f("process.pid")),
                                    stage(filter("network", bool(true)), f("process.parent.pid"))),
                            null,
                            NONE)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1ms", "2s", "3m", "4h", "5d"})
        void maxSpanUnits(String span) {
            SequenceQuery sequence =
                    (SequenceQuery) parse("sequence with maxspan=" + span + " [a where true] [b where true]")
                            .body();
            assertThat(sequence.maxSpan().toString()).isEqualTo(span);
            assertThat(sequence.maxSpan().unit())
                    .isEqualTo(
                            List.of(MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS).get(span.charAt(0) - '1'));
        }

        @Test
        void runsAloneMakeTwoQueries() {
            assertThat(parse("sequence [a where true] with runs=2"))
                    .isEqualTo(query(new SequenceQuery(
                            List.of(), null, List.of(runs(2, filter("a", bool(true)))), null, NONE)));
        }

        @Test
        void missingEventsAndUntil() {
            Query query = parse("sequence by user.name with maxspan=5s\n"
                    + "  [authentication where event.code : \"4624\"]\n"
                    + "  ![authentication where event.code : \"4647\"]\n"
                    + "until [process where event.type == \"stop\"]");
            assertThat(query)
                    .isEqualTo(query(new SequenceQuery(
                            keys(f("user.name")),
                            maxSpan(5, SECONDS),
                            List.of(
                                    stage(filter("authentication", match(f("event.code"), SEQ, str("4624")))),
                                    missing(filter("authentication", match(f("event.code"), SEQ, str("4647"))))),
                            stage(filter("process", eq(f("event.type"), str("stop")))),
                            NONE)));
        }

        @Test
        void runsOnAMissingEvent() {
            SequenceQuery sequence =
                    (SequenceQuery) parse("sequence with maxspan=1h [a where true] " + "![b where true] with runs=2")
                            .body();
            assertThat(sequence.stages().get(1))
                    .isEqualTo(new io.eql4j.ast.Stage(filter("b", bool(true)), List.of(), 2, true, NONE));
        }

        @Test
        void commentsInsideStages() {
            assertThat(parse("sequence [a where /* c */ true // x\n] // y\n [b /* z */ where true]"))
                    .isEqualTo(parse("sequence [a where true] [b where true]"));
        }
    }

    @Test
    void sample() {
        assertThat(parse("sample by host [any where uptime > 0] by os [any where port > 100] by op_sys"))
                .isEqualTo(query(new SampleQuery(
                        keys(f("host")),
                        List.of(
                                stage(filter(null, cmp(f("uptime"), GT, num(0))), f("os")),
                                stage(filter(null, cmp(f("port"), GT, num(100))), f("op_sys"))),
                        NONE)));
        // keys on the queries only
        assertThat(parse("sample [a where true] by x [b where true] by y").body())
                .isInstanceOf(SampleQuery.class);
    }

    @Test
    void pipes() {
        assertThat(parse("process where true | head 5"))
                .isEqualTo(query(new io.eql4j.ast.EventQuery(filter("process", bool(true)), NONE), head(5)));
        assertThat(parse("process where true | head 4 | tail 2 | head 0").pipes())
                .containsExactly(head(4), tail(2), head(0));
        // a constant integer expression is folded, as Elasticsearch does
        assertThat(parse("process where true | tail 2 * 3 - 1").pipes()).containsExactly(tail(5));
    }

    @Test
    void parseExpressionReadsAWholeExpressionOnly() {
        assertThat(expr("a and b")).isEqualTo(and(f("a"), f("b")));
        assertThatThrownBy(() -> parser.parseExpression("a and b | head 1")).isInstanceOf(EqlParseException.class);
        assertThatThrownBy(() -> parser.parseExpression("process where a")).isInstanceOf(EqlParseException.class);
    }

    @Test
    void expressionsInsideAQueryAreTheSameAsAlone() {
        String text = "a + 2 * -b >= c and not d : (\"x\", \"y\") or f(g, ?h) in~ (\"z\")";
        assertThat(condition(text)).isEqualTo(expr(text));
    }
}
