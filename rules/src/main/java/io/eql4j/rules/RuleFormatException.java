package io.eql4j.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule (or a pack of rules) could not be read. {@link #getMessage()} lists the problems, one per line, each as
 * {@code path:line:column: message}.
 */
public class RuleFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<RuleProblem> problems; // List.copyOf of serializable records: serializable

    /** @param problems at least one problem */
    public RuleFormatException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order they were found. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
