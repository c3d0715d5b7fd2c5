package io.eql4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.bench.seed.SeedRule;
import io.eql4j.bench.seed.SeedStream;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.EventBytes;
import io.eql4j.event.JsonEventReader;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.RuntimeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Snapshot and restore of an engine that holds {@code pending} partial sequences of the seed rule (one per pod,
 * each holding its token-read event, read from JSON lines as {@code eql4j run} reads them), next to the baseline of
 * writing the same events as plain JSON lines and reading them back with the same reader, in the same run. The setup
 * prints the snapshot's size, the events' own JSON bytes, and the bytes per pending sequence beyond them.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@State(Scope.Benchmark)
public class StateBenchmark {

    @Param("1000000")
    public int pending;

    private Plan plan;
    private EqlEngine engine;
    private List<Event> events;
    private byte[] snapshot;
    private byte[] ndjson;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        plan = SeedRule.plan();
        JsonEventReader reader = JsonEventReader.forPlan(plan);
        ObjectMapper json = new ObjectMapper();
        events = new ArrayList<>(pending);
        engine = EqlEngine.create(
                plan,
                RuntimeOptions.defaults(),
                match -> {
                    throw new IllegalStateException("no sequence may complete: " + match);
                },
                problem -> {
                    throw new IllegalStateException(problem.toString());
                });
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (int i = 0; i < pending; i++) {
            // all within the 60 s window: every one stays pending
            long millis = SeedStream.START_MILLIS + (long) i * 50_000 / pending;
            byte[] line = json.writeValueAsBytes(SeedStream.tokenRead(millis, SeedStream.podName(i)));
            Event event = reader.read(line, 0, line.length);
            events.add(event);
            engine.accept(event);
            lines.write(line);
            lines.write('\n');
        }
        ndjson = lines.toByteArray();
        if (engine.stats().pendingSequences() != pending) {
            throw new IllegalStateException(engine.stats().pendingSequences() + " pending sequences, not " + pending);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.snapshot(out);
        snapshot = out.toByteArray();
        long eventBytes = ndjson.length - (long) pending; // without the newlines
        System.out.printf(
                "%nstate: %d pending sequences; snapshot %d bytes = events' own JSON %d bytes + %d bytes"
                        + " (%.1f bytes per pending sequence); plain JSON lines %d bytes%n",
                pending,
                snapshot.length,
                eventBytes,
                snapshot.length - eventBytes,
                (snapshot.length - eventBytes) / (double) pending,
                ndjson.length);
        EqlEngine restored = restore();
        if (restored.stats().pendingSequences() != pending) {
            throw new IllegalStateException("restored " + restored.stats().pendingSequences() + " of " + pending);
        }
    }

    @Benchmark
    public int snapshot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(snapshot.length + 64);
        engine.snapshot(out);
        return out.size();
    }

    @Benchmark
    public EqlEngine restore() throws IOException {
        return EqlEngine.restore(
                plan, RuntimeOptions.defaults(), new ByteArrayInputStream(snapshot), match -> {}, problem -> {});
    }

    /** Baseline for {@link #snapshot}: the same events written as JSON lines. */
    @Benchmark
    public int writeEventsAsJsonLines() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ndjson.length + 64);
        for (Event e : events) {
            out.write(EventBytes.json(e));
            out.write('\n');
        }
        return out.size();
    }

    /** Baseline for {@link #restore}: the same JSON lines read back by the plan's reader. */
    @Benchmark
    public long readEventsFromJsonLines() throws IOException {
        long[] count = {0};
        JsonEventReader.forPlan(plan)
                .readLines(new ByteArrayInputStream(ndjson), (line, event) -> count[0]++, (line, message) -> {
                    throw new IllegalStateException(message);
                });
        return count[0];
    }
}
