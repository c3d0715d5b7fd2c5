package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.ResultPosition;
import io.eql4j.compile.TimestampPrecision;
import io.eql4j.mapping.FieldType;
import io.eql4j.rules.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Event queries (spec §3.1, §4): the category test, every operator, null and multi-valued semantics, numbers,
 * dates, and field paths. Each test feeds a few events and checks exactly which match, in order.
 */
class EventQueryTest {

    // ---- category ----

    @Test
    void categoryIsExactAndCaseSensitive() {
        Timeline.query("process where true")
                .at("00:00:01", "id=1 category=process")
                .at("00:00:02", "id=2 category=Process")
                .at("00:00:03", "id=3 category=processes")
                .at("00:00:04", "id=4")
                .at("00:00:05", "id=5 category=[file,process]")
                .at("00:00:06", "id=6 category=[file,network]")
                .expect("1", "5");
    }

    @Test
    void anyMatchesEventsWithAndWithoutCategory() {
        Timeline.query("any where id > 1")
                .at("00:00:01", "id=1 category=process")
                .at("00:00:02", "id=2 category=file")
                .at("00:00:03", "id=3")
                .at("00:00:04", "id=4 category=[]")
                .expect("2", "3", "4");
    }

    @Test
    void quotedCategory() {
        Timeline.query("\"my-cat\" where true")
                .at("00:00:01", "id=1 category=my-cat")
                .at("00:00:02", "id=2 category=my")
                .expect("1");
    }

    @Test
    void categoryFieldOption() {
        Timeline.query("process where true")
                .options(o -> o.categoryField("event.type"))
                .at("00:00:01", "id=1 category=process")
                .at("00:00:02", "id=2 event.type=process")
                .at("00:00:03", "id=3 event.type=[start,process]")
                .expect("2", "3");
    }

    @Test
    void eventCategoryOverrideOfARule() {
        Rule rule = Rule.fromToml("""
                [rule]
                rule_id = "override"
                name = "override"
                type = "eql"
                language = "eql"
                event_category_override = "event.type"
                query = 'process where name == "a"'
                """, "override.toml");
        Timeline.rules(List.of(rule))
                .at("00:00:01", "id=1 category=process name=a")
                .at("00:00:02", "id=2 event.type=process name=a")
                .at("00:00:03", "id=3 event.type=process name=b")
                .expect("2");
    }

    // ---- operators on strings ----

    @Test
    void equalityIsCaseSensitiveWithoutWildcards() {
        Timeline.query("any where name == \"cmd.exe\"")
                .at("00:00:01", "id=1 name=cmd.exe")
                .at("00:00:02", "id=2 name=CMD.EXE")
                .at("00:00:03", "id=3 name=cmd.exe.bak")
                .expect("1");
        Timeline.query("any where name == \"cmd*\"")
                .at("00:00:01", "id=1 name=cmd.exe")
                .at("00:00:02", "id=2 name=cmd*")
                .expect("2");
    }

    @Test
    void notEqualNeedsAValue() {
        Timeline.query("any where name != \"a\"")
                .at("00:00:01", "id=1 name=a")
                .at("00:00:02", "id=2 name=b")
                .at("00:00:03", "id=3")
                .at("00:00:04", "id=4 name=A")
                .expect("2", "4");
    }

    @Test
    void orderingOfStringsIsCaseSensitiveLexicographic() {
        Timeline.query("any where name > \"S\"")
                .at("00:00:01", "id=1 name=s")
                .at("00:00:02", "id=2 name=S")
                .at("00:00:03", "id=3 name=Sa")
                .at("00:00:04", "id=4 name=R")
                .at("00:00:05", "id=5 name=a")
                .expect("1", "3", "5");
        Timeline.query("any where name <= \"b\"")
                .at("00:00:01", "id=1 name=a")
                .at("00:00:02", "id=2 name=b")
                .at("00:00:03", "id=3 name=ba")
                .at("00:00:04", "id=4 name=B")
                .expect("1", "2", "4");
    }

