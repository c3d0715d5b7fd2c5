package io.eql4j.testkit;

import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A rule test file ({@code *.test.toml}, format: {@code docs/rule-tests.md}), read and checked, with the rule it
 * tests and its cases. Immutable and thread-safe.
 *
 * <pre>{@code
 * for (RuleTestFile file : RuleTestFile.discover(Path.of("rules"))) {
 *     file.run().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Reading never throws for bad content: what is wrong with the file as a whole (TOML syntax, unknown top-level
 * keys, the rule not found or invalid, ...) is in {@link #problems()}, and then none of its cases runs; what is wrong
 * with one case is in that case's {@link RuleTestCase#problems()}, and only that case does not run.
 */
public final class RuleTestFile {

    private final Path path;
    private final Rule rule;
    private final String ruleName;
    private final List<TestProblem> problems;
    private final List<RuleTestCase> cases;

    RuleTestFile(Path path, Rule rule, String ruleName, List<TestProblem> problems, List<RuleTestCase> cases) {
        this.path = path;
        this.rule = rule;
        this.ruleName = ruleName;
        this.problems = List.copyOf(problems);
        this.cases = List.copyOf(cases);
    }

    /**
     * Reads a test file and the rule it tests (docs/rule-tests.md §2.1).
     *
     * @param testFile a {@code *.test.toml} file; messages name it as given
     */
    public static RuleTestFile load(Path testFile) {
        return TestFileReader.read(testFile);
    }

    /** As {@link #discover(Collection)}. */
    public static List<RuleTestFile> discover(Path... paths) {
        return discover(Arrays.asList(paths));
    }

    /**
     * Reads the test files that {@code eql4j test PATH...} runs (docs/rule-tests.md §2.2), in that order, each at most
     * once: a {@code *.test.toml} file itself; for a rule file {@code <base>.toml} or {@code <base>.eql}, the
     * {@code <base>.test.toml} beside it; for a directory, every {@code *.test.toml} below it (recursively, skipping
     * names that start with a dot), sorted by relative path name by name. A path that does not exist, or a rule
     * without a test file, gives a file with that problem and no cases.
     */
    public static List<RuleTestFile> discover(Collection<? extends Path> paths) {
        return discover(paths, null);
    }

    /**
     * As {@link #discover(Collection)}, with the index mappings of {@code mappingDefaults} (its {@link
     * EngineOptions#mappings()}, and {@link EngineOptions#strictFields()} for whether they list every field) for the
     * files and cases whose settings give none, as {@code eql4j test --mapping FILE} does (docs/rule-tests.md §6).
     * Its other options are not used.
     *
     * @param mappingDefaults options holding the mappings, or {@code null} for none
     */
    public static List<RuleTestFile> discover(Collection<? extends Path> paths, EngineOptions mappingDefaults) {
        List<RuleTestFile> out = new ArrayList<>();
        TestDiscovery.find(
                paths,
                Settings.mappingDefaults(mappingDefaults),
                out::add,
                (path, problem) -> out.add(new RuleTestFile(path, null, path.toString(), List.of(problem), List.of())));
        return out;
    }

    /** The test file, as given or found. */
    public Path path() {
        return path;
    }

    /** The rule under test, unless it could not be found or read. */
    public Optional<Rule> rule() {
        return Optional.ofNullable(rule);
    }

    /** The rule's name, or the test file's path when the rule could not be read. */
    public String ruleName() {
        return ruleName;
    }

    /** What is wrong with the file as a whole; when not empty, no case runs. */
    public List<TestProblem> problems() {
        return problems;
    }

    /** The cases, in file order (those that could be read at all). */
    public List<RuleTestCase> cases() {
        return cases;
    }

    /** Whether the file or any of its cases has a problem. */
    public boolean hasErrors() {
        return !problems.isEmpty() || cases.stream().anyMatch(c -> !c.problems().isEmpty());
    }

    /** Runs every case, in file order; a file with {@link #problems()} gives an {@code ERROR} result per case. */
    public List<CaseResult> run() {
        List<CaseResult> results = new ArrayList<>(cases.size());
        cases.forEach(c -> results.add(c.run()));
        return results;
    }

    @Override
    public String toString() {
        return "RuleTestFile[" + path + ", " + cases.size() + " cases" + (problems.isEmpty() ? "" : ", invalid") + "]";
    }
}
