package io.eql4j.cli;

import io.eql4j.compile.Plan;
import io.eql4j.event.JsonEventReader;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EngineStats;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.RuntimeOptions;
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
@Command(
        name = "run",
        footerHeading = "%nExamples (from the repository root, with bin/ on the PATH):%n",
        footer = {
            "  eql4j run --rules examples/rules \\",
            "      --events examples/events/k8s-sa-token-theft.ndjson",
            "  cat examples/events/k8s-sa-token-theft.ndjson |",
            "      eql4j run --rules examples/rules --format text",
            "  eql4j run --query 'process where process.name == \"cat\"' \\",
            "      --events examples/events/k8s-sa-token-theft.ndjson --format text"
        },
        description = {
            "Runs EQL rules over NDJSON events and prints the matches.",
            "Writes one JSON object per match to standard output (per rule in Elasticsearch's result order), with "
                    + "rule_id, rule_name, severity, risk_score, kind, join_keys and the matched events exactly as "
                    + "read (null for a missing event).",
            "Without --events it reads standard input when that is a pipe or a file (at a terminal it asks for "
                    + "--events); without --rules or --query it fails: 'eql4j demo' runs the bundled example.",
            "Stops quietly, with exit code 0, when its reader closes standard output (eql4j run ... | head -1).",
            "Malformed lines, events without a timestamp and late events are reported on standard error as "
                    + "FILE:LINE: message; the run goes on, and the exit code is then 1."
        })
final class RunCommand implements Callable<Integer> {

    /** The forms of output. */
    enum Format {
        NDJSON,
        TEXT
    }

    static final class Rules {
        @Option(
                names = "--query",
                paramLabel = "EQL",
                required = true,
                description = "Run this query (rule id 'query').")
        String query;