    @Test
    void colonIsCaseInsensitiveWithWildcardsWhenPresent() {
        Timeline.query("any where name : \"doc*\"")
                .at("00:00:01", "id=1 name=doc")
                .at("00:00:02", "id=2 name=docs")
                .at("00:00:03", "id=3 name=DOCUMENT")
                .at("00:00:04", "id=4 name=DOS")
                .at("00:00:05", "id=5 name=adoc")
                .expect("1", "2", "3");
        Timeline.query("any where name : \"cmd.exe\"")
                .at("00:00:01", "id=1 name=CMD.EXE")
                .at("00:00:02", "id=2 name=cmd.exe.bak")
                .expect("1");
        Timeline.query("any where name : \"c?d\"")
                .at("00:00:01", "id=1 name=cmd")
                .at("00:00:02", "id=2 name=cd")
                .at("00:00:03", "id=3 name=cmmd")
                .at("00:00:04", "id=4 name=CXD")
                .expect("1", "4");
    }

    @Test
    void colonWithAList() {
        Timeline.query("any where name : (\"a\", \"b*\")")
                .at("00:00:01", "id=1 name=A")
                .at("00:00:02", "id=2 name=Bee")
                .at("00:00:03", "id=3 name=ab")
                .expect("1", "2");
    }

    @Test
    void likeIsCaseSensitiveAndLikeTildeIsNot() {
        Timeline.query("any where name like \"ab*\"")
                .at("00:00:01", "id=1 name=abc")
                .at("00:00:02", "id=2 name=ABC")
                .at("00:00:03", "id=3 name=xab")
                .expect("1");
        Timeline.query("any where name like~ \"ab*\"")
                .at("00:00:01", "id=1 name=abc")
                .at("00:00:02", "id=2 name=ABC")
                .at("00:00:03", "id=3 name=xab")
                .expect("1", "2");
        Timeline.query("any where name like (\"a?\", \"*z\")")
                .at("00:00:01", "id=1 name=ab")
                .at("00:00:02", "id=2 name=abc")
                .at("00:00:03", "id=3 name=xyz")
                .at("00:00:04", "id=4 name=Z")
                .expect("1", "3");
    }

    @Test
    void regexIsAFullMatchAndRegexTildeIgnoresCase() {
        Timeline.query("any where name regex \"a[0-9]+\"")
                .at("00:00:01", "id=1 name=a12")
                .at("00:00:02", "id=2 name=xa12")
                .at("00:00:03", "id=3 name=a12x")
                .at("00:00:04", "id=4 name=A12")
                .expect("1");
        Timeline.query("any where name regex~ \"ab.*\"")
                .at("00:00:01", "id=1 name=ABc")
                .at("00:00:02", "id=2 name=xab")
                .expect("1");
        Timeline.query("any where name regex (\"x\", \"y+\")")
                .at("00:00:01", "id=1 name=x")
                .at("00:00:02", "id=2 name=yyy")
                .at("00:00:03", "id=3 name=xy")
                .expect("1", "2");
    }

    @Test
    void inIsExactAndInTildeIgnoresCaseWithoutWildcards() {
        Timeline.query("any where name in (\"a\", \"b*\")")
                .at("00:00:01", "id=1 name=a")
                .at("00:00:02", "id=2 name=A")
                .at("00:00:03", "id=3 name=bc")
                .at("00:00:04", "id=4 name=b*")
                .expect("1", "4");
        Timeline.query("any where name in~ (\"a\", \"1*\")")
                .at("00:00:01", "id=1 name=A")
                .at("00:00:02", "id=2 name=12")
                .at("00:00:03", "id=3 name=1*")
                .expect("1", "3");
    }

    @Test
    void notInNeedsAValue() {
        Timeline.query("any where name not in (\"a\", \"b\")")
                .at("00:00:01", "id=1 name=a")
                .at("00:00:02", "id=2 name=c")
                .at("00:00:03", "id=3")
                .at("00:00:04", "id=4 name=B")
                .expect("2", "4");
        Timeline.query("any where name not in~ (\"a\", \"b\")")
                .at("00:00:01", "id=1 name=A")
                .at("00:00:02", "id=2 name=c")
                .expect("2");
    }

