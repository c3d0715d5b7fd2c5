package io.eql4j.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad queries: the exact message and the line and column it points at. */
class ErrorMessagesTest {

    private final EqlParser parser = new EqlParser();

    static Stream<Arguments> badQueries() {
        return Stream.of(
                // syntax
                arguments(
                        "",
                        "1:1",
                        "Unexpected end of query, expected <category>, 'any', 'join', 'sample' or " + "'sequence'"),
                arguments("process", "1:8", "Unexpected end of query, expected 'where'"),
                arguments("process where", "1:14", "Unexpected end of query, expected <expression>"),
                arguments("process where true and", "1:23", "Unexpected end of query, expected <expression>"),
                arguments("any where a ==", "1:15", "Unexpected end of query, expected <value>"),
                arguments("Process Where true", "1:9", "Unexpected 'Where', expected 'where'; keywords are lower case"),
                arguments(
                        "process where a == 1)",
                        "1:21",
                        "Unexpected ')', expected <arithmetic operator>, "
                                + "<match operator>, 'and', 'or', '|' or end of query"),
                arguments(
                        "process where a < b < c",
                        "1:21",
                        "Unexpected '<', expected <arithmetic operator>, "
                                + "<match operator>, 'and', 'or', '.', '(', '|' or end of query; comparisons cannot be "
                                + "chained, combine them with 'and'"),
                arguments(
                        "process where a not : \"x\"",
                        "1:21",
                        "Unexpected ':', expected 'in' or 'in~'; to negate " + "a match, write not (value : pattern)"),
                arguments("process where a : b", "1:19", "Unexpected 'b', expected <constant> or '('"),
                arguments("process where a in ()", "1:21", "Unexpected ')', expected <expression>"),
                arguments(
                        "sequence [process where true] [file where true",
                        "1:47",
                        "Unexpected end of query, " + "expected <operator>, 'and', 'or' or ']'"),
                arguments("process where a = 1", "1:17", "Use [==] or [:] to compare values, not [=]"),
                arguments(
                        "sequence\n  [a where true]\n  [b where\n     x === 1]",
                        "4:10",
                        "Use [==] or [:] to compare values, not [=]"),
                arguments("process where a[0] == 1", "1:17", "Array indexes are not supported"),
                // lexical
                arguments(
                        "process where 'abc' == a",
                        "1:15",
                        "Use double quotes [\"] to define string literals, " + "not single quotes [']"),
                arguments(
                        "process where a == ?\"abc\"",
                        "1:20",
                        "Use triple double quotes [\"\"\"] to define " + "unescaped string literals, not [?\"]"),
                arguments("process where a == \"abc", "1:20", "Unterminated string: \" must be closed by \""),
                arguments(
                        "process where a == \"abc\ndef\"",
                        "1:20",
                        "Unterminated string: a string must end on "
                                + "the line it starts (write a line break as \\n)"),
                arguments(
                        "process where a == \"\"\"abc",
                        "1:20",
                        "Unterminated raw string: \"\"\" must be " + "closed by \"\"\" on the same line"),
                arguments(
                        "process where a == \"a\\qb\"",
                        "1:22",
                        "Invalid escape sequence [\\q]; the escapes are "
                                + "\\n \\r \\t \\b \\f \\\" \\' \\\\ and \\u{XXXX}"),
                arguments(
                        "process where a == \"\\u{}\"",
                        "1:21",
                        "Malformed unicode escape [\\u{}]; write " + "\\u{XXXX} with 2 to 8 hex digits"),
                arguments(
                        "process where a == \"\\u{123456789}\"",
                        "1:21",
                        "Unicode sequence should use [2-8] hex " + "digits, [\\u{123456789}] has [9]"),
                arguments(
                        "process where a == \"\\u{D800}\"",
                        "1:21",
                        "Invalid unicode character code, [D800] is a " + "surrogate code"),
                arguments("process where a == # 1", "1:20", "Unexpected character [#]"),
                arguments("process where a && b", "1:17", "Unexpected character [&]; use [and] to combine conditions"),
                arguments(
                        "process where !a",
                        "1:15",
                        "Unexpected character [!]; use [not] to negate a condition " + "and [!=] to compare"),
                arguments("process where a == 1 /* open", "1:22", "Unterminated comment: /* must be closed by */"),
                arguments("process where `a", "1:15", "Unterminated quoted identifier: ` must be closed by `"),
                arguments("process where \"\ud83d\ude00\" : x", "1:22", "Unexpected 'x', expected <constant> or '('"),
                // Elasticsearch's checks
                arguments("process where 1e400 == a", "1:15", "Number [1e400] is too large"),
                arguments(
                        "sequence [process where true]",
                        "1:1",
                        "A sequence requires a minimum of 2 queries, " + "found [1]"),
                arguments(
                        "sequence with maxspan=1.5m [a where true] [b where true]",
                        "1:23",
                        "Decimal time " + "interval [1.5] not supported; please use a positive integer"),
                arguments(
                        "sequence with maxspan=0m [a where true] [b where true]",
                        "1:23",
                        "A positive maxspan " + "value is required; found [0]"),
                arguments(
                        "sequence with maxspan=30 [a where true] [b where true]",
                        "1:23",
                        "No time unit " + "specified, did you mean [s] as in [30s]?"),
                arguments(
                        "sequence with maxspan=30y [a where true] [b where true]",
                        "1:25",
                        "Unrecognized time " + "unit [y] in [30y], please specify one of [ms, s, m, h, d]"),
                arguments(
                        "sequence with maxspan=999999999999d [a where true] [b where true]",
                        "1:23",
                        "Time " + "interval [999999999999d] is too large"),
                arguments(
                        "sequence with maxspan=10m by user [a where true] [b where true]",
                        "1:27",
                        "Please " + "specify sequence [by] before [with] not after"),
                arguments(
                        "sequence [a where true] with runs=0 [b where true]",
                        "1:35",
                        "A [runs] value between " + "[1] and [100] is required; found [0]"),
                arguments(
                        "sequence [a where true] with runs=2.0",
                        "1:35",
                        "A [runs] value between [1] and [100] " + "is required; found [2.0]"),
                arguments(
                        "sequence [a where true] with repeats=2 [b where true]",
                        "1:30",
                        "Unrecognized option " + "[repeats], expecting [runs]"),
                arguments(
                        "sequence [a where true] ![b where true]",
                        "1:25",
                        "A sequence with missing events " + "requires [with maxspan]"),
                arguments(
                        "sequence with maxspan=1m ![a where true] ![b where true]",
                        "1:1",
                        "A sequence requires " + "at least one positive query; it has only missing events"),
                arguments(
                        "sequence by h [a where true] by x, y\n  [b where true] by z",
                        "2:18",
                        "Inconsistent " + "number of join keys specified; expected [2] join keys but found [1]"),
                arguments(
                        "sequence [a where true] by k [b where true]",
                        "1:30",
                        "Inconsistent number of join " + "keys specified; expected [1] join keys but found [0]"),
                arguments(
                        "sequence [a where true] [b where true] until [c where true] by k",
                        "1:61",
                        "Inconsistent number of join keys specified; expected [0] join keys but found [1]"),
                arguments(
                        "sequence with maxspan=1m [a where true] [b where true] until ![c where true]",
                        "1:62",
                        "Missing events are not supported in the [until] query"),
                arguments(
                        "sequence [a where true] [b where true] until [c where true] with runs=2",
                        "1:61",
                        "[with runs] is not supported in the [until] query"),
                arguments(
                        "sequence by 1 [a where true] [b where true]",
                        "1:13",
                        "Unsupported join key [1]; join " + "keys must be fields"),
                arguments(
                        "sample by h [a where true] [b where true] until [c where true]",
                        "1:43",
                        "[until] is not " + "supported in samples"),
                arguments(
                        "sample by h with maxspan=1m [a where true] [b where true]",
                        "1:13",
                        "[with maxspan] is " + "not supported in samples"),
                arguments(
                        "sample by h [a where true] with runs=2 [b where true]",
                        "1:28",
                        "[with runs] is not " + "supported in samples"),
                arguments(
                        "sample by h ![a where true] [b where true]",
                        "1:13",
                        "Missing events are not supported " + "in samples"),
                arguments(
                        "sample [a where true] [b where true]",
                        "1:1",
                        "A sample requires join keys; use [sample " + "by] or [by] on each query"),
                arguments(
                        "sample by h [a where true] by x [b where true]",
                        "1:33",
                        "Inconsistent number of join " + "keys specified; expected [1] join keys but found [0]"),
                arguments("join by a [b where true] [c where true]", "1:1", "Join is not supported"),
                arguments(
                        "process where descendant of [process where true]",
                        "1:15",
                        "Process relationships are " + "not supported"),
                arguments(
                        "process where a.b(1)",
                        "1:15",
                        "Invalid function name [a.b]; a function name is a single "
                                + "identifier, as in startsWith(...)"),
                arguments("process where true | unique a", "1:22", "Pipe [unique] is not supported"),
                arguments("process where true | filter a == 1", "1:22", "Pipe [filter] is not supported"),
                arguments("process where true | haed 5", "1:22", "Unrecognized pipe [haed], did you mean [head]?"),
                arguments("process where true | limit 5", "1:22", "Unrecognized pipe [limit]"),
                arguments(
                        "process where true | head",
                        "1:22",
                        "Pipe [head] expects exactly one argument but " + "found [0]"),
                arguments(
                        "process where true | head 1, 2",
                        "1:22",
                        "Pipe [head] expects exactly one argument but " + "found [2]"),
                arguments(
                        "process where true | tail a",
                        "1:27",
                        "Pipe [tail] expects a non-negative integer but " + "found [a]"),
                arguments(
                        "process where true\n| head -1",
                        "2:8",
                        "Pipe [head] expects a non-negative integer " + "but found [-1]"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badQueries")
    void reportsWhatIsWrongAndWhere(String query, String position, String message) {
        EqlParseException e = catchThrowableOfType(EqlParseException.class, () -> parser.parse(query));
        assertThat(e).as("no error for %s", query).isNotNull();
        assertThat(e.errorMessage()).isEqualTo(message);
        assertThat(e.line() + ":" + e.column()).isEqualTo(position);
        assertThat(e.getMessage()).startsWith(position + ": " + message);
    }

    @Test
    void messageEndsWithTheLineAndACaret() {
        EqlParseException e = catchThrowableOfType(
                EqlParseException.class, () -> parser.parse("sequence\n\t[process where a = b]\n  [file where true]"));
        assertThat(e.getMessage())
                .isEqualTo("2:19: Use [==] or [:] to compare values, not [=]\n"
                        + "\t[process where a = b]\n"
                        + "\t                 ^");
        assertThat(e.offset()).isEqualTo(27);
    }

    @Test
    void positionsCountUtf16CharsAndAllLineBreaks() {
        // the emoji is two chars; \r\n and a lone \r end lines as \n does
        EqlParseException e = catchThrowableOfType(
                EqlParseException.class, () -> parser.parse("any where x == \"\ud83d\ude00\"\r\n and\r y = 1"));
        assertThat(e.line() + ":" + e.column()).isEqualTo("3:4");
        assertThat(e.offset()).isEqualTo(29);
    }
}
