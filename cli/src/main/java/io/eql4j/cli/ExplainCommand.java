package io.eql4j.cli;

import io.eql4j.compile.Plan;
import io.eql4j.rules.RulePack;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code eql4j explain}: the compiled plan of a query or rule, as the engine evaluates it. */
@Command(name = "explain",
        description = {"Prints the plan of a query or rule as the engine runs it.",
                "Per rule: its kind, stages, join keys, window and limits, and each condition as evaluated "
                        + "(constants folded, field tests as field predicates).",
                "A query that does not compile is reported at its place (file:line:column); the exit code is then 2."})
final class ExplainCommand implements Callable<Integer> {

    static final class Rules {
        @Option(names = "--query", paramLabel = "EQL", required = true, description = "Explain this query.")
        String query;

        @Option(names = "--rule", paramLabel = "FILE", required = true,
                description = "Explain the rule in this file (TOML or .eql).")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Rules rules;

    @Mixin
    private EngineOptionsMixin engineOptions;

    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        Diagnostics diagnostics = new Diagnostics(main.err(), true);
        RulePack pack = rules.query != null ? RuleInput.query(rules.query)
                : RuleInput.load(List.of(rules.file), diagnostics, main.err());
        Plan plan = RuleInput.compile(pack, engineOptions.builder().build(), diagnostics);
        main.out().print(plan.explain());
        return Main.OK;
    }
}
