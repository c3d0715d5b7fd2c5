package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyRuleOfTheCorpusCompiles() {
        Path corpus = Cli.shared("corpus/detection-rules/rules");
        Cli.Result r = Cli.run("check", corpus.toString());
        assertThat(r.out()).endsWith("checked 1081 rules: 1081 ok, 0 failed\n");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theSeedRuleCompilesAndItsTestFileIsNotARule() {
        Cli.Result r = Cli.run("check", Cli.EXAMPLES.resolve("rules").toString());
        assertThat(r.out()).isEqualTo("checked 1 rule: 1 ok, 0 failed\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void reportsEachBrokenFileAtItsPlace() throws IOException {
        write("a/bad-toml.toml", """
                [rule]
                rule_id = "bad-toml"
                name = "unterminated
                type = "eql"
                """);
        write("a/unknown-function.toml", rule("unknown-function", """
                process where
                  process.name == "a" and foo(1)"""));
        write("b/syntax.eql", "process where process.name = = \"x\"\n");
        write("b/good.eql", "process where true\n");
        write("b/good.test.toml", "this is not toml, and not read: test files are not rules");
        write("c/kuery.toml", """
                [rule]
                rule_id = "kuery"
                name = "kuery"
                type = "query"
                language = "kuery"
                query = "process.name : x"
                """);
        write("c/duplicate.toml", rule("unknown-function", "process where true"));

        Cli.Result r = Cli.run("check", dir.toString());

        String a = dir.resolve("a") + "/";
        String b = dir.resolve("b") + "/";
        String c = dir.resolve("c") + "/";
        assertThat(r.out())
                .isEqualTo(""
                        + a + "bad-toml.toml:3:21: expected '\"' to close the string, found end of line\n"
                        + "name = \"unterminated\n"
                        + "                    ^\n"
                        + c + "duplicate.toml:3:11: duplicate rule id 'unknown-function', already defined at "
                        + a + "unknown-function.toml:3:11\n"
                        + "rule_id = \"unknown-function\"\n"
                        + "          ^\n"
                        + a + "unknown-function.toml:9:27: Unknown function [foo], did you mean [add]?\n"
                        + "  process.name == \"a\" and foo(1)\n"
                        + "                          ^\n"
                        + b + "syntax.eql:1:28: Use [==] or [:] to compare values, not [=]\n"
                        + "process where process.name = = \"x\"\n"
                        + "                           ^\n"
                        + "skipped 1 non-EQL rule\n"
                        + "checked 5 rules: 1 ok, 4 failed\n");
        assertThat(r.exit()).isEqualTo(Main.PROBLEMS);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void withoutSnippetsPrintsOneLinePerFailure() throws IOException {
        write("x.eql", "process where\n  process.name == \"a\" and\n  foo(1)\n");
        Cli.Result r = Cli.run("check", "--no-snippet", dir.toString());
        assertThat(r.out())
                .isEqualTo(dir.resolve("x.eql") + ":3:3: Unknown function [foo], did you mean [add]?\n"
                        + "checked 1 rule: 0 ok, 1 failed\n");
        assertThat(r.exit()).isEqualTo(Main.PROBLEMS);
    }

    @Test
    void aCompileErrorInATomlRuleIsAtItsPlaceInTheFileEvenAfterEscapes() throws IOException {
        // a basic string with escapes: the bad block "x" is at column 58 of the query, but at 9 + 58 + 4 backslashes
        // in the file
        write(
                "escaped.toml",
                rule("escaped", null)
                        .replace(
                                "QUERY",
                                "query = \"process where process.name == \\\"a\\\" and cidrmatch(source.ip, \\\"x\\\")\""));
        Cli.Result r =
                Cli.run("check", "--no-snippet", dir.resolve("escaped.toml").toString());
        assertThat(r.out()).startsWith(dir.resolve("escaped.toml") + ":7:71: invalid CIDR block in [cidrmatch(");
        assertThat(r.exit()).isEqualTo(Main.PROBLEMS);
    }

    @Test
    void aMissingPathIsAUsageError() {
        Cli.Result r = Cli.run("check", dir.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).isEqualTo("eql4j check: " + dir.resolve("nope") + ": no such file or directory\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void needsAPath() {
        Cli.Result r = Cli.run("check");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).startsWith("eql4j check: Missing required parameter: 'PATH'");
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** A rule file whose query (a multi-line literal string, or "QUERY" to replace) is on line 7, its text from 8. */
    private static String rule(String id, String query) {
        return "[rule]\n"
                + "author = [\"eql4j\"]\n"
                + "rule_id = \"" + id + "\"\n"
                + "name = \"" + id + "\"\n"
                + "type = \"eql\"\n"
                + "language = \"eql\"\n"
                + (query == null ? "QUERY" : "query = '''\n" + query + "\n'''") + "\n";
    }
}
