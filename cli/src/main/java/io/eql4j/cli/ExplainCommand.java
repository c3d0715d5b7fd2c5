package io.eql4j.cli;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlExplainer;
import io.eql4j.testkit.RuleTestCase;
import io.eql4j.testkit.RuleTestFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code eql4j explain}: the compiled plan of a query or rule, as the engine evaluates it; with events, why each
 * event did or did not advance the rule, clause by clause, and what became of every partial sequence.
 */
@Command(
        name = "explain",
        footerHeading = "%nExamples (from the repository root, with bin/ on the PATH):%n",
        footer = {
            "  eql4j explain --query 'sequence [process where true] [network where true]'",
            "  eql4j explain --rules examples/rules/kubernetes/*request.toml \\",
            "      --events examples/events/k8s-sa-token-theft.ndjson --event f-003",
            "  eql4j explain --test examples/rules/kubernetes/*request.test.toml \\",
            "      --case 'a ResponseStarted audit event (watch) counts as the API call'"
        },
        description = {
            "Explains a query or rule.",
            "Without --events: the plan as the engine runs it (per rule its kind, stages, join keys, window and "
                    + "limits, and each condition as evaluated).",
            "With --events: for each event that came close to a stage (or the --event ones), every stage and "
                    + "each clause of its condition with the value the event had and whether it held; then "
                    + "what became of each partial sequence (started, replaced by a newer one, no candidate "
                    + "for its join key, too late for maxspan, expired, killed by until, completed, matched).",
            "With --test FILE --case NAME: the same for a rule test case's own events ('eql4j test' names "
                    + "this command under a failing case).",
            "A query that does not compile is reported at its place (file:line:column); the exit code is then 2."
        })
final class ExplainCommand implements Callable<Integer> {

    static final class Rules {
        @Option(names = "--query", paramLabel = "EQL", required = true, description = "Explain this query.")
        String query;

        @Option(
                names = "--rules",
                paramLabel = "FILE",
                required = true,
                description = "Explain the rule in this file (TOML or .eql).")
        Path file;

        /** The option's name before it was the same as run's; kept so that scripts go on working. */
        @Option(names = "--rule", paramLabel = "FILE", required = true, hidden = true)
        Path oldFile;

        @Option(
                names = "--test",
                paramLabel = "FILE",
                required = true,
                description = "Explain a case of this rule test file (*.test.toml) over its own events; "
                        + "name the case with --case.")
        Path testFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Rules rules;

    @Mixin
    private EngineOptionsMixin engineOptions;

    @Mixin
    private IndexMappingMixin indexMappings;

    @Mixin
    private EventInput input;

    @Option(
            names = "--event",
            paramLabel = "ID",
            description = "Explain only the event with this id (see --id-field); repeat it for more events.")
    private List<String> eventIds = new ArrayList<>();

    @Option(
            names = "--id-field",
            paramLabel = "FIELD",
            defaultValue = "event.id",
            description = "The field that identifies events in the explanation (default: ${DEFAULT-VALUE}; events "
                    + "without it are named by their line).")
    private String idField;

    @Option(
            names = "--case",
            paramLabel = "NAME",
            description = "With --test: the case to explain, by its name (as 'eql4j test' prints it).")
    private String caseName;

    @Option(
            names = {"-q", "--quiet"},
            description = "Say nothing on standard error but problems.")
    private boolean quiet;

    @ParentCommand
    private Main main;

    @Override
    public Integer call() throws IOException {
        Diagnostics diagnostics = new Diagnostics(main.err(), true);
        if (rules.testFile != null) {
            return explainCase(diagnostics);
        }
        if (caseName != null) {
            throw new CliException("--case needs --test: the rule test file the case is in");
        }
        Path file = rules.file != null ? rules.file : rules.oldFile;
        RulePack pack = rules.query != null
                ? RuleInput.query(rules.query)
                : RuleInput.load(List.of(file), diagnostics, quiet ? null : main.err(), false)
                        .pack();
        if (!input.given()) {
            if (!eventIds.isEmpty()) {
                throw new CliException("--event needs --events: the file the event is in");
            }
            Plan plan = RuleInput.compile(
                    pack, indexMappings.applyTo(engineOptions.builder()).build(), diagnostics);
            main.out().print(plan.explain());
            return Main.OK;
        }
        EngineOptions options = indexMappings
                .applyTo(engineOptions.builder())
                .allowedLateness(input.allowedLateness())
                .orderSamplesByKey(true)
                .build();
        Plan plan = RuleInput.compile(pack, options, diagnostics);
        RunProblems problems = new RunProblems(main.err(), input.label());
        List<Event> events = new ArrayList<>();
        try (InputStream in = main.open(input.events())) {
            JsonEventReader.full()
                    .withLimits(input.limits())
                    .readLines(Input.refuseBinary(in, input.label()), (line, event) -> events.add(event), problems);
        }
        ExplanationWriter writer = new ExplanationWriter(main.out(), idField, options.timestampField());
        List<Event> chosen = events;
        if (!eventIds.isEmpty()) {
            chosen = new ArrayList<>();
            for (String id : eventIds) {
                Event found = null;
                for (Event e : events) {
                    if (id.equals(writer.id(e))) {
                        found = e;
                        break;
                    }
                }
                if (found == null) {
                    throw new CliException("no event with " + idField + " [" + id + "] in " + input.label());
                }
                chosen.add(found);
            }
        }
        EqlExplainer explainer = EqlExplainer.of(plan);
        writer.write(plan, explainer, chosen, !eventIds.isEmpty(), explainer.run(events));
        return problems.any() ? Main.PROBLEMS : Main.OK;
    }

    /** {@code --test FILE --case NAME}: the case's rule over the case's own events, with the case's settings. */
    private int explainCase(Diagnostics diagnostics) {
        if (caseName == null) {
            throw new CliException("--test needs --case NAME: the case to explain");
        }
        if (input.given()) {
            throw new CliException("--test explains the case's own events; --events cannot be given with it");
        }
        if (!Files.exists(rules.testFile)) {
            throw new CliException(rules.testFile + ": no such file");
        }
        RuleTestFile file = RuleTestFile.load(rules.testFile);
        if (file.rule().isEmpty() || !file.problems().isEmpty()) {
            file.problems().forEach(p -> main.err().println(p));
            throw new CliException(rules.testFile + ": the test file is invalid");
        }
        List<String> names = new ArrayList<>();
        RuleTestCase chosen = null;
        for (RuleTestCase c : file.cases()) {
            names.add(c.name());
            if (c.name().equals(caseName)) {
                chosen = c;
            }
        }
        if (chosen == null) {
            throw new CliException(rules.testFile + ": no case named '" + caseName + "'; its cases are: '"
                    + String.join("', '", names) + "'");
        }
        if (!chosen.problems().isEmpty()) {
            chosen.problems().forEach(p -> main.err().println(p));
            throw new CliException("case '" + caseName + "' is invalid");
        }
        EngineOptions options = chosen.options();
        Plan plan = RuleInput.compile(RulePack.of(file.rule().get()), options, diagnostics);
        ExplanationWriter writer = new ExplanationWriter(main.out(), idField, options.timestampField());
        EqlExplainer explainer = EqlExplainer.of(plan);
        writer.write(plan, explainer, chosen.events(), false, explainer.run(chosen.events()));
        return Main.OK;
    }
}
