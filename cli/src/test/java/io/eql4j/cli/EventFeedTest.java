package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.compile.TimestampPrecision;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code eql4j run} does with a file by default (its events put in order by {@link OrderedFile}, read on a
 * second thread by {@link EventPipeline}, the engine with no lateness) finds exactly the matches, in exactly the
 * order, of one thread reading the file into an engine that holds every event (unbounded lateness): over every
 * dataset of the Elasticsearch conformance suite with all its queries as one pack, as the file is and shuffled,
 * with sorted runs small enough to spill.
 */
class EventFeedTest {

    @TempDir
    Path dir;

    /** One dataset of the suite: its events, its queries, and the options it is run with. */
    private record Dataset(Path events, List<String> queries, EngineOptions.Builder options) {}

    @Test
    void orderedAndPipelinedRunsFindWhatAnEngineHoldingEveryEventFinds() throws IOException {
        List<Dataset> datasets = datasets();
        assertThat(datasets).as("datasets in datasets.toml").hasSizeGreaterThanOrEqualTo(4);
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        int compared = 0;
        for (Dataset d : datasets) {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < d.queries().size(); i++) {
                Rule rule = Rule.ofQuery("q" + i, d.queries().get(i));
                try {
                    EqlCompiler.compile(rule, d.options().build());
                    rules.add(rule);
                } catch (RuntimeException refused) {
                    // queries the suite expects to fail, or that the engine does not support: not this test's subject
                }
            }
            List<String> lines = Files.readAllLines(d.events(), StandardCharsets.UTF_8);
            List<String> shuffled = new ArrayList<>(lines);
            Collections.shuffle(shuffled, rnd);
            for (List<String> content : List.of(lines, shuffled)) {
                byte[] bytes = (String.join("\n", content) + "\n").getBytes(StandardCharsets.UTF_8);
                List<String> reference = reference(rules, d.options(), bytes);
                for (long runBytes : new long[] {bytes.length / 5 + 1, Long.MAX_VALUE}) {
                    assertThat(ordered(rules, d.options(), bytes, runBytes))
                            .as(
                                    "%s (%s, runs of %d bytes, seed %d)",
                                    d.events().getFileName(),
                                    content == lines ? "as written" : "shuffled",
                                    runBytes,
                                    seed)
                            .isEqualTo(reference);
                }
                compared += reference.size();
            }
        }
        assertThat(compared).as("matches compared").isGreaterThan(500);
    }

    @Test
    void runOverAShuffledFileByDefaultPrintsWhatAnUnboundedRunPrints() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Cli.SAMPLE_EVENTS, StandardCharsets.UTF_8));
        long seed = System.nanoTime();
        Collections.shuffle(lines, new Random(seed));
        lines.add(7, "{not json");
        Path file = dir.resolve("shuffled.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Cli.Result ordered = Cli.run("run", "-q", "--rules", Cli.SEED_RULE.toString(), "--events", file.toString());
        Cli.Result holding = Cli.run(
                "run",
                "-q",
                "--rules",
                Cli.SEED_RULE.toString(),
                "--events",
                file.toString(),
                "--allowed-lateness",
                "unbounded");
        assertThat(ordered.out()).as("seed %d", seed).isNotEmpty().isEqualTo(holding.out());
        assertThat(ordered.err()).contains(":8:");
        assertThat(ordered.exit()).isEqualTo(holding.exit());
        // without the ordering, a shuffled file run with no lateness loses events as late
        Cli.Result late = Cli.run(
                "run",
                "-q",
                "--rules",
                Cli.SEED_RULE.toString(),
                "--events",
                file.toString(),
                "--allowed-lateness",
                "0");
        assertThat(late.err()).contains("late");
    }

    @Test
    void thePipelineDeliversEveryEventAndBadLineInOrderAndPassesFailuresOn() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5_000; i++) {
            text.append(
                            i % 777 == 0
                                    ? "{not json"
                                    : i % 1000 == 0 ? "" : "{\"@timestamp\": " + i + ", \"n\": " + i + "}")
                    .append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        JsonEventReader reader = JsonEventReader.full();
        List<String> single = new ArrayList<>();
        reader.readLines(
                new ByteArrayInputStream(bytes),
                (line, e) -> single.add(line + " " + e.source()),
                (line, message) -> single.add(line + " bad " + message));
        List<String> piped = new ArrayList<>();
        EventPipeline.run(
                (events, bad) -> reader.readLines(new ByteArrayInputStream(bytes), events, bad),
                (line, e) -> piped.add(line + " " + e.source()),
                (line, message) -> piped.add(line + " bad " + message));
        assertThat(piped).isEqualTo(single).hasSize(5_000 - 5);

        IOException broken = new IOException("disk gone");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventPipeline.run(
                        (events, bad) -> {
                            events.onEvent(1, reader.read("{}"));
                            throw broken;
                        },
                        (line, e) -> {},
                        (line, m) -> {}))
                .isSameAs(broken);
        RuntimeException handler = new IllegalStateException("listener failed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventPipeline.run(
                        (events, bad) -> reader.readLines(new ByteArrayInputStream(bytes), events, bad),
                        (line, e) -> {
                            throw handler;
                        },
                        (line, m) -> {}))
                .isSameAs(handler);
    }

    /** One thread, every event held until the end: Elasticsearch's exact order whatever the file's. */
    private static List<String> reference(List<Rule> rules, EngineOptions.Builder options, byte[] bytes)
            throws IOException {
        Plan plan = EqlCompiler.compile(
                rules,
                options.allowedLateness(Duration.ofSeconds(Long.MAX_VALUE)).build());
        List<String> out = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(plan, m -> out.add(describe(m)));
        JsonEventReader.forPlan(plan)
                .readLines(new ByteArrayInputStream(bytes), (line, e) -> engine.accept(e), (line, message) -> {});
        engine.finish();
        return out;
    }

    /**
     * As {@code eql4j run} over a file: in order by {@link OrderedFile}, through the pipeline, no lateness, the
     * default bound on a jump in time. The data is honest: nothing may be late or reported as a jump in time.
     */
    private static List<String> ordered(List<Rule> rules, EngineOptions.Builder options, byte[] bytes, long runBytes)
            throws IOException {
        EngineOptions opts = options.allowedLateness(Duration.ZERO).build();
        assertThat(opts.runtimeOptions().maxTimeJump())
                .isEqualTo(io.eql4j.runtime.RuntimeOptions.defaults().maxTimeJump());
        Plan plan = EqlCompiler.compile(rules, opts);
        List<String> out = new ArrayList<>();
        List<io.eql4j.runtime.EventProblem> problems = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(plan, opts.runtimeOptions(), m -> out.add(describe(m)), problems::add);
        JsonEventReader reader = JsonEventReader.forPlan(plan);
        OrderedFile file = new OrderedFile(() -> new ByteArrayInputStream(bytes), opts, reader, runBytes);
        EventPipeline.Source source = file.inOrder() ? file::readAsIs : file::readSorted;
        EventPipeline.run(source, (line, e) -> engine.accept(e), (line, message) -> {});
        engine.finish();
        assertThat(problems)
                .as("time problems on honest data in time order")
                .filteredOn(p -> p.kind() == io.eql4j.runtime.EventProblem.Kind.TIME_JUMP
                        || p.kind() == io.eql4j.runtime.EventProblem.Kind.LATE)
                .isEmpty();
        return out;
    }

    private static String describe(io.eql4j.runtime.Match m) {
        StringBuilder sb = new StringBuilder(m.rule().ruleId());
        for (Event e : m.events()) {
            sb.append(' ').append(e == null ? "-" : String.valueOf(e.source()));
        }
        return sb.toString();
    }

    /** The suite's datasets: datasets.toml's files, their queries (query = '''...''') and options. */
    private static List<Dataset> datasets() throws IOException {
        Path es = Cli.shared("conformance/es");
        String toml = Files.readString(es.resolve("datasets.toml"));
        List<Dataset> out = new ArrayList<>();
        for (String entry : toml.split("\\[\\[files]]")) {
            Matcher events = Pattern.compile("events = \"([^\"]+)\"").matcher(entry);
            Matcher queries = Pattern.compile("queries = \\[([^\\]]*)]").matcher(entry);
            if (!events.find() || !queries.find()) {
                continue;
            }
            EngineOptions.Builder options = EngineOptions.builder();
            Matcher tie = Pattern.compile("tiebreaker_field = \"([^\"]+)\"").matcher(entry);
            if (tie.find()) {
                options.tiebreakerField(tie.group(1));
            }
            if (entry.contains("timestamp_precision = \"nanos\"")) {
                options.timestampPrecision(TimestampPrecision.NANOS);
            }
            List<String> texts = new ArrayList<>();
            Matcher names = Pattern.compile("\"([^\"]+)\"").matcher(queries.group(1));
            while (names.find()) {
                Path file = es.resolve("suite").resolve(names.group(1));
                if (Files.exists(file)) {
                    Matcher q = Pattern.compile("query = '''(.*?)'''", Pattern.DOTALL)
                            .matcher(Files.readString(file));
                    while (q.find()) {
                        texts.add(q.group(1).trim());
                    }
                }
            }
            out.add(new Dataset(es.resolve("data").resolve(events.group(1)), texts, options));
        }
        return out;
    }
}
