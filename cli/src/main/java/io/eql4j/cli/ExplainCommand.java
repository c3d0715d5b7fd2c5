package io.eql4j.cli;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlExplainer;
import java.io.IOException;
import java.io.InputStream;
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
@Command(name = "explain",
        description = {"Explains a query or rule.",
                "Without --events: the plan as the engine runs it (per rule its kind, stages, join keys, window and "
                        + "limits, and each condition as evaluated).",
                "With --events: for each event that came close to a stage (or the --event ones), every stage and "
                        + "each clause of its condition with the value the event had and whether it held; then "
                        + "what became of each partial sequence (started, replaced by a newer one, no candidate "
                        + "for its join key, too late for maxspan, expired, killed by until, completed, matched).",
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

    @Mixin
    private IndexMappingMixin indexMappings;

    @Mixin
    private EventInput input;

    @Option(names = "--event", paramLabel = "ID",
            description = "Explain only the event(s) with this id (see --id-field); may be repeated.")
    private List<String> eventIds = new ArrayList<>();

    @Option(names = "--id-field", paramLabel = "FIELD", defaultValue = "event.id",
            description = "The field that identifies events in the explanation (default: ${DEFAULT-VALUE}; events "
                    + "without it are named by their line).")
    private String idField;

    @ParentCommand
    private Main main;

    @Override
    public Integer call() throws IOException {
        Diagnostics diagnostics = new Diagnostics(main.err(), true);
        RulePack pack = rules.query != null ? RuleInput.query(rules.query)
                : RuleInput.load(List.of(rules.file), diagnostics, main.err());
        if (!input.given()) {
            if (!eventIds.isEmpty()) {
                throw new CliException("--event needs --events: the file the event is in");
            }
            Plan plan = RuleInput.compile(pack, indexMappings.applyTo(engineOptions.builder()).build(), diagnostics);
            main.out().print(plan.explain());
            return Main.OK;
        }
        EngineOptions options = indexMappings.applyTo(engineOptions.builder()).allowedLateness(input.allowedLateness())
                .orderSamplesByKey(true).build();
        Plan plan = RuleInput.compile(pack, options, diagnostics);
        RunProblems problems = new RunProblems(main.err(), input.label());
        List<Event> events = new ArrayList<>();
        try (InputStream in = main.open(input.events())) {
            JsonEventReader.full().readLines(in, (line, event) -> events.add(event), problems);
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
}
