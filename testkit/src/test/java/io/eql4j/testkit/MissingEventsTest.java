package io.eql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Missing-event stages written { missing = true } (test resources rules/missing). */
class MissingEventsTest {

    private static Path resource(String name) {
        return Path.of("src/test/resources/rules/missing", name);
    }

    @Test
    void innerAndTrailingMissingStagesPass() {
        for (RuleTestFile file : RuleTestFile.discover(resource(""))) {
            assertThat(file.problems()).isEmpty();
            List<CaseResult> results = file.run();
            assertThat(results)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(CaseResult.Status.PASSED));
        }
        assertThat(RuleTestFile.discover(resource("")))
                .extracting(RuleTestFile::ruleName)
                .containsExactly("login_without_mfa", "Shell Without Logout");
    }

    @Test
    void aPlaceholderIsReportedAsMissing() {
        CaseResult first = RuleTestFile.load(resource("login_without_mfa.test.toml"))
                .cases()
                .get(0)
                .run();
        assertThat(first.actual()).hasSize(1);
        assertThat(first.actual().get(0).eventIds()).containsExactly("login", null, "shell");
        assertThat(first.actual().get(0))
                .hasToString("{ events = [\"login\", { missing = true }, \"shell\"], " + "keys = [\"h1\"] }");
    }
}