    @Test
    void inWithNumbers() {
        Timeline.query("any where opcode in (0, 1, 2)")
                .at("00:00:01", "id=1 opcode=1")
                .at("00:00:02", "id=2 opcode=3")
                .at("00:00:03", "id=3 opcode=\"2\"")
                .at("00:00:04", "id=4 opcode=2.0")
                .expect("1", "3", "4");
        // string constants against numeric values are converted to numbers, as == converts them
        Timeline.query("any where opcode in (\"1\", \"02\")")
                .at("00:00:01", "id=1 opcode=1")
                .at("00:00:02", "id=2 opcode=2.0")
                .at("00:00:03", "id=3 opcode=\"02\"")
                .at("00:00:04", "id=4 opcode=\"2\"")
                .at("00:00:05", "id=5 opcode=3")
                .expect("1", "2", "3");
        Timeline.query("any where opcode == \"02\" or opcode == \"1\"")
                .at("00:00:01", "id=1 opcode=1")
                .at("00:00:02", "id=2 opcode=2.0")
                .at("00:00:03", "id=3 opcode=\"02\"")
                .at("00:00:04", "id=4 opcode=\"2\"")
                .at("00:00:05", "id=5 opcode=3")
                .expect("1", "2", "3");
    }

    @Test
    void backslashesAreLiteralAndNeverEscapeWildcards() {
        // the EQL string "C:\\Windows\\*" is the pattern C:\Windows\* ; its backslashes are plain characters
        Timeline.query("any where path : \"C:\\\\Windows\\\\*\"")
                .event(Map.of("id", 1, "@timestamp", Timeline.iso("00:00:01"), "path", "C:\\Windows\\System32"))
                .event(Map.of("id", 2, "@timestamp", Timeline.iso("00:00:02"), "path", "c:\\windows\\x"))
                .event(Map.of("id", 3, "@timestamp", Timeline.iso("00:00:03"), "path", "C:/Windows/x"))
                .event(Map.of("id", 4, "@timestamp", Timeline.iso("00:00:04"), "path", "C:\\Windows"))
                .expect("1", "2");
        // a\* is "a", a backslash, then anything: the backslash does not make * literal
        Timeline.query("any where name like \"a\\\\*\"")
                .event(Map.of("id", 1, "@timestamp", Timeline.iso("00:00:01"), "name", "a*"))
                .event(Map.of("id", 2, "@timestamp", Timeline.iso("00:00:02"), "name", "a\\xyz"))
                .event(Map.of("id", 3, "@timestamp", Timeline.iso("00:00:03"), "name", "a\\"))
                .expect("2", "3");
        Timeline.query("any where name == \"a\\\\b\"")
                .event(Map.of("id", 1, "@timestamp", Timeline.iso("00:00:01"), "name", "a\\b"))
                .event(Map.of("id", 2, "@timestamp", Timeline.iso("00:00:02"), "name", "a\\\\b"))
                .expect("1");
    }

    // ---- null, missing and optional fields ----

    @Test
    void comparisonsWithAMissingFieldNeverMatch() {
        Timeline.query("any where exit_code >= 0")
                .at("00:00:01", "id=1 exit_code=0")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3 exit_code=null")
                .at("00:00:04", "id=4 exit_code=-1")
                .expect("1");
    }

    @Test
    void notOfUnknownIsUnknown() {
        Timeline.query("any where not (exit_code > -1)")
                .at("00:00:01", "id=1 exit_code=0")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3 exit_code=-5")
                .expect("3");
        Timeline.query("any where not (name == \"a\")")
                .at("00:00:01", "id=1 name=a")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3 name=b")
                .expect("3");
    }

    @Test
    void threeValuedAndOr() {
        // null and false = false, so its negation is true; null and true = null, so its negation is null
        Timeline.query("any where not (name == \"a\" and n == 99)")
                .at("00:00:01", "id=1 n=1")
                .at("00:00:02", "id=2 n=99")
                .at("00:00:03", "id=3 name=a n=99")
                .expect("1");
        // null or true = true, null or false = null
        Timeline.query("any where name == \"a\" or n == 1")
                .at("00:00:01", "id=1 n=1")
                .at("00:00:02", "id=2 n=2")
                .expect("1");
        Timeline.query("any where not (name == \"a\" or n == 1)")
                .at("00:00:01", "id=1 n=1")
                .at("00:00:02", "id=2 n=2")
                .at("00:00:03", "id=3 name=b n=2")
                .expect("3");
    }

    @Test
    void equalsNullIsIsNull() {
        Timeline.query("any where exit_code == null")
                .at("00:00:01", "id=1 exit_code=0")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3 exit_code=null")
                .at("00:00:04", "id=4 exit_code=[]")
                .at("00:00:05", "id=5 exit_code=[null]")
                .at("00:00:06", "id=6 exit_code=[null,1]")
                .expect("2", "3", "4", "5");
        Timeline.query("any where exit_code != null")
                .at("00:00:01", "id=1 exit_code=0")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3 exit_code=[null,1]")
                .expect("1", "3");
        Timeline.query("any where null == (exit_code > -1)")
                .at("00:00:01", "id=1 exit_code=0")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3 exit_code=-5")
                .expect("2");
    }

