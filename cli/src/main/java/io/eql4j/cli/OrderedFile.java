package io.eql4j.cli;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EventOrder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Hands the events of a file to an engine in the engine's own order (time, tiebreaker, line), so that the engine
 * runs with no allowed lateness and holds no events, yet finds exactly the matches it would find holding them all
 * (docs/notes/cli.md, "Files of any size"):
 *
 * <ol>
 *   <li>a first pass reads only each line's timestamp (and tiebreaker) and stops at the first event out of order;
 *       a file already in order (the usual case: logs are written as they happen) is then read once more, as
 *       it is;</li>
 *   <li>otherwise the lines are sorted in runs of bounded size, each run spilled to a temporary file, and the runs
 *       are merged while the engine reads them.</li>
 * </ol>
 *
 * Memory is bounded by the run size, not by the file. Events without a usable timestamp come first (the engine
 * reports and skips them); bad lines are reported by the pass that first reads them.
 */
final class OrderedFile {

    /** The key of an event without a usable timestamp: before all others, as the engine drops it anyway. */
    private static final EventOrder.Key NO_TIME = new EventOrder.Key(Long.MIN_VALUE, null);

    private final Supplier<InputStream> open;
    private final EventOrder order;
    /** Reads only the fields of the order. */
    private final JsonEventReader keys;

    private final JsonEventReader reader;
    private final long runBytes;

    /**
     * @param open    opens the file (called once or twice)
     * @param options the engine's options (their timestamp, tiebreaker and precision define the order)
     * @param reader  reads the events handed on
     */
    OrderedFile(Supplier<InputStream> open, EngineOptions options, JsonEventReader reader) {
        // a run's lines take about twice their size in memory, as records: an eighth of the heap for them
        this(
                open,
                options,
                reader,
                Math.max(1 << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 16)));
    }

    /** @param runBytes about how many bytes of lines a sorted run holds before it is spilled */
    OrderedFile(Supplier<InputStream> open, EngineOptions options, JsonEventReader reader, long runBytes) {
        this.open = open;
        this.order = EventOrder.of(options);
        // a plan reads the timestamp and tiebreaker fields of its options, whatever its rules read
        Plan keyPlan = EqlCompiler.compile(Rule.ofQuery("order", "any where true"), options);
        this.keys = JsonEventReader.forPlan(keyPlan);
        this.reader = reader;
        this.runBytes = runBytes;
    }

    /** Whether the file's events are in the engine's order (it reads the file up to the first one that is not). */
    boolean inOrder() throws IOException {
        EventOrder.Key[] last = {null};
        try (InputStream in = open.get()) {
            keys.readLines(
                    in,
                    (line, event) -> {
                        EventOrder.Key key = keyOf(event);
                        if (key == NO_TIME) {
                            return;
                        }
                        if (last[0] != null && key.compareTo(last[0]) < 0) {
                            throw new OutOfOrder();
                        }
                        last[0] = key;
                    },
                    (line, message) -> {});
            return true;
        } catch (OutOfOrder e) {
            return false;
        }
    }

    /** Reads the file as it is (for a file in order). */
    void readAsIs(JsonEventReader.EventHandler events, JsonEventReader.BadLineHandler bad) throws IOException {
        try (InputStream in = open.get()) {
            reader.readLines(in, events, bad);
        }
    }

    /** Reads the file's events sorted: runs in memory, spilled to temporary files when there is more than one. */
    void readSorted(JsonEventReader.EventHandler events, JsonEventReader.BadLineHandler bad) throws IOException {
        List<Path> runs = new ArrayList<>();
        try {
            List<Line> run = new ArrayList<>();
            long[] bytes = {0};
            try (InputStream in = open.get()) {
                keys.readLines(
                        in,
                        (line, event) -> {
                            byte[] text = ((String) event.source()).getBytes(StandardCharsets.UTF_8);
                            run.add(new Line(keyOf(event), line, text));
                            bytes[0] += text.length + 64;
                            if (bytes[0] >= runBytes) {
                                runs.add(spill(run));
                                run.clear();
                                bytes[0] = 0;
                            }
                        },
                        bad);
            }
            run.sort(Line.ORDER);
            if (runs.isEmpty()) {
                for (Line line : run) {
                    deliver(line, events);
                }
                return;
            }
            if (!run.isEmpty()) {
                runs.add(spill(run));
                run.clear();
            }
            merge(runs, events);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (Path p : runs) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void deliver(Line line, JsonEventReader.EventHandler events) {
        Event event = reader.readLine(line.number, line.text, 0, line.text.length);
        events.onEvent(line.number, event);
    }

    private EventOrder.Key keyOf(Event event) {
        try {
            return order.key(event);
        } catch (IllegalArgumentException noTime) {
            return NO_TIME;
        }
    }

    private static Path spill(List<Line> run) {
        run.sort(Line.ORDER);
        try {
            Path file = Files.createTempFile("eql4j-run-", ".tmp");
            file.toFile().deleteOnExit();
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                for (Line line : run) {
                    out.writeLong(line.number);
                    out.writeInt(line.text.length);
                    out.write(line.text);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Merges sorted runs, handing their events on in order. */
    private void merge(List<Path> runs, JsonEventReader.EventHandler events) throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head h) -> h.line, Line.ORDER));
        List<DataInputStream> inputs = new ArrayList<>();
        try {
            for (Path run : runs) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
                inputs.add(in);
                Head head = new Head(in);
                if (head.next()) {
                    heads.add(head);
                }
            }
            Head head;
            while ((head = heads.poll()) != null) {
                deliver(head.line, events);
                if (head.next()) {
                    heads.add(head);
                }
            }
        } finally {
            for (DataInputStream in : inputs) {
                in.close();
            }
        }
    }

    /** A line of the file with its place in the order. */
    private record Line(EventOrder.Key key, long number, byte[] text) {
        static final Comparator<Line> ORDER = Comparator.comparing(Line::key).thenComparingLong(Line::number);
    }

    /** The next line of a spilled run. */
    private final class Head {
        final DataInputStream in;
        Line line;

        Head(DataInputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            long number;
            try {
                number = in.readLong();
            } catch (EOFException end) {
                return false;
            }
            byte[] text = new byte[in.readInt()];
            in.readFully(text);
            line = new Line(keyOf(keys.readLine(number, text, 0, text.length)), number, text);
            return true;
        }
    }

    /** Ends the first pass at the first event out of order. */
    private static final class OutOfOrder extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfOrder() {
            super(null, null, false, false);
        }
    }
}