        @Option(
                names = "--rules",
                paramLabel = "PATH",
                arity = "1..*",
                required = true,
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
    private IndexMappingMixin indexMappings;

    @Mixin
    private RunState state;

    @Option(
            names = "--format",
            paramLabel = "ndjson|text",
            converter = FormatConverter.class,
            description = "ndjson: one JSON object per match (default); text: a short block per match for people.")
    private Format format = Format.NDJSON;

    /** Reads {@code --format} as the help spells it, in any case. */
    static final class FormatConverter extends Choice<Format> {
        FormatConverter() {
            super(Format.class);
        }
    }

    @Option(
            names = "--max-time-jump",
            paramLabel = "DURATION",
            converter = EventInput.LatenessConverter.class,
            description = "How far one event may move event time forward before the stream confirms it (an event "
                    + "beyond it waits until 2 further events at or after its time agree, and is reported if the "
                    + "stream goes on without it): 30s, 5m, 2h, 1d or unbounded (default: 1d).")
    private java.time.Duration maxTimeJump;

    @Option(
            names = {"-q", "--quiet"},
            description = "Say nothing on standard error but problems: no progress, no notes, no totals.")
    private boolean quiet;

    @Option(
            names = "--keep-going",
            description = "Run the rules that load and compile even when others do not: "
                    + "those are listed, and the exit code is then 1 (default: stop before reading any event).")
    private boolean keepGoing;

    @ParentCommand
    private Main main;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = main.err();
        PrintWriter notes = quiet ? null : err;
        // a file's events are put in order without holding them, stdin's read as they come (EventFeed)
        boolean fromStdin = !input.given() || input.stdin();
        String source = input.given() ? input.label() : "<stdin>";
        EventFeed feed = new EventFeed(input, fromStdin, () -> {
            try {
                return Input.refuseBinary(openEvents(), source);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        EngineOptions options = indexMappings
                .applyTo(engineOptions.builder())
                .allowedLateness(feed.lateness())
                .orderSamplesByKey(true) // the input is bounded: samples in Elasticsearch's order, at the end
                .build();
        RuleInput.Loaded loaded = rulePack(notes);
        Plan plan = loaded.compile(options, new Diagnostics(err, true), keepGoing);
        if (java.time.Duration.ZERO.equals(maxTimeJump)) {
            throw new CliException("--max-time-jump must be longer than 0 (unbounded turns the bound off)");
        }
        RuntimeOptions runtime = maxTimeJump == null
                ? options.runtimeOptions()
                : options.runtimeOptions().toBuilder().maxTimeJump(maxTimeJump).build();
        return execute(
                main,
                plan,
                loaded,
                (reader, events, bad) -> feed.read(options, reader, events, bad),
                source,
                format,
                quiet,
                fromStdin,
                input.limits(),
                "run",
                state,
                runtime);
    }

    /**
     * Runs a compiled plan over an NDJSON stream, writing the matches and reporting problems; shared with
     * {@code eql4j demo}.
     *
     * @param feed  hands the events over in the order the engine should see them
     * @param live  whether someone waits on the stream (standard input): each match is written out at once
     * @param state where the engine's state is loaded from and saved to ({@code --state}), if anywhere
     * @return the exit code
     */
    static int execute(
            Main main,
            Plan plan,
            RuleInput.Loaded rules,
            Feed feed,
            String source,
            Format format,
            boolean quiet,
            boolean live,
            JsonEventReader.Limits limits,
            String command,
            RunState state,
            RuntimeOptions runtime)
            throws IOException {
        PrintWriter err = main.err();
        PrintWriter notes = quiet ? null : err;
        RunProblems problems = new RunProblems(err, source);
        MatchWriter writer = format == Format.TEXT
                ? new TextMatchWriter(main.out(), plan.options().timestampField())
                : new JsonMatchWriter(main.out());
        EqlEngine engine = state.engine(
                plan,
                runtime,
                match -> {
                    writer.write(match);
                    if (live) {
                        writer.flush();
                    }
                },
                problems,
                notes,
                err);

        Progress progress = new Progress(err, main.terminal() && !quiet, System::nanoTime);
        LongSupplier matches = () -> engine.stats().matches();
        long[] events = {0};
        // only the fields the rules read are taken from each line; the rest is skipped, and a match writes the
        // matched lines back as they were read
        JsonEventReader reader = JsonEventReader.forPlan(plan).withLimits(limits);
        try {
            feed.read(
                    reader,
                    (line, event) -> {
                        engine.accept(event);
                        progress.update(++events[0], matches);
                    },
                    problems);
        } finally {
            progress.clear();
        }
        state.end(engine, notes);
        writer.flush();

        EngineStats stats = engine.stats();
        int ruleCount = plan.rules().size();
        if (notes != null) {
            notes.println("eql4j " + command + ": " + Words.count(stats.eventsReceived(), "event") + ", "
                    + Words.count(stats.matches(), "match", "matches") + ", " + Words.count(ruleCount, "rule")
                    + (stats.evictedSequences() > 0
                            ? ", " + Words.count(stats.evictedSequences(), "pending sequence") + " evicted ("
                                    + Words.count(stats.evictedByRule().size(), "rule") + ")"
                            : ""));
        }
        if (stats.evictedSequences() > 0) {
            err.println("eql4j " + command + ": warning: "
                    + Words.count(stats.evictedSequences(), "pending sequence") + " dropped to stay "
                    + "within the limit of pending sequences per rule; some matches may be missing");
        }
        boolean left = rules.reportLeftOut(err, "eql4j " + command);
        if (problems.any()) {
            err.println("eql4j " + command + ": " + problems.summary());
            return Main.PROBLEMS;
        }
        return left ? Main.PROBLEMS : Main.OK;
    }

    private RuleInput.Loaded rulePack(PrintWriter notes) {
        Diagnostics diagnostics = new Diagnostics(main.err(), true);
        if (rules == null) {
            throw new CliException("no rules given: name rule files or directories with --rules PATH..., or give a "
                    + "query with --query EQL ('eql4j demo' runs the bundled example)");
        }
        return rules.query != null
                ? RuleInput.Loaded.of(RuleInput.query(rules.query))
                : RuleInput.load(rules.paths, diagnostics, notes, keepGoing);
    }

    /** How the events reach the engine: read with the given reader, in the order the engine should see them. */
    @FunctionalInterface
    interface Feed {
        void read(JsonEventReader reader, JsonEventReader.EventHandler events, JsonEventReader.BadLineHandler bad)
                throws IOException;
    }

    private InputStream openEvents() {
        if (input.given()) {
            return main.open(input.events());
        }
        if (main.stdinIsTerminal()) {
            throw new CliException("no events given: name a file with --events FILE, or pipe NDJSON into standard "
                    + "input ('eql4j demo' runs the bundled example)");
        }
        return main.open("-");
    }
}
