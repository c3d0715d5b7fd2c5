package io.eql4j.testkit.junit;

import io.eql4j.testkit.CaseResult;
import io.eql4j.testkit.RuleTestCase;
import io.eql4j.testkit.RuleTestFile;
import io.eql4j.testkit.TestProblem;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Runs rule test files ({@code *.test.toml}, docs/rule-tests.md) as JUnit 5 dynamic tests: one container per test
 * file, one test per case, so that a build runs every rule test with one method:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> ruleTests() {
 *     return RuleTests.dynamicTests(Path.of("src/main/rules"));
 * }
 * }</pre>
 *
 * <p>Paths are found as {@code eql4j test PATH...} finds them. A failing case fails with the expected and actual
 * matches in {@code expect} syntax (IDEs show them side by side); an invalid case, or an invalid test file, fails
 * with its problems as {@code file:line:column: message}. Needs JUnit Jupiter on the class path (an optional
 * dependency of the test kit).
 */
public final class RuleTests {

    private RuleTests() {}

    /** Dynamic tests for the test files under {@code paths} (files, rule files or directories). */
    public static Stream<DynamicNode> dynamicTests(Path... paths) {
        return dynamicTests(Arrays.asList(paths));
    }

    /** As {@link #dynamicTests(Path...)}. */
    public static Stream<DynamicNode> dynamicTests(Collection<? extends Path> paths) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (RuleTestFile file : RuleTestFile.discover(paths)) {
            URI uri = file.path().toAbsolutePath().toUri();
            String name = file.ruleName().equals(file.path().toString())
                    ? file.path().toString()
                    : file.ruleName() + " (" + file.path() + ")";
            if (!file.problems().isEmpty()) {
                nodes.add(DynamicTest.dynamicTest(name, uri, () -> {
                    throw new AssertionFailedError("invalid rule test file:\n" + problems(file.problems()));
                }));
                continue;
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (RuleTestCase c : file.cases()) {
                tests.add(DynamicTest.dynamicTest(c.name(), URI.create(uri + "?line=" + c.line()), () -> check(c)));
            }
            nodes.add(DynamicContainer.dynamicContainer(name, uri, tests.stream()));
        }
        return nodes.stream();
    }

    private static void check(RuleTestCase c) {
        CaseResult result = c.run();
        switch (result.status()) {
            case PASSED:
                return;
            case ERROR:
                throw new AssertionFailedError("invalid case:\n" + problems(result.problems()));
            default:
                throw new AssertionFailedError(result.report(), lines(result.expected()), lines(result.actual()));
        }
    }

    private static String problems(List<TestProblem> problems) {
        return problems.stream().map(TestProblem::toString).collect(Collectors.joining("\n"));
    }

    /** Matches in {@code expect} syntax, one per line, so that a diff view lines them up. */
    private static String lines(Collection<?> matches) {
        return matches.isEmpty()
                ? "[]"
                : matches.stream().map(Object::toString).collect(Collectors.joining(",\n  ", "[\n  ", ",\n]"));
    }
}
