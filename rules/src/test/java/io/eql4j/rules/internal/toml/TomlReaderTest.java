package io.eql4j.rules.internal.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every TOML 1.0 feature, decoded to the values TOML defines, with their positions. */
class TomlReaderTest {

    private static TomlTable parse(String text) {
        return Toml.parse(text, "t.toml");
    }

    private static Object value(String toml) {
        return parse(toml).get("v").toJava();
    }

    @Test
    void integers() {
        TomlTable t = parse("a = 42\nb = +17\nc = -0\nd = 1_000_000\ne = 0xDEAD_beef\nf = 0o755\ng = 0b1101_0110\n"
                + "h = 9223372036854775807\ni = -9223372036854775808\nj = 0x7FFFFFFFFFFFFFFF\n");
        assertThat(t.toJava())
                .containsExactly(
                        entry("a", 42L),
                        entry("b", 17L),
                        entry("c", 0L),
                        entry("d", 1_000_000L),
                        entry("e", 0xDEADBEEFL),
                        entry("f", 493L),
                        entry("g", 0b11010110L),
                        entry("h", Long.MAX_VALUE),
                        entry("i", Long.MIN_VALUE),
                        entry("j", Long.MAX_VALUE));
        assertThat(t.get("a")).isInstanceOf(TomlInteger.class);
    }