    @Test
    void bareFieldIsFieldEqualsTrue() {
        Timeline.query("any where flag")
                .at("00:00:01", "id=1 flag=true")
                .at("00:00:02", "id=2 flag=false")
                .at("00:00:03", "id=3")
                .at("00:00:04", "id=4 flag=[false,true]")
                .expect("1", "4");
    }

    @Test
    void optionalFieldsWithoutMappingsAreOrdinaryFields() {
        Timeline.query("any where ?name == \"a\" or ?other == null")
                .at("00:00:01", "id=1 name=a other=x")
                .at("00:00:02", "id=2 name=b other=x")
                .at("00:00:03", "id=3 name=b")
                .expect("1", "3");
    }

    @Test
    void optionalFieldsThatNoMappingHasAreNull() {
        EngineOptionsHelper.strict(Timeline.query("any where ?x == ?y and ?z == null and name == \"a\""))
                .at("00:00:01", "id=1 name=a x=1 y=2")
                .at("00:00:02", "id=2 name=b")
                .expect("1");
        // a bare unmapped optional field is null: no match, and neither does its negation
        EngineOptionsHelper.strict(Timeline.query("any where ?x"))
                .at("00:00:01", "id=1 name=a x=true")
                .expectNone();
    }

    /** Strict field lists: {@code name} and {@code id} are mapped, nothing else. */
    private static final class EngineOptionsHelper {
        static Timeline strict(Timeline t) {
            return t.options(o ->
                    o.strictFields(true).fieldType("name", FieldType.KEYWORD).fieldType("id", FieldType.LONG));
        }
    }

    // ---- multi-valued fields ----

    @Test
    void anyValueOfAMultiValuedFieldMatches() {
        Timeline.query("any where tags == \"a\"")
                .at("00:00:01", "id=1 tags=[b,a]")
                .at("00:00:02", "id=2 tags=[b,c]")
                .expect("1");
        Timeline.query("any where ports == 80")
                .at("00:00:01", "id=1 ports=[443,80]")
                .at("00:00:02", "id=2 ports=[443,8080]")
                .expect("1");
        Timeline.query("any where tags : \"B*\" and tags in (\"x\", \"c\")")
                .at("00:00:01", "id=1 tags=[bee,c]")
                .at("00:00:02", "id=2 tags=[bee,d]")
                .at("00:00:03", "id=3 tags=[x]")
                .expect("1");
        Timeline.query("any where ports > 1000")
                .at("00:00:01", "id=1 ports=[80,8080]")
                .at("00:00:02", "id=2 ports=[80,443]")
                .expect("1");
    }

    @Test
    void notEqualOnAMultiValuedFieldIsNotAnyEqual() {
        // Elasticsearch runs != as "not (term query)": [a,b] holds a, so it is not != a
        Timeline.query("any where tags != \"a\"")
                .at("00:00:01", "id=1 tags=[a,b]")
                .at("00:00:02", "id=2 tags=[b,c]")
                .at("00:00:03", "id=3 tags=[a]")
                .expect("2");
        Timeline.query("any where tags not in (\"a\", \"x\")")
                .at("00:00:01", "id=1 tags=[a,b]")
                .at("00:00:02", "id=2 tags=[b,c]")
                .expect("2");
    }

    @Test
    void aScriptReadsTheSmallestValueOfAMultiValuedField() {
        Timeline.query("any where string(tags) == \"a\"")
                .at("00:00:01", "id=1 tags=[b,a,c]")
                .at("00:00:02", "id=2 tags=[b,c]")
                .expect("1");
        Timeline.query("any where ports + 0 == 80")
                .at("00:00:01", "id=1 ports=[443,80]")
                .at("00:00:02", "id=2 ports=[443,8080]")
                .expect("1");
    }

    // ---- numbers ----

