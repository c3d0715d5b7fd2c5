package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheCanonicalForm() {
        Cli.Result r = Cli.run(
                "parse",
                "sequence by host.id with maxspan=1m [process where process.name=='a'] ".replace("'", "\"")
                        + "[file where  true]|head 3");
        assertThat(r.out()).isEqualTo("""
                sequence by host.id with maxspan=1m
                  [process where process.name == "a"]
                  [file where true]
                | head 3
                """);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void readsTheQueryFromAFileOrStandardInput() throws IOException {
        Path file = dir.resolve("q.eql");
        Files.writeString(file, "\uFEFFprocess where\n  process.pid>1\n");
        Cli.Result fromFile = Cli.run("parse", "--file", file.toString());
        assertThat(fromFile.out()).isEqualTo("process where process.pid > 1\n");
        assertThat(fromFile.exit()).isZero();

        Cli.Result fromStdin = Cli.runWithInput("any where x  :  \"a\"", "parse", "--file", "-");
        assertThat(fromStdin.out()).isEqualTo("any where x : \"a\"\n");
        assertThat(fromStdin.exit()).isZero();
    }

    @Test
    void aSyntaxErrorIsReportedAtItsPlaceWithExitCode2AsInRunAndExplain() {
        Cli.Result r = Cli.run("parse", "process where process.name = = \"x\"");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("""
                1:28: Use [==] or [:] to compare values, not [=]
                process where process.name = = "x"
                                           ^
                """);
    }

    @Test
    void aSyntaxErrorInAFileNamesTheFile() throws IOException {
        Path file = dir.resolve("q.eql");
        Files.writeString(file, "process where\n  process.pid > \n");
        Cli.Result r = Cli.run("parse", "--file", file.toString());
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).startsWith(file + ":3:1: ");

        Cli.Result stdin = Cli.runWithInput("any where (", "parse", "--file", "-");
        assertThat(stdin.exit()).isEqualTo(Main.USAGE);
        assertThat(stdin.err()).startsWith("<stdin>:1:12: ");
    }

    @Test
    void aMissingOrUndecodableFileIsAnInputError() throws IOException {
        Cli.Result missing = Cli.run("parse", "--file", dir.resolve("none.eql").toString());
        assertThat(missing.exit()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).isEqualTo("eql4j parse: " + dir.resolve("none.eql") + ": no such file\n");

        Path latin1 = dir.resolve("latin1.eql");
        Files.write(latin1, new byte[] {'a', 'n', 'y', ' ', 'w', 'h', 'e', 'r', 'e', ' ', (byte) 0xE9});
        Cli.Result bad = Cli.run("parse", "--file", latin1.toString());
        assertThat(bad.exit()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).isEqualTo("eql4j parse: " + latin1 + ": not UTF-8 text\n");

        Cli.Result directory = Cli.run("parse", "--file", dir.toString());
        assertThat(directory.exit()).isEqualTo(Main.USAGE);
        assertThat(directory.err()).isEqualTo("eql4j parse: " + dir + ": is a directory, not a file\n");
    }

    @Test
    void needsExactlyOneOfQueryAndFile() {
        Cli.Result neither = Cli.run("parse");
        assertThat(neither.exit()).isEqualTo(Main.USAGE);
        assertThat(neither.err()).startsWith("eql4j parse: give either a QUERY or --file FILE, not neither\n");
        Cli.Result both = Cli.run("parse", "any where true", "--file", "x.eql");
        assertThat(both.exit()).isEqualTo(Main.USAGE);
        assertThat(both.err()).startsWith("eql4j parse: give either a QUERY or --file FILE, not both\n");
    }

    @Test
    void jsonGivesEachNodeItsTypePartsAndSpan() throws IOException {
        String query = "sequence by host.id with maxspan=30s\n"
                + "  [process where process.name like~ (\"cmd*\", \"x\") and pid != -1.5]\n"
                + "  ![file where ?`a.b` >= 2 + size]\n"
                + "| tail 2";
        Cli.Result r = Cli.run("parse", "--json", query);
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode root = Json.MAPPER.readTree(r.out());

        assertThat(root.get("type").asText()).isEqualTo("Query");
        assertSpan(root, 0, query.length(), 1, 1);
        JsonNode pipe = root.get("pipes").get(0);
        assertThat(pipe.get("type").asText()).isEqualTo("Pipe");
        assertThat(pipe.get("kind").asText()).isEqualTo("tail");
        assertThat(pipe.get("count").asLong()).isEqualTo(2);
        assertSpan(pipe, query.indexOf("| tail"), query.length(), 4, 1);

        JsonNode body = root.get("body");
        assertThat(body.get("type").asText()).isEqualTo("SequenceQuery");
        assertThat(body.get("joinKeys").get(0).get("name").asText()).isEqualTo("host.id");
        assertThat(body.get("maxSpan").get("amount").asLong()).isEqualTo(30);
        assertThat(body.get("maxSpan").get("unit").asText()).isEqualTo("s");
        assertThat(body.get("until").isNull()).isTrue();

        JsonNode first = body.get("stages").get(0);
        assertThat(first.get("missing").asBoolean()).isFalse();
        assertThat(first.get("filter").get("category").asText()).isEqualTo("process");
        JsonNode and = first.get("filter").get("condition");
        assertThat(and.get("type").asText()).isEqualTo("And");
        JsonNode like = and.get("operands").get(0);
        assertThat(like.get("type").asText()).isEqualTo("PatternMatch");
        assertThat(like.get("operator").asText()).isEqualTo("like~");
        assertThat(like.get("value").get("path").toString()).isEqualTo("[\"process\",\"name\"]");
        assertThat(like.get("patterns").get(0).get("type").asText()).isEqualTo("StringLiteral");
        assertThat(like.get("patterns").get(0).get("value").asText()).isEqualTo("cmd*");
        assertSpan(
                like.get("patterns").get(0),
                query.indexOf("\"cmd*\""),
                query.indexOf("\"cmd*\"") + 6,
                2,
                query.indexOf("\"cmd*\"") - query.indexOf('\n'));
        JsonNode neq = and.get("operands").get(1);
        assertThat(neq.get("operator").asText()).isEqualTo("!=");
        assertThat(neq.get("right").get("type").asText()).isEqualTo("Negate");
        assertThat(neq.get("right").get("operand").get("type").asText()).isEqualTo("DecimalLiteral");
        assertThat(neq.get("right").get("operand").get("value").asDouble()).isEqualTo(1.5);

        JsonNode second = body.get("stages").get(1);
        assertThat(second.get("missing").asBoolean()).isTrue();
        JsonNode gte = second.get("filter").get("condition");
        assertThat(gte.get("operator").asText()).isEqualTo(">=");
        assertThat(gte.get("left").get("name").asText()).isEqualTo("a.b");
        assertThat(gte.get("left").get("optional").asBoolean()).isTrue();
        assertThat(gte.get("right").get("type").asText()).isEqualTo("Arithmetic");
        assertThat(gte.get("right").get("operator").asText()).isEqualTo("+");
        assertThat(gte.get("right").get("left").get("value").asLong()).isEqualTo(2);
    }

    private static void assertSpan(JsonNode node, int start, int end, int line, int column) {
        JsonNode span = node.get("span");
        assertThat(span.get("start").asInt())
                .as("start of %s", node.get("type"))
                .isEqualTo(start);
        assertThat(span.get("end").asInt()).as("end of %s", node.get("type")).isEqualTo(end);
        assertThat(span.get("line").asInt()).as("line of %s", node.get("type")).isEqualTo(line);
        assertThat(span.get("column").asInt())
                .as("column of %s", node.get("type"))
                .isEqualTo(column);
    }
}
