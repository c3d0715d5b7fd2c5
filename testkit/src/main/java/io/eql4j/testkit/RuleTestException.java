package io.eql4j.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a test gave the kit cannot be used: a rule file that cannot be read or is not EQL, a query that does not
 * compile, an event that is not a JSON object. {@link #getMessage()} lists the problems, one per line, each as
 * {@code file:line:column: message}.
 */
public class RuleTestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<TestProblem> problems;

    /** @param problems at least one problem */
    public RuleTestException(List<TestProblem> problems) {
        super(problems.stream().map(TestProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order found. */
    public List<TestProblem> problems() {
        return problems;
    }
}
