package io.eql4j.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading packs from directories and files: good rules load, everything else is reported, not thrown. */
class RulePackTest {

    @TempDir
    Path dir;

    static String rule(String id, String query) {
        return "[metadata]\nmaturity = \"production\"\n\n[rule]\nrule_id = \"" + id + "\"\nname = \"Rule " + id
                + "\"\ntype = \"eql\"\nlanguage = \"eql\"\nquery = '''\n" + query + "\n'''\n";
    }

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private String src(String relative) {
        return dir.resolve(relative).toString();
    }

    @BeforeEach
    void mixedDirectory() throws IOException {
        write("a/good.toml", rule("good-1", "process where true"));
        write(
                "a/kuery.toml",
                "[rule]\nrule_id = \"k\"\nname = \"k\"\ntype = \"query\"\nlanguage = \"kuery\"\n"
                        + "query = \"event.category:process\"\n");
        write(
                "a/ml.toml",
                "[rule]\nrule_id = \"m\"\nname = \"m\"\ntype = \"machine_learning\"\n" + "anomaly_threshold = 75\n");
        write("a.toml", rule("a-rule", "network where true"));
        write("b/broken.toml", "[rule]\nrule_id = \"broken\"\nname = 'unterminated\n");
        write("b/dup.toml", rule("good-1", "file where true"));
        write("b/no-rule.toml", "[metadata]\nmaturity = \"production\"\n");
        write("b/wrongtype.toml", rule("wt", "any where true") + "risk_score = \"high\"\n");
        write("c/empty.eql", "  \n\n");
        write("c/query.eql", "// a comment is part of the query\nprocess where process.name == \"x\"\n");
        write("c/cases.test.toml", "this is [not TOML at all\n");
        write("c/README.md", "not a rule\n");
        write(".hidden/x.toml", "not toml either [\n");
        write("c/.hidden.toml", "not toml either [\n");
        write("z.toml", rule("z-1", "any where true"));
    }

    @Test
    void loadsTheGoodAndReportsTheRest() {
        RulePack.Loaded loaded = RulePack.load(dir);
        assertThat(loaded.pack().rules()).extracting(Rule::ruleId).containsExactly("good-1", "a-rule", "query", "z-1");
        assertThat(loaded.pack().rules())
                .extracting(Rule::source)
                .containsExactly(src("a/good.toml"), src("a.toml"), src("c/query.eql"), src("z.toml"));
        assertThat(loaded.problems())
                .extracting(RuleProblem::toString)
                .containsExactly(
                        src("b/broken.toml") + ":3:21: expected \"'\" to close the literal string, found end of line",
                        src("b/no-rule.toml") + ":1:1: not a detection rule: the file has no [rule] table",
                        src("b/wrongtype.toml") + ":12:14: expected rule.risk_score to be an integer, found a string",
                        src("c/empty.eql") + ": empty query",
                        src("b/dup.toml") + ":5:11: duplicate rule id 'good-1', already defined at "
                                + src("a/good.toml") + ":5:11");
        assertThat(loaded.skipped())
                .extracting(RuleProblem::toString)
                .containsExactly(
                        src("a/kuery.toml") + ":5:12: not an EQL rule (type = query, language = kuery); skipped",
                        src("a/ml.toml") + ":4:8: not an EQL rule (type = machine_learning, language = none); skipped");
        assertThat(loaded.isClean()).isFalse();
        assertThatThrownBy(loaded::orThrow)
                .isInstanceOf(RuleFormatException.class)
                .satisfies(e -> assertThat(((RuleFormatException) e).problems()).isEqualTo(loaded.problems()));
    }

    @Test
    void eqlFilesAreOneQueryNamedByTheFile() {
        Rule r = RulePack.load(dir.resolve("c/query.eql"))
                .orThrow()
                .byId("query")
                .orElseThrow();
        assertThat(r.name()).isEqualTo("query");
        assertThat(r.query()).isEqualTo("// a comment is part of the query\nprocess where process.name == \"x\"\n");
        assertThat(r.locate(r.query().indexOf("where"))).isEqualTo(new SourcePosition(src("c/query.eql"), 2, 9));
        assertThat(r.metadata().maturity()).isEmpty();
    }

