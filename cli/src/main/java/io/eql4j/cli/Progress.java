package io.eql4j.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for a person watching a long run: events read, events per second, matches so far.
 * It appears after the first second, is rewritten in place at most four times a second, and is cleared at the end.
 */
final class Progress {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long FIRST_AFTER = NANOS_PER_SECOND;
    private static final long EVERY = NANOS_PER_SECOND / 4;

    private final PrintWriter err;
    private final LongSupplier clock;
    private final boolean enabled;
    private final long start;
    private long next;
    private int shown; // the length of the line on screen, to clear it

    /**
     * @param enabled whether to show anything
     * @param clock   nanoseconds, as {@link System#nanoTime()}
     */
    Progress(PrintWriter err, boolean enabled, LongSupplier clock) {
        this.err = err;
        this.enabled = enabled;
        this.clock = clock;
        this.start = enabled ? clock.getAsLong() : 0;
        this.next = start + FIRST_AFTER;
    }

    /** Called for every event; looks at the clock only every 1024 events, and asks for matches only to show them. */
    void update(long events, LongSupplier matches) {
        if (!enabled || (events & 1023) != 0) {
            return;
        }
        long now = clock.getAsLong();
        if (now - next < 0) {
            return;
        }
        next = now + EVERY;
        long perSecond = events * NANOS_PER_SECOND / Math.max(1, now - start);
        String text = String.format("%,d events read, %,d/s, %,d matches", events, perSecond, matches.getAsLong());
        err.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
        err.flush();
        shown = text.length();
    }

    /** Removes the line, if shown. */
    void clear() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }
}
