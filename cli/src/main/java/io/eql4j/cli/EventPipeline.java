package io.eql4j.cli;

import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads events on a second thread while the calling thread evaluates them (docs/notes/cli.md, "Both cores"): the reader
 * thread splits and parses lines into batches, the calling thread takes the batches in order and hands each event
 * and each bad line to its handlers, so they see exactly what a single thread reading and evaluating would see, in
 * the same order. At most {@link #QUEUED} batches wait, so memory stays bounded whatever the input's size.
 */
final class EventPipeline {

    /** What reads the events: calls the handlers in input order, on the reader thread. */
    @FunctionalInterface
    interface Source {
        void read(JsonEventReader.EventHandler events, JsonEventReader.BadLineHandler bad) throws IOException;
    }

    static final int BATCH = 512;
    static final int QUEUED = 8;

    /** A batch of input items: an event (with its line), or a bad line (event null, message set). */
    private static final class Batch {
        final long[] lines = new long[BATCH];
        final Event[] events = new Event[BATCH];
        final String[] messages = new String[BATCH];
        int size;
        /** The last batch: the source ended (failure set if it failed). */
        boolean last;

        Throwable failure;
    }

    private EventPipeline() {}

    /**
     * Runs {@code source} on a reader thread and delivers its events and bad lines to the handlers on the calling
     * thread, in order. Returns when the source has ended and every item was delivered.
     *
     * @throws IOException when the source failed to read
     */
    static void run(Source source, JsonEventReader.EventHandler events, JsonEventReader.BadLineHandler bad)
            throws IOException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
        Thread reader = new Thread(() -> produce(source, queue), "eql4j-reader");
        reader.setDaemon(true);
        reader.start();
        boolean done = false;
        try {
            while (true) {
                Batch batch = queue.take();
                for (int i = 0; i < batch.size; i++) {
                    if (batch.events[i] != null) {
                        events.onEvent(batch.lines[i], batch.events[i]);
                    } else {
                        bad.onBadLine(batch.lines[i], batch.messages[i]);
                    }
                }
                if (batch.last) {
                    done = true;
                    rethrow(batch.failure);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading events");
        } finally {
            if (!done) {
                // the consumer failed (a handler threw): stop the reader, which may be waiting for room
                reader.interrupt();
            }
        }
    }

    private static void produce(Source source, BlockingQueue<Batch> queue) {
        Batch[] current = {new Batch()};
        Throwable failure = null;
        try {
            source.read(
                    (line, event) -> add(queue, current, line, event, null),
                    (line, message) -> add(queue, current, line, null, message));
        } catch (Throwable t) {
            failure = t instanceof Stop ? null : t;
            if (t instanceof Stop) {
                return; // the consumer is gone
            }
        }
        Batch last = current[0];
        last.last = true;
        last.failure = failure;
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            // the consumer is gone
        }
    }

    private static void add(BlockingQueue<Batch> queue, Batch[] current, long line, Event event, String message) {
        Batch batch = current[0];
        batch.lines[batch.size] = line;
        batch.events[batch.size] = event;
        batch.messages[batch.size] = message;
        if (++batch.size == BATCH) {
            try {
                queue.put(batch);
            } catch (InterruptedException e) {
                throw new Stop();
            }
            current[0] = new Batch();
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /** Unwinds the reader thread when the consumer has gone. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }
}
