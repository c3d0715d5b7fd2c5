package io.eql4j.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, ordered set of {@link Rule}s with unique rule ids. Thread-safe.
 *
 * <p>{@link #load(Path...)} reads rule files and directories and reports, rather than throws, what it cannot load:
 * one broken file does not keep the others out.
 */
public final class RulePack implements Iterable<Rule> {

    /** Where the rules bundled with eql4j are on the class path, with their index. */
    static final String BUNDLED_ROOT = "io/eql4j/rules/bundled";

    private static final RulePack EMPTY = new RulePack(List.of());

    private final List<Rule> rules;
    private final Map<String, Rule> byId;

    private RulePack(List<Rule> rules) {
        Map<String, Rule> ids = new LinkedHashMap<>();
        for (Rule r : rules) {
            Rule first = ids.putIfAbsent(r.ruleId(), r);
            if (first != null) {
                throw new IllegalArgumentException(
                        "duplicate rule id '" + r.ruleId() + "' in " + first.source() + " and " + r.source());
            }
        }
        this.rules = List.copyOf(rules);
        this.byId = ids;
    }

    /**
     * A pack of the given rules, in order.
     *
     * @throws IllegalArgumentException if two rules have the same id
     */
    public static RulePack of(Rule... rules) {
        return of(Arrays.asList(rules));
    }

    /**
     * A pack of the given rules, in order.
     *
     * @throws IllegalArgumentException if two rules have the same id
     */
    public static RulePack of(Collection<? extends Rule> rules) {
        return rules.isEmpty() ? EMPTY : new RulePack(new ArrayList<>(rules));
    }

    /**
     * Loads rules from files and directories, in the order given; a directory contributes the rule files below it
     * (recursively, following links, skipping names that start with a dot), sorted by path name by name.
     *
     * <ul>
     *   <li>{@code *.toml}: an Elastic detection-rule file (a {@code [rule]} table, optionally {@code [metadata]});
     *       a rule whose {@code language} (or, without one, {@code type}) is not {@code eql} is skipped with the
     *       reason in {@link Loaded#skipped()}.</li>
     *   <li>{@code *.eql}: one EQL query; the rule's id and name are the file name without {@code .eql}.</li>
     *   <li>{@code *.test.toml}: rule test cases, not rules: ignored.</li>
     * </ul>
     *
     * <p>Files that cannot be read, are not UTF-8 or valid TOML, are not detection rules, or repeat a rule id
     * already loaded are reported in {@link Loaded#problems()}; the other rules load. A path that is neither a
     * directory nor a {@code .toml}/{@code .eql} file is a problem too. A file reached twice is read once.
     */
    public static Loaded load(Path... paths) {
        return load(Arrays.asList(paths));
    }

    /** As {@link #load(Path...)}. */
    public static Loaded load(Collection<? extends Path> paths) {
        return RuleFiles.load(paths);
    }

    /**
     * The rules that come with eql4j (on the class path under {@code io/eql4j/rules/bundled/}, listed in an index
     * written at build time, so this works from a jar too). Their {@link Rule#source()} is
     * {@code bundled:<path>}. Loaded once, then shared.
     */
    public static Loaded bundled() {
        return Bundled.LOADED;
    }

    private static final class Bundled {
        static final Loaded LOADED =
                RuleFiles.loadIndexed(name -> RulePack.class.getResourceAsStream("/" + name), BUNDLED_ROOT, "bundled:");
    }

    /** The number of rules. */
    public int size() {
        return rules.size();
    }

    /** The rules, in order (unmodifiable). */
    public List<Rule> rules() {
        return rules;
    }

    /** The rule with id {@code ruleId}, if any. */
    public Optional<Rule> byId(String ruleId) {
        return Optional.ofNullable(byId.get(ruleId));
    }

    @Override
    public Iterator<Rule> iterator() {
        return rules.iterator();
    }

    @Override
    public String toString() {
        return "RulePack[" + rules.size() + " rules]";
    }

    /**
     * The result of loading rules: the pack of what loaded, the problems that kept files or rules out, and the
     * files skipped on purpose (rules in another query language) with the reason.
     *
     * @param pack     the rules that loaded
     * @param problems what could not be loaded, in the order found
     * @param skipped  rules that are not EQL, with the reason
     */
    public record Loaded(RulePack pack, List<RuleProblem> problems, List<RuleProblem> skipped) {

        /** Copies the lists. */
        public Loaded {
            Objects.requireNonNull(pack, "pack");
            problems = List.copyOf(problems);
            skipped = List.copyOf(skipped);
        }

        /** Whether everything that should load did (skipped rules are not problems). */
        public boolean isClean() {
            return problems.isEmpty();
        }

        /**
         * The pack, if there were no problems.
         *
         * @throws RuleFormatException listing all problems otherwise
         */
        public RulePack orThrow() {
            if (!problems.isEmpty()) {
                throw new RuleFormatException(problems);
            }
            return pack;
        }
    }
}
