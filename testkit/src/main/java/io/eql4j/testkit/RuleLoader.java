package io.eql4j.testkit;

import io.eql4j.parser.EqlException;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.rules.RuleProblem;
import io.eql4j.rules.SourcePosition;
import java.nio.file.Path;
import java.util.List;

/** Reads the rule under test from its file, reporting what is wrong with it as test problems. */
final class RuleLoader {

    private RuleLoader() {}

    /**
     * The EQL rule of a {@code .toml} detection-rule file or an {@code .eql} file; {@code null} when it cannot be
     * read, with the reasons (at their place in the rule file) added to {@code problems}.
     */
    static Rule load(Path ruleFile, List<TestProblem> problems) {
        String name =
                ruleFile.getFileName() == null ? "" : ruleFile.getFileName().toString();
        if (name.endsWith(TestDiscovery.SUFFIX) || !name.endsWith(".toml") && !name.endsWith(".eql")) {
            problems.add(new TestProblem(ruleFile.toString(), 0, 0, "not a rule file (*.toml or *.eql)"));
            return null;
        }
        RulePack.Loaded loaded = RulePack.load(ruleFile);
        loaded.problems().forEach(p -> problems.add(problem(p, p.message())));
        // the loader's reason reads "not an EQL rule (type = query, language = kuery); skipped"
        loaded.skipped()
                .forEach(p -> problems.add(problem(
                        p,
                        p.message()
                                .replaceFirst("; skipped$", "")
                                .replaceFirst("^not an EQL rule", "the rule is not EQL"))));
        return loaded.problems().isEmpty() && loaded.skipped().isEmpty()
                ? loaded.pack().rules().get(0)
                : null;
    }

    private static TestProblem problem(RuleProblem p, String message) {
        return new TestProblem(p.source(), p.line(), p.column(), message);
    }

    /** An error in a rule's query, at its place in the rule's file. */
    static TestProblem queryProblem(Rule rule, EqlException e) {
        SourcePosition p = rule.locate(e);
        return new TestProblem(p.source(), p.line(), p.column(), e.errorMessage());
    }
}
