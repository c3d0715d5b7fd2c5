package io.eql4j.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one rule-test case.
 *
 * @param testFile the test file
 * @param ruleName the name of the rule under test (its file name when the rule could not be read)
 * @param caseName the case's name
 * @param status   passed, failed (the matches differ from {@code expect}, or the engine threw) or error (the case or
 *                 its test file is invalid, so it did not run)
 * @param expected the expected matches
 * @param actual   the matches the engine reported; empty when the case did not run
 * @param problems for {@link Status#ERROR}: what is wrong with the case or its file, as {@code file:line:column}
 * @param report   empty when passed; otherwise the explanation for people: for a failure the expected and actual
 *                 matches in {@code expect} syntax with what is missing and unexpected, for an error the problems,
 *                 one per line
 */
public record CaseResult(
        Path testFile,
        String ruleName,
        String caseName,
        Status status,
        List<ExpectedMatch> expected,
        List<ActualMatch> actual,
        List<TestProblem> problems,
        String report) {

    /** How a case ended. */
    public enum Status {
        /** The rule produced the expected matches. */
        PASSED,
        /** The rule did not produce the expected matches, or the engine failed while running the case. */
        FAILED,
        /** The case (or its test file) is invalid and did not run. */
        ERROR
    }

    /** Checks and copies. */
    public CaseResult {
        Objects.requireNonNull(testFile, "testFile");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(status, "status");
        expected = List.copyOf(expected);
        actual = List.copyOf(actual);
        problems = List.copyOf(problems);
        Objects.requireNonNull(report, "report");
    }

    /** Whether the case passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** {@code PASS  <rule> :: <case>} (or FAIL, ERROR), then the report indented, as {@code eql4j test} prints it. */
    @Override
    public String toString() {
        String word = status == Status.PASSED ? "PASS" : status == Status.FAILED ? "FAIL" : "ERROR";
        StringBuilder sb = new StringBuilder(String.format("%-5s  %s :: %s", word, ruleName, caseName));
        report.lines().forEach(l -> sb.append('\n').append("       ").append(l));
        return sb.toString();
    }
}
