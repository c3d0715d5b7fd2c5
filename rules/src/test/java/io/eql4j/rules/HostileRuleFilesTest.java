package io.eql4j.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13, item 4: rule files nested 5,000 deep or with a 2,000-segment dotted key made the TOML reader throw
 * StackOverflowError. They are now reported, at their position, by {@link Rule#fromToml} and {@link RulePack#load}.
 */
class HostileRuleFilesTest {

    private static final String RULE = "[metadata]\ncreation_date = \"2020/01/01\"\n\n[rule]\nrule_id = \"r1\"\n"
            + "name = \"n\"\ndescription = \"d\"\ntype = \"eql\"\nlanguage = \"eql\"\nquery = \"process where true\"\n";

    static List<String> hostileFiles() {
        return List.of(
                RULE + "x = " + "[".repeat(5_000) + "]".repeat(5_000) + "\n",
                RULE + "x = " + "{a = ".repeat(5_000) + "1" + "}".repeat(5_000) + "\n",
                RULE + "a.".repeat(1_999) + "a = 1\n",
                "[" + "a.".repeat(1_999) + "a]\nb = 1\n" + RULE,
                RULE + "x = " + "[{a = ".repeat(2_500) + "1" + "}]".repeat(2_500) + "\n");
    }

    @Test
    void deepTomlIsAFormatErrorAtItsPosition() {
        for (String toml : hostileFiles()) {
            RuleFormatException e =
                    catchThrowableOfType(RuleFormatException.class, () -> Rule.fromToml(toml, "deep.toml"));
            assertThat(e).as(toml.substring(0, 80)).isNotNull();
            RuleProblem problem = e.problems().get(0);
            assertThat(problem.message()).contains("nested too deeply: the maximum is 64 levels");
            assertThat(problem.source()).isEqualTo("deep.toml");
            assertThat(problem.line()).isPositive();
        }
        // the array case points at the 65th bracket
        RuleProblem arrays = catchThrowableOfType(
                        RuleFormatException.class,
                        () -> Rule.fromToml(hostileFiles().get(0), "deep.toml"))
                .problems()
                .get(0);
        assertThat(arrays.line()).isEqualTo(11);
        assertThat(arrays.column()).isEqualTo("x = ".length() + 65);
    }

    @Test
    void nestingWithinTheLimitStillReads() {
        Rule rule = Rule.fromToml(
                RULE + "x = " + "[".repeat(60) + "]".repeat(60) + "\n" + "y = " + "{a = ".repeat(60) + "1"
                        + "}".repeat(60) + "\n",
                "ok.toml");
        assertThat(rule.ruleId()).isEqualTo("r1");
    }

    @Test
    void aRulePackReportsEachDeepFileAndLoadsTheOthers(@TempDir Path dir) throws IOException {
        List<String> files = hostileFiles();
        for (int i = 0; i < files.size(); i++) {
            Files.writeString(dir.resolve("deep" + i + ".toml"), files.get(i).replace("\"r1\"", "\"d" + i + "\""));
        }
        Files.writeString(dir.resolve("good.toml"), RULE.replace("\"r1\"", "\"good\""));
        RulePack.Loaded loaded = RulePack.load(dir);
        assertThat(loaded.pack().rules()).extracting(Rule::ruleId).containsExactly("good");
        assertThat(loaded.problems())
                .hasSize(files.size())
                .allSatisfy(p -> assertThat(p.message()).contains("nested too deeply"));
    }
}