    @Test
    void explicitPaths() throws IOException {
        Path missing = dir.resolve("missing");
        RulePack.Loaded loaded = RulePack.load(
                dir.resolve("z.toml"),
                missing,
                dir.resolve("c/README.md"),
                dir.resolve("c/cases.test.toml"),
                dir.resolve("z.toml"),
                dir.resolve("a"),
                dir.resolve("a/good.toml"),
                dir.resolve("a/../z.toml"));
        assertThat(loaded.pack().rules()).extracting(Rule::ruleId).containsExactly("z-1", "good-1");
        assertThat(loaded.problems())
                .extracting(RuleProblem::toString)
                .containsExactly(
                        missing + ": no such file or directory",
                        src("c/README.md") + ": not a rule file (expected .toml or .eql)");
        assertThat(loaded.skipped()).hasSize(2);
        assertThat(RulePack.load().pack().size()).isZero();
        assertThat(RulePack.load(List.of(dir.resolve("a.toml"))).orThrow().rules())
                .extracting(Rule::ruleId)
                .containsExactly("a-rule");
    }

    @Test
    void theOrderIsTheSameWhateverTheFileSystemSays() {
        List<String> first =
                RulePack.load(dir).pack().rules().stream().map(Rule::source).collect(Collectors.toList());
        List<String> again =
                RulePack.load(dir).pack().rules().stream().map(Rule::source).collect(Collectors.toList());
        assertThat(again).isEqualTo(first);
        // a directory's files come before a sibling file whose name extends the directory's ("a" < "a.toml")
        assertThat(first.indexOf(src("a/good.toml"))).isLessThan(first.indexOf(src("a.toml")));
    }

    @Test
    void symbolicLinkLoopsAreReportedNotFollowedForever() throws IOException {
        Path link = dir.resolve("c/loop");
        try {
            Files.createSymbolicLink(link, dir);
        } catch (UnsupportedOperationException | IOException e) {
            // The only skip in this suite, and not of a feature: a file system that cannot hold a symbolic link
            // (Windows without the privilege to make one) cannot hold the loop either, so there is nothing to test.
            // On a POSIX file system (Linux, macOS, CI) a link can always be made, so failing to make one fails.
            if (java.nio.file.FileSystems.getDefault()
                    .supportedFileAttributeViews()
                    .contains("posix")) {
                throw e;
            }
            assumeTrue(false, "cannot create symbolic links on this file system: " + e);
        }
        RulePack.Loaded loaded = RulePack.load(dir);
        assertThat(loaded.pack().size()).isEqualTo(4);
        assertThat(loaded.problems())
                .extracting(RuleProblem::toString)
                .contains(link + ": symbolic link loop, not followed");
    }

    @Test
    void packsAreImmutableAndKeyedById() {
        Rule a = Rule.ofQuery("a", "any where true");
        Rule b = Rule.ofQuery("b", "process where true");
        RulePack pack = RulePack.of(b, a);
        assertThat(pack.size()).isEqualTo(2);
        assertThat(pack.rules()).containsExactly(b, a);
        assertThat(pack.byId("a")).containsSame(a);
        assertThat(pack.byId("c")).isEmpty();
        List<Rule> iterated = new ArrayList<>();
        pack.forEach(iterated::add);
        assertThat(iterated).containsExactly(b, a);
        assertThatThrownBy(() -> pack.rules().add(a)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> RulePack.of(a, Rule.ofQuery("a", "file where true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate rule id 'a' in <a> and <a>");
        assertThat(RulePack.of(List.of()).size()).isZero();
        assertThat(pack).hasToString("RulePack[2 rules]");
        RulePack.Loaded clean = RulePack.load(dir.resolve("z.toml"));
        assertThat(clean.isClean()).isTrue();
        assertThat(clean.orThrow()).isSameAs(clean.pack());
    }
}
