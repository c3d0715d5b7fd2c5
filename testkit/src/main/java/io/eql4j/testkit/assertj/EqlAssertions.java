package io.eql4j.testkit.assertj;

import io.eql4j.testkit.Matches;

/**
 * Entry point of eql4j's AssertJ assertions: {@code assertThat(EqlTest.rule(path).json(...).run())}. Needs AssertJ
 * on the class path (an optional dependency of the test kit).
 */
public final class EqlAssertions {

    private EqlAssertions() {}

    /** Assertions on the matches of a rule. */
    public static MatchesAssert assertThat(Matches actual) {
        return new MatchesAssert(actual);
    }
}