    @Test
    void integerLongAndDoubleValuesCompareByValue() {
        for (String query : List.of(
                "any where n == 5",
                "any where n == 5.0",
                "any where n >= 5 and n < 5.5",
                "any where n in (5, 7)",
                "any where n in (5.0, 7)")) {
            Timeline.query(query)
                    .at("00:00:01", Map.of("id", 1, "n", 5))
                    .at("00:00:02", Map.of("id", 2, "n", 5L))
                    .at("00:00:03", Map.of("id", 3, "n", 5.0d))
                    .at("00:00:04", Map.of("id", 4, "n", 6))
                    .at("00:00:05", Map.of("id", 5, "n", (short) 5))
                    .at("00:00:06", Map.of("id", 6, "n", 5.0f))
                    .expect("1", "2", "3", "5", "6");
        }
    }

    @Test
    void integerDivisionTruncates() {
        Timeline.query("any where n / 2 == 41")
                .at("00:00:01", "id=1 n=82")
                .at("00:00:02", "id=2 n=83")
                .at("00:00:03", "id=3 n=84")
                .at("00:00:04", "id=4 n=82.5")
                .expect("1", "2");
        Timeline.query("any where n / 4.0 == 20.75")
                .at("00:00:01", "id=1 n=83")
                .at("00:00:02", "id=2 n=82")
                .expect("1");
    }

    @Test
    void stringValuesAgainstNumberLiteralsAreKeywords() {
        // a string value is a keyword: a numeric literal is compared as its string form
        Timeline.query("any where x == 5")
                .at("00:00:01", "id=1 x=\"5\"")
                .at("00:00:02", "id=2 x=\"05\"")
                .at("00:00:03", "id=3 x=5")
                .expect("1", "3");
        Timeline.query("any where x < 10")
                .at("00:00:01", "id=1 x=\"5\"")
                .at("00:00:02", "id=2 x=\"1\"")
                .at("00:00:03", "id=3 x=5")
                .expect("2", "3");
        // a numeric value is a number: a string literal is parsed
        Timeline.query("any where x == \"5\"")
                .at("00:00:01", "id=1 x=5")
                .at("00:00:02", "id=2 x=\"5\"")
                .at("00:00:03", "id=3 x=6")
                .expect("1", "2");
        Timeline.query("any where x == \"five\"").at("00:00:01", "id=1 x=5").expectNone();
    }

    // ---- timestamps ----

    @Test
    void timestampAgainstASecondCoversTheWholeSecond() {
        Timeline.query("any where @timestamp == \"2026-01-01T00:00:01Z\"")
                .at("00:00:00.999", "id=1")
                .at("00:00:01.000", "id=2")
                .at("00:00:01.999", "id=3")
                .at("00:00:02.000", "id=4")
                .expect("2", "3");
        Timeline.query("any where @timestamp < \"2026-01-01T00:00:01Z\"")
                .at("00:00:00.999", "id=1")
                .at("00:00:01.000", "id=2")
                .expect("1");
        Timeline.query("any where @timestamp > \"2026-01-01T00:00:01Z\"")
                .at("00:00:01.999", "id=1")
                .at("00:00:02.000", "id=2")
                .expect("2");
        Timeline.query("any where @timestamp >= \"2026-01-01T00:00:01.500Z\"")
                .at("00:00:01.499", "id=1")
                .at("00:00:01.500", "id=2")
                .expect("2");
    }

    @Test
    void timestampAgainstEpochMillis() {
        // 2026-01-01T00:00:01Z is 1767225601000 ms after the epoch
        Timeline.query("any where @timestamp == 1767225601000")
                .at("00:00:01.000", "id=1")
                .at("00:00:01.001", "id=2")
                .expect("1");
        Timeline.query("any where @timestamp > 1767225601000")
                .at("00:00:01.000", "id=1")
                .at("00:00:01.001", "id=2")
                .expect("2");
    }

    @Test
    void timestampsMayBeEpochMillisNumbersOrStrings() {
        Timeline.query("sequence with maxspan=2s [any where n == 1] [any where n == 2]")
                .event(Map.of("id", 1, "@timestamp", 1767225601000L, "n", 1))
                .event(Map.of("id", 2, "@timestamp", "1767225602000", "n", 1))
                .event(Map.of("id", 3, "@timestamp", 1767225603000L, "n", 2))
                .event(Map.of("id", 4, "@timestamp", 1767225610000L, "n", 2))
                .expect("2,3");
        Timeline.query("any where @timestamp == \"2026-01-01T00:00:01Z\"")
                .event(Map.of("id", 1, "@timestamp", 1767225601000L))
                .event(Map.of("id", 2, "@timestamp", 1767225601999L))
                .event(Map.of("id", 3, "@timestamp", 1767225602000L))
                .expect("1", "2");
    }

