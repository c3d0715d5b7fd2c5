/**
 * Detection rules as immutable values: {@link io.eql4j.rules.Rule} (one EQL query with its metadata, read from an
 * Elastic detection-rule TOML file, an {@code .eql} file or given in code) and {@link io.eql4j.rules.RulePack} (an
 * ordered set of rules loaded from files, directories or the rules bundled with eql4j).
 */
package io.eql4j.rules;
