package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --mapping}, {@code --ecs} and {@code --dynamic-mapping} of run, explain, test and check. */
class IndexMappingOptionsTest {

    @TempDir
    Path dir;

    private static final String MAPPING = """
            {"logs": {"mappings": {"properties": {
              "@timestamp": {"type": "date"},
              "event_type": {"type": "keyword"},
              "event": {"properties": {"category": {"type": "alias", "path": "event_type"},
                                       "id": {"type": "keyword"}}},
              "process": {"properties": {"pid": {"type": "long"}, "name": {"type": "keyword"}}},
              "tag": {"type": "keyword", "null_value": "NULL"}
            }}}}
            """;

    private static final String EVENTS = """
            {"@timestamp": 1, "event_type": "process", "event": {"id": "a"}, "process": {"pid": "99"}, "tag": null}
            {"@timestamp": 2, "event_type": "process", "event": {"id": "b"}, "process": {"pid": "150"}}
            {"@timestamp": 3, "event_type": "process", "event": {"id": "c"}, "process": {"pid": 120}, "tag": "x"}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static String ids(String ndjson) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\"id\": ?\"(\\w)\"").matcher(ndjson);
        while (m.find()) {
            out.append(m.group(1));
        }
        return out.toString();
    }

    @Test
    void runReadsEventsAsTheMappedIndexDoes() throws IOException {
        Path mapping = write("logs.json", MAPPING);
        Path events = write("events.ndjson", EVENTS);
        Cli.Result r = Cli.run(
                "run",
                "--quiet",
                "--mapping",
                mapping.toString(),
                "--events",
                events.toString(),
                "--query",
                "process where process.pid > 100");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(ids(r.out())).isEqualTo("bc");
        r = Cli.run(
                "run",
                "--quiet",
                "--mapping",
                mapping.toString(),
                "--events",
                events.toString(),
                "--query",
                "process where tag == \"NULL\"");
        assertThat(ids(r.out())).as(r.toString()).isEqualTo("a");
        // without the mapping, "99" and "150" are text, and only 120 is a number
        r = Cli.run("run", "--quiet", "--events", events.toString(), "--query", "any where process.pid > 100");
        assertThat(ids(r.out())).as(r.toString()).isEqualTo("abc");
    }

    @Test
    void ecsTypesEcsFields() throws IOException {
        Path events = write("events.ndjson", EVENTS.replace("event_type", "event.category"));
        Cli.Result r = Cli.run(
                "run", "--quiet", "--ecs", "--events", events.toString(), "--query", "process where process.pid > 100");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(ids(r.out())).isEqualTo("bc");
    }

    @Test
    void aFieldTheMappingLacksIsAnErrorUnlessMappingIsDynamic() throws IOException {
        Path mapping = write("logs.json", MAPPING);
        Path events = write(
                "events.ndjson",
                EVENTS + "{\"@timestamp\": 4, \"event_type\": \"process\", "
                        + "\"event\": {\"id\": \"d\"}, \"user\": \"root\"}\n");
        Cli.Result r = Cli.run(
                "run",
                "--mapping",
                mapping.toString(),
                "--events",
                events.toString(),
                "--query",
                "process where user == \"root\"");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("Unknown column [user]");
        r = Cli.run(
                "run",
                "--quiet",
                "--mapping",
                mapping.toString(),
                "--dynamic-mapping",
                "--events",
                events.toString(),
                "--query",
                "process where user == \"root\"");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(ids(r.out())).isEqualTo("d");
        r = Cli.run(
                "run",
                "--quiet",
                "--mapping",
                mapping.toString(),
                "--events",
                events.toString(),
                "--query",
                "process where ?user == null");
        assertThat(ids(r.out())).as(r.toString()).isEqualTo("abcd");
    }

    @Test
    void aBrokenMappingFileIsAUsageErrorNamingItsPlace() throws IOException {
        Path mapping = write("broken.json", "{\"properties\": {\n  \"a\": {\"type\": \"alias\"}\n}}");
        Cli.Result r = Cli.run("run", "--mapping", mapping.toString(), "--events", "-", "--query", "any where true");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains(mapping + ":2:").contains("the alias [a] needs a \"path\"");
        write("r.eql", "process where true");
        r = Cli.run("check", "--mapping", dir.resolve("nothing.json").toString(), dir.toString());
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("nothing.json: no such file");
    }

    @Test
    void checkWithAMappingReportsEveryFieldItLacks() throws IOException {
        Path mapping = write("logs.json", MAPPING);
        write("rules/r.eql", "process where process.nmae == \"x\" and\n  usr == \"root\" and ?maybe == null\n");
        Cli.Result r = Cli.run(
                "check",
                "--no-snippet",
                "--mapping",
                mapping.toString(),
                dir.resolve("rules").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(Main.PROBLEMS);
        String rule = dir.resolve("rules/r.eql").toString();
        assertThat(r.out())
                .contains(rule + ":1:15: field [process.nmae] is not in the mapping (" + mapping
                        + "); Elasticsearch rejects the query, did you mean [process.name]?");
        assertThat(r.out()).contains(rule + ":2:3: field [usr] is not in the mapping");
        assertThat(r.out()).doesNotContain("maybe");
        assertThat(r.out()).endsWith("checked 1 rule: 0 ok, 1 failed\n");
    }

    @Test
    void checkWithEcsWarnsAboutFieldsOutsideEcs() throws IOException {
        write(
                "rules/r.eql",
                "process where process.pidd > 1 and proces.name == \"x\" and labels.env == \"a\"\n"
                        + "  and host.name == \"h\"\n");
        Cli.Result r =
                Cli.run("check", "--no-snippet", "--ecs", dir.resolve("rules").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        String rule = dir.resolve("rules/r.eql").toString();
        assertThat(r.out())
                .contains(rule + ":1:15: warning: field [process.pidd] is not in ECS 9.4.0, did you mean "
                        + "[process.pid]?");
        assertThat(r.out())
                .contains("warning: field [proces.name] is not in ECS 9.4.0, did you mean " + "[process.name]?");
        assertThat(r.out()).doesNotContain("labels.env").doesNotContain("[host.name]");
        assertThat(r.out()).endsWith("checked 1 rule: 1 ok, 0 failed, 2 warnings\n");
    }

    @Test
    void theDetectionRulesCorpusChecksAgainstEcsWithWarningsOnly() {
        Path corpus = ConformanceThroughCliTest.shared("corpus/detection-rules/rules");
        Cli.Result r = Cli.run("check", "--ecs", "--no-snippet", corpus.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("checked 1081 rules: 1081 ok, 0 failed, \\d+ warnings\n$");
        assertThat(r.out()).doesNotContain(": field [process.pid]").doesNotContain(": field [process.name]");
    }

    @Test
    void ruleTestsTakeMappingsFromTheCommandLineOrTheirSettings() throws IOException {
        Path mapping = write("logs.json", MAPPING);
        write("t/r.eql", "process where tag == \"NULL\"\n");
        String test = """
                [[case]]
                name = "an explicit null is the null_value"
                expect = ["a"]
                events = '''
                %s'''
                """.formatted(EVENTS);
        write("t/r.test.toml", test);
        Cli.Result r = Cli.run("test", dir.resolve("t").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        r = Cli.run("test", "--mapping", mapping.toString(), dir.resolve("t").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith("1 passed, 0 failed\n");
        write("t/r.test.toml", "[settings]\nmappings = [\"../logs.json\"]\n\n" + test);
        r = Cli.run("test", dir.resolve("t").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        write("t/r.test.toml", "[settings]\nmappings = [\"../missing.json\"]\n\n" + test);
        r = Cli.run("test", dir.resolve("t").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("r.test.toml:2:13: mapping file").contains("missing.json does not exist");
    }

    @Test
    void explainReadsEventsAsTheMappingDoes() throws IOException {
        Path mapping = write("logs.json", MAPPING);
        Path events = write("events.ndjson", EVENTS);
        Cli.Result r = Cli.run(
                "explain",
                "--mapping",
                mapping.toString(),
                "--events",
                events.toString(),
                "--query",
                "process where process.pid > 100",
                "--event",
                "a");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("event a").doesNotContain("stage 0: passed");
        // without the mapping, "99" is text, greater than "100"
        r = Cli.run("explain", "--events", events.toString(), "--query", "any where process.pid > 100", "--event", "a");
        assertThat(r.out()).as(r.toString()).contains("stage 0: passed");
    }
}