    @Test
    void timestampsAtNanosecondPrecision() {
        Timeline.query("any where @timestamp == \"2026-01-01T00:00:01.000000002Z\"")
                .options(o -> o.timestampPrecision(TimestampPrecision.NANOS))
                .at("00:00:01.000000001", "id=1")
                .at("00:00:01.000000002", "id=2")
                .at("00:00:01.000000003", "id=3")
                .expect("2");
        // at millisecond precision the same literal covers its whole millisecond
        Timeline.query("any where @timestamp == \"2026-01-01T00:00:01.000000002Z\"")
                .at("00:00:01.000000001", "id=1")
                .at("00:00:01.000000002", "id=2")
                .at("00:00:01.001", "id=3")
                .expect("1", "2");
        Timeline.query("any where @timestamp > 1767225601000")
                .options(o -> o.timestampPrecision(TimestampPrecision.NANOS))
                .at("00:00:01.000999999", "id=1")
                .at("00:00:01.001", "id=2")
                .expect("2");
    }

    // ---- field paths ----

    @Test
    void fieldPathsThroughNestedMapsAndDottedKeys() {
        String query = "any where process.parent.name == \"bash\"";
        Timeline.query(query)
                .event(
                        "{\"id\": 1, \"@timestamp\": \"2026-01-01T00:00:01Z\", \"process\": {\"parent\": {\"name\": \"bash\"}}}")
                .event("{\"id\": 2, \"@timestamp\": \"2026-01-01T00:00:02Z\", \"process.parent.name\": \"bash\"}")
                .event(
                        "{\"id\": 3, \"@timestamp\": \"2026-01-01T00:00:03Z\", \"process\": {\"parent.name\": \"bash\"}}")
                .event(
                        "{\"id\": 4, \"@timestamp\": \"2026-01-01T00:00:04Z\", \"process.parent\": {\"name\": \"bash\"}}")
                .event(
                        "{\"id\": 5, \"@timestamp\": \"2026-01-01T00:00:05Z\", \"process\": {\"parent\": {\"name\": \"sh\"}}}")
                .event("{\"id\": 6, \"@timestamp\": \"2026-01-01T00:00:06Z\", \"process\": {\"parent\": \"bash\"}}")
                .event(
                        "{\"id\": 7, \"@timestamp\": \"2026-01-01T00:00:07Z\", \"process\": {\"parent\": {\"name\": {\"x\": \"bash\"}}}}")
                .expect("1", "2", "3", "4");
        // the same through maps instead of Jackson trees
        Timeline.query(query)
                .at("00:00:01", Map.of("id", 1, "process", Map.of("parent", Map.of("name", "bash"))))
                .at("00:00:02", Map.of("id", 2, "process.parent.name", "bash"))
                .at("00:00:03", Map.of("id", 3, "process", Map.of("parent.name", "bash")))
                .at("00:00:04", Map.of("id", 4, "process.parent", Map.of("name", "bash")))
                .at("00:00:05", Map.of("id", 5, "process", Map.of("parent", Map.of("name", "sh"))))
                .expect("1", "2", "3", "4");
    }

    @Test
    void aFieldWrittenBothNestedAndDottedReadsTheNestedOneFromTrees() {
        // Elasticsearch would index both values; map and tree events answer the nested one (see TreeResolver), and
        // JsonEventReader both (JsonEventReaderTest)
        Timeline.query("any where process.name == \"b\"")
                .event("{\"id\": 1, \"@timestamp\": \"2026-01-01T00:00:01Z\", \"process\": {\"name\": \"a\"}, "
                        + "\"process.name\": \"b\"}")
                .event("{\"id\": 2, \"@timestamp\": \"2026-01-01T00:00:02Z\", \"process\": {\"name\": \"b\"}, "
                        + "\"process.name\": \"a\"}")
                .at("00:00:04", Map.of("id", 4, "process.name", "b"))
                .expect("2", "4");
    }

