package io.eql4j.cli;

import io.eql4j.event.JsonEventReader;
import io.eql4j.runtime.EngineOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How {@code eql4j run} feeds its events to the engine (docs/notes/cli.md, "Files of any size" and "Both cores"): a
 * regular file read with the default lateness is handed over in the engine's order by {@link OrderedFile}, so that
 * the engine runs with no allowed lateness and holds no events; standard input, and a file with an explicit
 * {@code --allowed-lateness}, are read as they come, with that lateness. Either way the lines are read and parsed on
 * a second thread ({@link EventPipeline}) while the calling thread runs the engine.
 */
final class EventFeed {

    private final EventInput input;
    private final boolean fromStdin;
    private final Supplier<InputStream> open;
    private final boolean ordersFile;

    /**
     * @param fromStdin whether the events come from standard input ({@code --events -}, or none given)
     * @param open      opens the events (the input's file, or standard input)
     */
    EventFeed(EventInput input, boolean fromStdin, Supplier<InputStream> open) {
        this.input = input;
        this.fromStdin = fromStdin;
        this.open = open;
        this.ordersFile = input.given() && !input.stdin() && !input.latenessGiven() && regularFile(input.events());
    }

    private static boolean regularFile(String name) {
        try {
            return Files.isRegularFile(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The allowed lateness the engine should run with. */
    Duration lateness() {
        return ordersFile ? Duration.ZERO : input.allowedLateness(fromStdin);
    }

    /**
     * Reads the events, handing them to {@code events} (and the lines that are not events to {@code bad}) on the
     * calling thread, in the order the engine should see them.
     */
    void read(
            EngineOptions options,
            JsonEventReader reader,
            JsonEventReader.EventHandler events,
            JsonEventReader.BadLineHandler bad)
            throws IOException {
        EventPipeline.Source source;
        if (ordersFile) {
            OrderedFile file = new OrderedFile(open, options, reader);
            source = file.inOrder() ? file::readAsIs : file::readSorted;
        } else {
            source = (e, b) -> {
                try (InputStream in = open.get()) {
                    reader.readLines(in, e, b);
                }
            };
        }
        EventPipeline.run(source, events, bad);
    }
}
