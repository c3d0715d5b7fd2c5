package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    @TempDir
    Path dir;

    @Test
    void explainsAQuery() {
        String query = "sequence by host.id with maxspan=5m [process where process.name : \"cmd.exe\"] "
                + "[network where destination.port in (443, 80)] | head 3";
        Cli.Result r = Cli.run("explain", "--query", query);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(EqlCompiler.compile(query).explain())
                .contains("kind: sequence, window: 300000 ms (inclusive)", "limit: head 3", "keys: host.id",
                        "category: event.category == \"network\"");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void explainsARuleFileWithTheOptionsGiven() {
        Cli.Result r = Cli.run("explain", "--rule", Cli.SEED_RULE.toString(), "--timestamp-precision", "nanos",
                "--category-field", "kind");
        assertThat(r.exit()).as(r.toString()).isZero();
        EngineOptions nanos = EngineOptions.builder()
                .timestampPrecision(io.eql4j.runtime.TimestampPrecision.NANOS).categoryField("kind").build();
        assertThat(r.out()).isEqualTo(EqlCompiler.compile(RulePack.load(Cli.SEED_RULE).pack(), nanos).explain())
                .startsWith("rule 6978f623-2505-4bc3-83c3-d78ac69d9701 \"Service Account Token Read")
                .contains("window: 60000000000 ns (inclusive)", "category: kind == \"file\"");
    }

    @Test
    void aQueryThatDoesNotCompileIsReportedAtItsPlaceInTheRuleFile() throws IOException {
        Path rule = dir.resolve("r.toml");
        Files.writeString(rule, "[rule]\nrule_id = \"r\"\nname = \"r\"\ntype = \"eql\"\nquery = '''\n"
                + "process where length(process.name, 2) > 1\n'''\n");
        Cli.Result r = Cli.run("explain", "--rule", rule.toString());
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(rule + ":6:15: ")
                .endsWith("process where length(process.name, 2) > 1\n"
                        + "              ^\n"
                        + "eql4j explain: the query does not compile\n");

        Cli.Result q = Cli.run("explain", "--query", "process where x ==");
        assertThat(q.exit()).isEqualTo(Main.USAGE);
        assertThat(q.err()).isEqualTo("1:19: Unexpected end of query, expected <value>\n"
                + "process where x ==\n"
                + "                  ^\n"
                + "eql4j explain: the query does not compile\n");
    }

    @Test
    void anUnreadableRuleIsAnInputError() throws IOException {
        Path rule = dir.resolve("r.toml");
        Files.writeString(rule, "[rule\n");
        Cli.Result r = Cli.run("explain", "--rule", rule.toString());
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).startsWith(rule + ":1:").endsWith("eql4j explain: 1 rule file could not be loaded\n");

        Cli.Result missing = Cli.run("explain", "--rule", dir.resolve("none.toml").toString());
        assertThat(missing.exit()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).isEqualTo(dir.resolve("none.toml") + ": no such file or directory\n"
                + "eql4j explain: 1 rule file could not be loaded\n");
    }

    @Test
    void needsAQueryOrARule() {
        Cli.Result r = Cli.run("explain");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("Missing required argument").contains("--query=EQL | --rule=FILE");
        Cli.Result both = Cli.run("explain", "--query", "any where true", "--rule", "x.toml");
        assertThat(both.exit()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
    }
}