    @Test
    void arraysOfObjectsGiveEveryElementsValue() {
        Timeline.query("any where dns.answers.data == \"10.0.0.2\"")
                .event(
                        "{\"id\": 1, \"@timestamp\": \"2026-01-01T00:00:01Z\", \"dns\": {\"answers\": [{\"data\": \"10.0.0.1\"}, {\"data\": \"10.0.0.2\"}]}}")
                .event(
                        "{\"id\": 2, \"@timestamp\": \"2026-01-01T00:00:02Z\", \"dns\": {\"answers\": [{\"data\": \"10.0.0.1\"}, {\"name\": \"10.0.0.2\"}]}}")
                .at(
                        "00:00:03",
                        Map.of(
                                "id",
                                3,
                                "dns",
                                Map.of(
                                        "answers",
                                        List.of(
                                                Map.of("data", "10.0.0.3"),
                                                Map.of("data", List.of("10.0.0.4", "10.0.0.2"))))))
                .expect("1", "3");
    }

    @Test
    void theKubernetesPodNameKeyNestedAndFlattened() {
        String query = "any where `kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name` == \"p\"";
        Timeline.query(query)
                .event("{\"id\": 1, \"@timestamp\": \"2026-01-01T00:00:01Z\", \"kubernetes\": {\"audit\": {\"user\": "
                        + "{\"extra\": {\"authentication.kubernetes.io/pod-name\": [\"p\"]}}}}}")
                .event("{\"id\": 2, \"@timestamp\": \"2026-01-01T00:00:02Z\", "
                        + "\"kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name\": [\"p\"]}")
                .event("{\"id\": 3, \"@timestamp\": \"2026-01-01T00:00:03Z\", \"kubernetes\": {\"audit\": {\"user\": "
                        + "{\"extra\": {\"authentication.kubernetes.io/pod-name\": [\"q\"]}}}}}")
                .event("{\"id\": 4, \"@timestamp\": \"2026-01-01T00:00:04Z\", \"kubernetes\": {\"audit\": {\"user\": "
                        + "{\"extra\": {\"authentication\": {\"kubernetes\": {\"io/pod-name\": \"p\"}}}}}}}")
                .at(
                        "00:00:05",
                        Map.of(
                                "id",
                                5,
                                "kubernetes",
                                Map.of(
                                        "audit",
                                        Map.of(
                                                "user",
                                                Map.of(
                                                        "extra",
                                                        Map.of(
                                                                "authentication.kubernetes.io/pod-name",
                                                                List.of("p")))))))
                .at(
                        "00:00:06",
                        Map.of("id", 6, "kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name", "p"))
                .expect("1", "2", "4", "5", "6");
    }

    @Test
    void nullElementsOfListsAreIgnored() {
        List<Object> withNull = new ArrayList<>(Arrays.asList(null, "a"));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", 1);
        event.put("tags", withNull);
        Timeline.query("any where tags == \"a\" and tags != null")
                .at("00:00:01", event)
                .expect("1");
    }

    @Test
    void booleans() {
        Timeline.query("any where flag == true")
                .at("00:00:01", "id=1 flag=true")
                .at("00:00:02", "id=2 flag=false")
                .at("00:00:03", "id=3 flag=\"true\"")
                .expect("1", "3");
        Timeline.query("any where flag != true")
                .at("00:00:01", "id=1 flag=true")
                .at("00:00:02", "id=2 flag=false")
                .at("00:00:03", "id=3")
                .expect("2");
    }

    @Test
    void resultsComeInTimestampOrderWithHeadAndTail() {
        assertThat(Timeline.query("any where true | head 2")
                        .at("00:00:01", "id=1")
                        .at("00:00:02", "id=2")
                        .at("00:00:03", "id=3")
                        .run()
                        .delivered())
                .as("head delivers at once, before the stream ends")
                .containsExactly("1", "2");
        Timeline.query("any where true | tail 2")
                .at("00:00:01", "id=1")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3")
                .expect("2", "3");
        Timeline.query("any where true | head 4 | tail 2")
                .at("00:00:01", "id=1")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3")
                .at("00:00:04", "id=4")
                .at("00:00:05", "id=5")
                .expect("3", "4");
        Timeline.query("any where true | head 0").at("00:00:01", "id=1").expectNone();
        Timeline.query("any where true")
                .options(o -> o.size(2).resultPosition(ResultPosition.TAIL))
                .at("00:00:01", "id=1")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3")
                .expect("2", "3");
        Timeline.query("any where true")
                .options(o -> o.size(2))
                .at("00:00:01", "id=1")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3")
                .expect("1", "2");
    }
}