    @Test
    void floats() {
        TomlTable t = parse("a = 1.0\nb = -3.1415\nc = 5e+22\nd = 1e06\ne = -2E-2\nf = 6.626e-34\n"
                + "g = 224_617.445_991_228\nh = inf\ni = +inf\nj = -inf\nk = nan\nl = -nan\nm = -0.0\nn = 0e0\n");
        Map<String, Object> m = t.toJava();
        assertThat(m.get("a")).isEqualTo(1.0);
        assertThat(m.get("b")).isEqualTo(-3.1415);
        assertThat(m.get("c")).isEqualTo(5e22);
        assertThat(m.get("d")).isEqualTo(1e6);
        assertThat(m.get("e")).isEqualTo(-0.02);
        assertThat(m.get("f")).isEqualTo(6.626e-34);
        assertThat(m.get("g")).isEqualTo(224617.445991228);
        assertThat(m.get("h")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.get("i")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.get("j")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) m.get("k")).isNaN();
        assertThat((Double) m.get("l")).isNaN();
        assertThat(Double.doubleToRawLongBits((Double) m.get("m"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(m.get("n")).isEqualTo(0.0);
        assertThat(t.get("a")).isInstanceOf(TomlFloat.class);
    }

    @Test
    void booleans() {
        assertThat(parse("t = true\nf = false").toJava()).containsExactly(entry("t", true), entry("f", false));
    }

    @Test
    void dateTimes() {
        TomlTable t = parse("a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\n"
                + "c = 1979-05-27T00:32:00.999999+05:30\nd = 1979-05-27 07:32:00z\ne = 1979-05-27t07:32:00\n"
                + "f = 1979-05-27T00:32:00.123456789123\ng = 1979-05-27\nh = 07:32:00\ni = 00:32:00.5\n"
                + "j = 2000-02-29 # leap day\n");
        Map<String, Object> m = t.toJava();
        assertThat(m.get("a")).isEqualTo(OffsetDateTime.of(1979, 5, 27, 7, 32, 0, 0, ZoneOffset.UTC));
        assertThat(m.get("b")).isEqualTo(OffsetDateTime.of(1979, 5, 27, 0, 32, 0, 0, ZoneOffset.ofHours(-7)));
        assertThat(m.get("c"))
                .isEqualTo(OffsetDateTime.of(1979, 5, 27, 0, 32, 0, 999_999_000, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(m.get("d")).isEqualTo(OffsetDateTime.of(1979, 5, 27, 7, 32, 0, 0, ZoneOffset.UTC));
        assertThat(m.get("e")).isEqualTo(LocalDateTime.of(1979, 5, 27, 7, 32, 0));
        // precision beyond nanoseconds is truncated, not rounded
        assertThat(m.get("f")).isEqualTo(LocalDateTime.of(1979, 5, 27, 0, 32, 0, 123_456_789));
        assertThat(m.get("g")).isEqualTo(LocalDate.of(1979, 5, 27));
        assertThat(m.get("h")).isEqualTo(LocalTime.of(7, 32));
        assertThat(m.get("i")).isEqualTo(LocalTime.of(0, 32, 0, 500_000_000));
        assertThat(m.get("j")).isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @Test
    void basicStringsDecodeEveryEscape() {
        assertThat(value("v = \"tab\\tq\\\"bs\\\\b\\bf\\fn\\nr\\r \\u00e9 \\U0001F600 \\u0000\""))
                .isEqualTo("tab\tq\"bs\\b\bf\fn\nr\r \u00e9 \uD83D\uDE00 \u0000");
        assertThat(value("v = \"\"")).isEqualTo("");
        assertThat(value("v = \"a raw\ttab and 'single' quotes and # no comment\""))
                .isEqualTo("a raw\ttab and 'single' quotes and # no comment");
    }

    @Test
    void literalStringsHaveNoEscapes() {
        assertThat(value("v = 'C:\\Users\\nodejs\\templates'")).isEqualTo("C:\\Users\\nodejs\\templates");
        assertThat(value("v = '<\\i\\c*\\s*>'")).isEqualTo("<\\i\\c*\\s*>");
        assertThat(value("v = 'Tom \"Dubs\" Preston-Werner'")).isEqualTo("Tom \"Dubs\" Preston-Werner");
        assertThat(value("v = ''")).isEqualTo("");
    }

    @Test
    void multiLineBasicStrings() {
        assertThat(value("v = \"\"\"\nRoses are red\nViolets are blue\"\"\""))
                .isEqualTo("Roses are red\nViolets are blue");
        assertThat(value("v = \"\"\"\r\nfirst CRLF trimmed\r\nkept\"\"\"")).isEqualTo("first CRLF trimmed\r\nkept");
        // a line-ending backslash eats itself, the newline and all whitespace up to the next non-blank
        assertThat(value("v = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\   \n    the lazy dog.\"\"\""))
                .isEqualTo("The quick brown fox jumps over the lazy dog.");
        assertThat(value("v = \"\"\"\\\n       The quick brown \\\n       fox.\\\n       \"\"\""))
                .isEqualTo("The quick brown fox.");
        assertThat(value("v = \"\"\"two \"\" quotes, escaped three \"\"\\\", \\u0041\"\"\""))
                .isEqualTo("two \"\" quotes, escaped three \"\"\", A");
        // up to two quotes right before the closing delimiter belong to the content
        assertThat(value("v = \"\"\"\"This,\" she said.\"\"\"\"\"")).isEqualTo("\"This,\" she said.\"\"");
        assertThat(value("v = \"\"\"\"\"\"")).isEqualTo("");
        assertThat(value("v = \"\"\"a\nb\"\"\"")).isEqualTo("a\nb");
    }

    @Test
    void multiLineLiteralStrings() {
        assertThat(value("v = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n"
                        + "   is preserved.\n'''"))
                .isEqualTo(
                        "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n");
        assertThat(value("v = '''I [dw]on't need \\d{2} apples'''")).isEqualTo("I [dw]on't need \\d{2} apples");
        assertThat(value("v = ''''That,' she said, 'is still pointless.''''' "))
                .isEqualTo("'That,' she said, 'is still pointless.''");
        assertThat(value("v = '''\\\n no line-ending backslash here'''"))
                .isEqualTo("\\\n no line-ending backslash here");
    }

    @Test
    void arraysOfAnyShape() {
        TomlTable t = parse("a = [ 1, 2, 3 ]\nb = [ \"red\", 'yellow', \"\"\"green\"\"\", '''blue''' ]\n"
                + "c = [ [ 1, 2 ], [\"a\", [ 'deep' ]] ]\nd = [ 0.1, 1, \"mixed\", true, 1979-05-27, { x = 1 } ]\n"
                + "e = [\n  1,\n  2, # comment after a comma\n  # a comment line\n]\nf = []\ng = [ # c\n]\n"
                + "h = [\n  1\n  , 2\n]\n");
        Map<String, Object> m = t.toJava();
        assertThat(m.get("a")).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(m.get("b")).isEqualTo(List.of("red", "yellow", "green", "blue"));
        assertThat(m.get("c")).isEqualTo(List.of(List.of(1L, 2L), List.of("a", List.of("deep"))));
        assertThat(m.get("d")).isEqualTo(List.of(0.1, 1L, "mixed", true, LocalDate.of(1979, 5, 27), Map.of("x", 1L)));
        assertThat(m.get("e")).isEqualTo(List.of(1L, 2L));
        assertThat(m.get("f")).isEqualTo(List.of());
        assertThat(m.get("g")).isEqualTo(List.of());
        assertThat(m.get("h")).isEqualTo(List.of(1L, 2L));
        TomlArray a = t.require("a", TomlArray.class);
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.elements(TomlInteger.class, "a"))
                .extracting(TomlInteger::value)
                .containsExactly(1L, 2L, 3L);
        assertThatThrownBy(() -> t.require("d", TomlArray.class).elements(TomlFloat.class, "d"))
                .isInstanceOf(TomlException.class)
                .hasMessage("t.toml:4:12: expected d[1] to be a float, found an integer");
    }

    @Test
    void inlineTables() {
        TomlTable t = parse("name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = {x=1,y=2}\n"
                + "animal = { type.name = \"pug\", type.age = 3 }\nempty = {}\n"
                + "nested = { a = { b = { c = 1 } }, d = [1, {e = 2}] }\n");
        assertThat(t.toJava())
                .containsExactly(
                        entry("name", Map.of("first", "Tom", "last", "Preston-Werner")),
                        entry("point", Map.of("x", 1L, "y", 2L)),
                        entry("animal", Map.of("type", Map.of("name", "pug", "age", 3L))),
                        entry("empty", Map.of()),
                        entry("nested", Map.of("a", Map.of("b", Map.of("c", 1L)), "d", List.of(1L, Map.of("e", 2L)))));
        assertThat(t.require("animal", TomlTable.class)
                        .require("type", TomlTable.class)
                        .path())
                .isEqualTo("animal.type");
    }

    @Test
    void keysBareQuotedAndDotted() {
        TomlTable t = parse("bare_key = 1\nbare-key = 2\n1234 = 3\n\"127.0.0.1\" = 4\n\"character encoding\" = 5\n"
                + "\"ʎǝʞ\" = 6\n'key2' = 7\n'quoted \"value\"' = 8\n\"\" = 9\n"
                + "physical.color = \"orange\"\nphysical . shape = \"round\"\nsite.\"google.com\" = true\n"
                + "3.14159 = \"pi\"\n");
        assertThat(t.keys())
                .containsExactly(
                        "bare_key",
                        "bare-key",
                        "1234",
                        "127.0.0.1",
                        "character encoding",
                        "ʎǝʞ",
                        "key2",
                        "quoted \"value\"",
                        "",
                        "physical",
                        "site",
                        "3");
        assertThat(t.toJava().get("physical")).isEqualTo(Map.of("color", "orange", "shape", "round"));
        assertThat(t.toJava().get("site")).isEqualTo(Map.of("google.com", true));
        assertThat(t.toJava().get("3")).isEqualTo(Map.of("14159", "pi"));
        assertThat(t.require("site", TomlTable.class).qualify("google.com")).isEqualTo("site.\"google.com\"");
    }

    @Test
    void tablesHeadersAndImplicitParents() {
        TomlTable t = parse("top = 0\n[table-1]\nkey1 = \"some string\"\n[ dog . \"tater.man\" ]\ntype.name = \"pug\"\n"
                + "[x.y.z.w] # x, y and z are created implicitly\n[x]  # and x may still be defined, once\nk = 1\n"
                + "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n"
                + "[a.b.c]\n[a]\nb.d = 1 # dotted keys may extend an implicitly created table\n");
        assertThat(t.toJava())
                .containsExactly(
                        entry("top", 0L),
                        entry("table-1", Map.of("key1", "some string")),
                        entry("dog", Map.of("tater.man", Map.of("type", Map.of("name", "pug")))),
                        entry("x", Map.of("y", Map.of("z", Map.of("w", Map.of())), "k", 1L)),
                        entry(
                                "fruit",
                                Map.of(
                                        "apple",
                                        Map.of(
                                                "color",
                                                "red",
                                                "taste",
                                                Map.of("sweet", true),
                                                "texture",
                                                Map.of("smooth", true)))),
                        entry("a", Map.of("b", Map.of("c", Map.of(), "d", 1L))));
        TomlTable dog = t.require("dog", TomlTable.class).require("tater.man", TomlTable.class);
        assertThat(dog.path()).isEqualTo("dog.\"tater.man\"");
        assertThat(dog.position()).isEqualTo(new TomlPosition("t.toml", 4, 1));
        // an implicitly created table is positioned at its own header once it gets one
        assertThat(t.require("x", TomlTable.class).position()).isEqualTo(new TomlPosition("t.toml", 7, 1));
    }

    @Test
    void arraysOfTables() {
        TomlTable t = parse("[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n"
                + "[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits.varieties]]\nname = \"granny smith\"\n"
                + "[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"\n[[empty]]\n[[empty]]\n");
        assertThat(t.toJava())
                .containsExactly(
                        entry(
                                "fruits",
                                List.of(
                                        Map.of(
                                                "name",
                                                "apple",
                                                "physical",
                                                Map.of("color", "red"),
                                                "varieties",
                                                List.of(
                                                        Map.of("name", "red delicious"),
                                                        Map.of("name", "granny smith"))),
                                        Map.of("name", "banana", "varieties", List.of(Map.of("name", "plantain"))))),
                        entry("empty", List.of(Map.of(), Map.of())));
        TomlArray fruits = t.require("fruits", TomlArray.class);
        assertThat(fruits.position()).isEqualTo(new TomlPosition("t.toml", 1, 1));
        assertThat(fruits.elements(TomlTable.class, "fruits"))
                .extracting(TomlTable::position)
                .containsExactly(new TomlPosition("t.toml", 1, 1), new TomlPosition("t.toml", 9, 1));
    }

    @Test
    void commentsWhitespaceAndLineEndings() {
        TomlTable t = parse(
                "\uFEFF# a comment with ümlauts and \t a tab\r\n\t a = 1\t# trailing\r\n\r\n  [ t ]  # c\r\nb = 2");
        assertThat(t.toJava()).containsExactly(entry("a", 1L), entry("t", Map.of("b", 2L)));
        assertThat(t.get("a").position()).isEqualTo(new TomlPosition("t.toml", 2, 7));
        assertThat(parse("").keys()).isEmpty();
        assertThat(parse("# only a comment").keys()).isEmpty();
    }

    @Test
    void valuesKnowWhereTheyAre() {
        TomlTable t = parse("[rule]\nname   = \"x\"\nscore = 47\nlist = [\n  'a',\n    \"b\"\n]\n"
                + "inline = { k = 1979-05-27 }\n");
        TomlTable rule = t.require("rule", TomlTable.class);
        assertThat(t.position()).isEqualTo(new TomlPosition("t.toml", 1, 1));
        assertThat(rule.position()).isEqualTo(new TomlPosition("t.toml", 1, 1));
        assertThat(rule.get("name").position()).isEqualTo(new TomlPosition("t.toml", 2, 10));
        assertThat(rule.get("score").position()).isEqualTo(new TomlPosition("t.toml", 3, 9));
        TomlArray list = rule.require("list", TomlArray.class);
        assertThat(list.position()).isEqualTo(new TomlPosition("t.toml", 4, 8));
        assertThat(list.values())
                .extracting(TomlValue::position)
                .containsExactly(new TomlPosition("t.toml", 5, 3), new TomlPosition("t.toml", 6, 5));
        TomlTable inline = rule.require("inline", TomlTable.class);
        assertThat(inline.position()).isEqualTo(new TomlPosition("t.toml", 8, 10));
        assertThat(inline.get("k").position()).isEqualTo(new TomlPosition("t.toml", 8, 16));
    }

    @Test
    void typedAccessNamesTheKeyAndThePlace() {
        TomlTable t = parse("[rule]\nrisk_score = \"47\"\n");
        TomlTable rule = t.require("rule", TomlTable.class);
        assertThat(rule.get("absent", TomlString.class)).isEmpty();
        assertThat(rule.get("risk_score", TomlString.class))
                .map(TomlString::value)
                .contains("47");
        assertThatThrownBy(() -> rule.get("risk_score", TomlInteger.class))
                .isInstanceOf(TomlException.class)
                .hasMessage("t.toml:2:14: expected rule.risk_score to be an integer, found a string")
                .satisfies(e -> {
                    TomlException te = (TomlException) e;
                    assertThat(te.line()).isEqualTo(2);
                    assertThat(te.column()).isEqualTo(14);
                    assertThat(te.source()).isEqualTo("t.toml");
                    assertThat(te.problem()).isEqualTo("expected rule.risk_score to be an integer, found a string");
                });
        assertThatThrownBy(() -> rule.require("query", TomlString.class))
                .isInstanceOf(TomlException.class)
                .hasMessage("t.toml:1:1: missing key rule.query");
    }

    @Test
    void theTreeIsImmutable() {
        TomlTable t = parse("a = [1]\n[b]\nc = 1");
        assertThatThrownBy(() -> t.entries().put("x", t)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.require("a", TomlArray.class).values().add(t))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.toJava().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void lenientNullOnlyWhenAsked() {
        String text = "join_keys = [null, \"x\"]\nv = null\n";
        TomlTable t = Toml.parse(text, "t.toml", Toml.Option.ALLOW_NULL);
        assertThat(t.get("v")).isInstanceOf(TomlNull.class);
        assertThat(t.get("v").toJava()).isNull();
        assertThat(t.toJava().get("join_keys")).isEqualTo(Arrays.asList(null, "x"));
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(TomlException.class)
                .hasMessage("t.toml:1:14: expected a value (string, number, boolean, date-time, array or inline table),"
                        + " found 'null'");
    }

    @Test
    void bytesMustBeUtf8() {
        byte[] good = "a = \"é\"\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Toml.parse(good, "t.toml").toJava()).containsExactly(entry("a", "é"));
        byte[] bom = "\uFEFFa = 1".getBytes(StandardCharsets.UTF_8);
        assertThat(Toml.decodeUtf8(bom, "t.toml")).isEqualTo("a = 1");
        byte[] bad = {'a', ' ', '=', ' ', '1', '\n', 'b', ' ', '=', ' ', '"', (byte) 0xC3, '(', '"'};
        assertThatThrownBy(() -> Toml.parse(bad, "t.toml"))
                .isInstanceOf(TomlException.class)
                .hasMessage("t.toml:2:6: invalid UTF-8: malformed byte 0xC3 at byte offset 11");
    }
}
