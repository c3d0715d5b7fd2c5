/**
 * Rule tests for rule authors. {@link io.eql4j.testkit.RuleTestFile} reads {@code *.test.toml} files (format:
 * {@code docs/rule-tests.md}) and runs their cases; {@link io.eql4j.testkit.EqlTest} runs a rule or query over
 * events given in code. {@code io.eql4j.testkit.junit} turns test files into JUnit 5 dynamic tests and
 * {@code io.eql4j.testkit.assertj} asserts on matches with AssertJ; JUnit and AssertJ are needed only by those two
 * packages.
 */
module io.eql4j.testkit {
    requires transitive io.eql4j.engine;
    requires com.fasterxml.jackson.databind;
    // optional: only the junit and assertj packages use them, and their users have them (the CLI does not)
    requires static org.junit.jupiter.api;
    requires static org.opentest4j;
    requires static org.assertj.core;

    exports io.eql4j.testkit;
    exports io.eql4j.testkit.junit;
    exports io.eql4j.testkit.assertj;
}
