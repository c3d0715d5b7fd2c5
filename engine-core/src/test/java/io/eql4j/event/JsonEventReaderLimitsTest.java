package io.eql4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The reader's messages in plain words, and its limits: line length, nesting, string length (docs/notes/cli.md). */
class JsonEventReaderLimitsTest {

    private static final Plan PLAN = EqlCompiler.compile("any where host.name == \"h\"");

    /** Words of Jackson's own messages, which must never reach a user. */
    private static final Pattern JACKSON = Pattern.compile(
            "Source|REDACTED|StreamRead|JsonReadFeature|code \\d+\\)\\)|VALUE_STRING|marker|Unexpected end-of-input"
                    + "|was expecting|Unrecognized|Illegal unquoted|exceeds the maximum|Duplicate field|CTRL-CHAR");

    @Test
    void saysWhatIsWrongInItsOwnWordsWithTheColumn() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(
                "{\"a\":1",
                "invalid JSON at column 7: the line ends inside an object opened at column 1 (a "
                        + "closing '}' is missing)");
        cases.put("{\"a\":\"x", "invalid JSON at column 8: the line ends inside a string (a closing '\"' is missing)");
        cases.put(
                "{\"a\":[1,2",
                "invalid JSON at column 10: the line ends inside an array opened at column 6 (a "
                        + "closing ']' is missing)");
        cases.put("{a:1}", "invalid JSON at column 2: expected a key in double quotes, found 'a'");
        cases.put(
                "{\"a\":1,}",
                "invalid JSON at column 8: expected a key in double quotes, found '}' (a comma "
                        + "before the closing '}'?)");
        cases.put(
                "{\"a\":tru}",
                "invalid JSON at column 6: 'tru' is not a JSON value (text needs double quotes; "
                        + "the only words are true, false and null)");
        cases.put("{\"a\" 1}", "invalid JSON at column 6: expected ':' after the key, found '1'");
        cases.put(
                "{\"a\":1 \"b\":2}",
                "invalid JSON at column 8: expected ',' or '}' after a value in an object, " + "found '\"'");
        cases.put(
                "{\"a\":[1 2]}",
                "invalid JSON at column 9: expected ',' or ']' after a value in an array, " + "found '2'");
        cases.put("{\"a\":01}", "invalid JSON at column 7: a number must not start with 0 followed by digits");
        cases.put(
                "{\"a\":\"\u0001\"}",
                "invalid JSON at column 7: control character (code 1) in a string; it must "
                        + "be written as an escape (\\n, \\t, \\u0001)");
        cases.put("{\"a\":\"\\q\"}", "invalid JSON at column 8: unknown escape '\\q' in a string");
        cases.put("{\"a\":1]", "invalid JSON at column 7: ']' where an object opened at column 1 needs '}'");
        cases.put(
                "{\"a\":'x'}",
                "invalid JSON at column 6: expected a value (a string in double quotes, a number, "
                        + "an object, an array, true, false or null), found '''");
        for (JsonEventReader reader : List.of(JsonEventReader.forPlan(PLAN), JsonEventReader.full())) {
            cases.forEach((json, message) ->
                    assertThatThrownBy(() -> reader.read(json)).as(json).hasMessage(message));
            for (String json : List.of("{\"a\":NaN}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":\"x\",\"a\":1}")) {
                assertThatThrownBy(() -> reader.read(json))
                        .as(json)
                        .isInstanceOf(JsonEventReader.JsonEventException.class)
                        .hasMessageStartingWith("invalid JSON at column ")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern(JACKSON));
            }
        }
    }

    @Test
    void nestingBeyondTheLimitStopsOnlyAValueThatIsRead() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        JsonEventReader reader = JsonEventReader.forPlan(PLAN);
        // skipped: no limit but the line's length
        Event event = reader.read("{\"x\":" + deep + ",\"host\":{\"name\":\"h\"}}");
        assertThat(event.field("host.name")).isEqualTo("h");
        // read: the limit, in plain words, with the field's name
        assertThatThrownBy(() -> reader.read("{\"host\":{\"name\":" + deep + "}}"))
                .hasMessageStartingWith(
                        "the value of host.name is nested deeper than the limit of 1000 levels " + "at column ");
        // depth counts the event's own object: {"host": {"name": [["h"]]}} is 4 levels deep
        JsonEventReader shallow = reader.withLimits(new JsonEventReader.Limits(1 << 20, 4, 100));
        assertThat(shallow.read("{\"host\":{\"name\":[[\"h\"]]}}").field("host.name"))
                .isEqualTo("h");
        assertThatThrownBy(() -> shallow.read("{\"host\":{\"name\":[[[\"h\"]]]}}"))
                .hasMessageContaining("nested deeper than the limit of 4 levels");
        // a whole tree is read: the limit applies everywhere
        assertThatThrownBy(() -> JsonEventReader.full().read("{\"x\":" + deep + "}"))
                .hasMessageStartingWith("nested deeper than 1000 levels (the limit)");
    }

    @Test
    void aLongValueInAFieldNoRuleReadsDoesNotStopTheEvent() throws IOException {
        String big = "x".repeat(30_000_000); // over the default string limit of 20,000,000
        String line =
                "{\"@timestamp\":1,\"payload\":\"" + big + "\",\"host\":{\"name\":\"h\"},\"event\":{\"id\":\"e1\"}}";
        List<Match> matches = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(PLAN, matches::add);
        List<String> bad = new ArrayList<>();
        JsonEventReader.forPlan(PLAN)
                .readLines(
                        new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                        (n, e) -> engine.accept(e),
                        (n, m) -> bad.add(m));
        engine.finish();
        assertThat(bad).isEmpty();
        assertThat(matches).hasSize(1);
        // a field outside the plan, asked for afterwards (as --format text asks for event.id), is still there
        assertThat(matches.get(0).events().get(0).field("event.id")).isEqualTo("e1");

        // the same value in the field the rule reads is over the limit: the line is reported and skipped
        String read = "{\"@timestamp\":1,\"host\":{\"name\":\"" + big + "\"}}";
        assertThatThrownBy(() -> JsonEventReader.forPlan(PLAN).read(read))
                .hasMessageStartingWith("the value of host.name has 30000000 characters, more than the limit of "
                        + "20000000 at column ");
        JsonEventReader roomy =
                JsonEventReader.forPlan(PLAN).withLimits(new JsonEventReader.Limits(64 << 20, 1000, 40_000_000));
        assertThat(roomy.read(read).field("host.name")).isEqualTo(big);
    }

    @Test
    void aLineOverTheLengthLimitIsReportedAndSkippedWithoutBeingHeld() throws IOException {
        JsonEventReader reader = JsonEventReader.forPlan(PLAN).withLimits(new JsonEventReader.Limits(100, 10, 1000));
        String ok = "{\"host\":{\"name\":\"h\"}}";
        String longLine = "{\"host\":{\"name\":\"" + "y".repeat(200) + "\"}}";
        String exact = "{\"host\":{\"name\":\"" + "z".repeat(100 - 20) + "\"}}"; // exactly 100 bytes
        assertThat(exact).hasSize(100);
        String input = ok + "\n" + longLine + "\r\n" + exact + "\r\n" + ok + "\n" + longLine;
        List<String> bad = new ArrayList<>();
        List<Long> good = new ArrayList<>();
        reader.readLines(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                (n, e) -> good.add(n),
                (n, m) -> bad.add(n + ": " + m));
        assertThat(good).containsExactly(1L, 3L, 4L);
        assertThat(bad)
                .containsExactly(
                        "2: the line is longer than the limit of 100 bytes; skipped without being read",
                        "5: the line is longer than the limit of 100 bytes; skipped without being read");
    }

    @Test
    void anEndlessLineOfZerosIsSkippedInBoundedMemory() throws IOException {
        // 3 GB of zero bytes without a line end (as /dev/zero): more than any heap these tests get
        long size = 3L << 30;
        InputStream zeros = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
        List<String> bad = new ArrayList<>();
        List<Long> good = new ArrayList<>();
        InputStream in = new SequenceInputStream(
                zeros, new ByteArrayInputStream("\n{\"host\":{\"name\":\"h\"}}\n".getBytes(StandardCharsets.UTF_8)));
        JsonEventReader.forPlan(PLAN).readLines(in, (n, e) -> good.add(n), (n, m) -> bad.add(n + ": " + m));
        assertThat(bad)
                .containsExactly("1: the line is longer than the limit of 67108864 bytes (3072 MiB); "
                        + "skipped without being read");
        assertThat(good).containsExactly(2L);
    }

    @Test
    void aByteOrderMarkOnlyStartsTheInput() throws IOException {
        String bom = "\uFEFF";
        String input = bom + "{\"host\":{\"name\":\"a\"}}\n" + bom + "{\"host\":{\"name\":\"b\"}}\n"
                + "{\"host\":{\"name\":\"c\"}}\n";
        List<String> bad = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        JsonEventReader.forPlan(PLAN)
                .readLines(
                        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                        (n, e) -> names.add(e.field("host.name")),
                        (n, m) -> bad.add(n + ": " + m));
        assertThat(names).containsExactly("a", "c");
        assertThat(bad)
                .containsExactly("2: a byte-order mark starts this line: one may only start the input (were "
                        + "two files joined?)");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new JsonEventReader.Limits(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThat(JsonEventReader.full().limits()).isEqualTo(JsonEventReader.Limits.defaults());
        assertThat(JsonEventReader.Limits.defaults().maxLineLength()).isEqualTo(64 << 20);
    }
}
