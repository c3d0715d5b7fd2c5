package io.eql4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSubsetsTest {

    @Test
    void smallerSetsArePrefixesOfLargerOnesAndAllIsEverything() {
        List<Rule> corpus = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            corpus.add(Rule.ofQuery("r" + i, "process where process.pid == " + i));
        }
        List<Rule> one = RuleSubsets.take(corpus, "1");
        List<Rule> ten = RuleSubsets.take(corpus, "10");
        List<Rule> hundred = RuleSubsets.take(corpus, "100");
        assertThat(ten).startsWith(one.toArray(Rule[]::new));
        assertThat(hundred).startsWith(ten.toArray(Rule[]::new));
        assertThat(RuleSubsets.take(corpus, "all")).containsExactlyInAnyOrderElementsOf(corpus);
        assertThat(hundred).isNotEqualTo(corpus.subList(0, 100));
        assertThat(RuleSubsets.take(corpus, "10")).isEqualTo(ten);
        assertThatThrownBy(() -> RuleSubsets.take(corpus, "151")).isInstanceOf(IllegalArgumentException.class);
    }
}
