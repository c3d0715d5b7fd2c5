package io.eql4j.cli;

import io.eql4j.compile.Plan;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EngineStats;
import io.eql4j.runtime.EqlEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code eql4j run}: rules over NDJSON events, one output line (or block) per match. */
@Command(name = "run",
        description = {"Runs EQL rules over NDJSON events and prints the matches.",
                "Writes one JSON object per match to standard output (per rule in Elasticsearch's result order), with "
                        + "rule_id, rule_name, severity, risk_score, kind, join_keys and the matched events exactly as "
                        + "read (null for a missing event).",
                "Without --query or --rules it runs the bundled rules, and without --events it reads the bundled "
                        + "sample stream.",
                "Malformed lines, events without a timestamp and late events are reported on standard error as "
                        + "FILE:LINE: message; the run goes on, and the exit code is then 1."})
final class RunCommand implements Callable<Integer> {

    /** The bundled sample stream, a class path resource under examples/ here (absent if built without examples). */
    static final String SAMPLE_EVENTS = "k8s-sa-token-theft.ndjson";

    /** The forms of output. */
    enum Format { NDJSON, TEXT }

    static final class Rules {
        @Option(names = "--query", paramLabel = "EQL", required = true, description = "Run this query (rule id 'query').")
        String query;

        @Option(names = "--rules", paramLabel = "PATH", arity = "1..*", required = true,
                description = "Run the rules in these rule files (TOML, .eql) and directories.")
        List<Path> paths;
    }

    @ArgGroup(exclusive = true)
    private Rules rules;

    @Mixin
    private EventInput input;

    @Mixin
    private EngineOptionsMixin engineOptions;

    @Mixin
    private RunState state;

    @Option(names = "--format", paramLabel = "ndjson|text",
            description = "ndjson: one JSON object per match (default); text: a short block per match for people.")
    private Format format = Format.NDJSON;

    @Option(names = {"-q", "--quiet"},
            description = "Say nothing on standard error but problems: no progress, no notes, no totals.")
    private boolean quiet;

    @ParentCommand
    private Main main;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = main.err();
        PrintWriter notes = quiet ? null : err;
        EngineOptions options = engineOptions.builder()
                .allowedLateness(input.allowedLateness())
                .orderSamplesByKey(true) // the input is bounded: samples in Elasticsearch's order, at the end
                .build();
        RulePack pack = rulePack(notes);
        Plan plan = RuleInput.compile(pack, options, new Diagnostics(err, true));

        String source = input.given() ? input.label() : "bundled:" + SAMPLE_EVENTS;
        RunProblems problems = new RunProblems(err, source);
        MatchWriter writer = format == Format.TEXT ? new TextMatchWriter(main.out(), options.timestampField())
                : new JsonMatchWriter(main.out());
        boolean live = input.stdin(); // a stream someone waits on: each match is written out at once
        EqlEngine engine = state.engine(plan, options.runtimeOptions(), match -> {
            writer.write(match);
            if (live) {
                writer.flush();
            }
        }, problems, notes, err);

        Progress progress = new Progress(err, main.terminal() && !quiet, System::nanoTime);
        LongSupplier matches = () -> engine.stats().matches();
        long[] events = {0};
        // only the fields the rules read are taken from each line; the rest is skipped, and a match writes the
        // matched lines back as they were read
        JsonEventReader reader = JsonEventReader.forPlan(plan);
        try (InputStream in = openEvents(notes)) {
            reader.readLines(in, (line, event) -> {
                engine.accept(event);
                progress.update(++events[0], matches);
            }, problems);
        } finally {
            progress.clear();
        }
        state.end(engine, notes);
        writer.flush();

        EngineStats stats = engine.stats();
        if (notes != null) {
            notes.println("eql4j run: " + stats.eventsReceived() + " events, " + stats.matches() + " matches, "
                    + pack.size() + (pack.size() == 1 ? " rule" : " rules"));
        }
        if (stats.evictedSequences() > 0) {
            err.println("eql4j run: warning: " + stats.evictedSequences() + " pending sequences were dropped to stay "
                    + "within the limit of pending sequences per rule; some matches may be missing");
        }
        if (problems.any()) {
            err.println("eql4j run: " + problems.summary());
            return Main.PROBLEMS;
        }
        return Main.OK;
    }

    private RulePack rulePack(PrintWriter notes) {
        Diagnostics diagnostics = new Diagnostics(main.err(), true);
        if (rules == null) {
            RulePack pack = RuleInput.checked(RulePack.bundled(), diagnostics, notes, "bundled with eql4j");
            if (notes != null) {
                notes.println("eql4j run: no --query or --rules: running the " + pack.size() + " bundled rule(s): "
                        + String.join(", ", pack.rules().stream().map(Rule::name).toList()));
            }
            return pack;
        }
        return rules.query != null ? RuleInput.query(rules.query) : RuleInput.load(rules.paths, diagnostics, notes);
    }

    private InputStream openEvents(PrintWriter notes) {
        if (input.given()) {
            return main.open(input.events());
        }
        InputStream sample = RunCommand.class.getResourceAsStream("examples/" + SAMPLE_EVENTS);
        if (sample == null) {
            throw new CliException("no --events given, and this build has no bundled sample events");
        }
        if (notes != null) {
            notes.println("eql4j run: no --events: reading the bundled sample stream " + SAMPLE_EVENTS);
        }
        return sample;
    }
}
