/**
 * Elastic detection rules: {@link io.eql4j.rules.RulePack} loads rule TOML files and {@code .eql} files into
 * immutable {@link io.eql4j.rules.Rule}s, reporting what it cannot load with file, line and column.
 *
 * <p>The TOML reader in {@code io.eql4j.rules.internal.toml} is shared with eql4j's engine (its conformance tests
 * read Elasticsearch's QA suite), rule-test kit and command-line tool only; it is not part of the public API.
 */
module io.eql4j.rules {
    requires transitive io.eql4j.grammar;

    exports io.eql4j.rules;
    exports io.eql4j.rules.internal.toml to
            io.eql4j.engine,
            io.eql4j.testkit,
            io.eql4j.cli;
}
