package io.eql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed rule's 27 cases, against the oracle of examples/events/k8s-sa-token-theft.md. */
class SeedRuleTest {

    @Test
    void everyCaseOfTheSeedRulePasses() {
        RuleTestFile file = RuleTestFile.load(Examples.seedTests());
        assertThat(file.problems()).isEmpty();
        assertThat(file.ruleName())
                .isEqualTo("Service Account Token Read in Container Followed by API Request as the Pod");
        List<CaseResult> results = file.run();
        assertThat(results).hasSize(27);
        assertThat(results)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(CaseResult.Status.PASSED));
    }
}
