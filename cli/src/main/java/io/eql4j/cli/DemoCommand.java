package io.eql4j.cli;

import io.eql4j.compile.Plan;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code eql4j demo}: the bundled rule over the bundled sample stream, as {@code run} would run them. This is the
 * only command that uses bundled rules or events: {@code run} never falls back on them.
 */
@Command(
        name = "demo",
        footerHeading = "%nExamples (from the repository root, with bin/ on the PATH):%n",
        footer = {"  eql4j demo", "  eql4j demo --format ndjson --quiet"},
        description = {
            "Runs the bundled detection rule over the bundled Kubernetes event stream and prints its "
                    + "four detections (a service-account token read in a container, then an API request as that pod).",
            "The same as 'eql4j run --rules <bundled rule> --events <bundled stream> --format text'; the rule "
                    + "and the stream are in the repository's examples/ directory."
        })
final class DemoCommand implements Callable<Integer> {

    /** The bundled sample stream, a class path resource under examples/ here (absent if built without examples). */
    static final String SAMPLE_EVENTS = "k8s-sa-token-theft.ndjson";

    @Option(
            names = "--format",
            paramLabel = "ndjson|text",
            converter = RunCommand.FormatConverter.class,
            description = "text: a short block per match (default); ndjson: one JSON object per match.")
    private RunCommand.Format format = RunCommand.Format.TEXT;

    @Option(
            names = {"-q", "--quiet"},
            description = "Say nothing on standard error: no notes, no totals.")
    private boolean quiet;

    @ParentCommand
    private Main main;

    @Override
    public Integer call() throws IOException {
        PrintWriter notes = quiet ? null : main.err();
        Diagnostics diagnostics = new Diagnostics(main.err(), true);
        RuleInput.Loaded rules = RuleInput.checked(RulePack.bundled(), diagnostics, notes, "bundled with eql4j", false);
        InputStream sample = DemoCommand.class.getResourceAsStream("examples/" + SAMPLE_EVENTS);
        if (sample == null) {
            throw new CliException("this build has no bundled sample events (it was built without examples/)");
        }
        if (notes != null) {
            notes.println("eql4j demo: running the bundled rule '"
                    + String.join(
                            "', '",
                            rules.pack().rules().stream().map(Rule::name).toList()) + "' over the bundled stream "
                    + SAMPLE_EVENTS);
        }
        EngineOptions options = EngineOptions.builder()
                .allowedLateness(EventInput.UNBOUNDED)
                .orderSamplesByKey(true)
                .build();
        Plan plan = rules.compile(options, diagnostics, false);
        try (InputStream in = sample) {
            return RunCommand.execute(
                    main,
                    plan,
                    rules,
                    (reader, events, bad) -> reader.readLines(in, events, bad),
                    "bundled:" + SAMPLE_EVENTS,
                    format,
                    quiet,
                    false,
                    JsonEventReader.Limits.defaults(),
                    "demo",
                    new RunState(),
                    options.runtimeOptions());
        }
    }
}
