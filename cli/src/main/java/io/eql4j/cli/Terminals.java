package io.eql4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which of the standard streams a person sees: standard input decides whether {@code run} without {@code --events}
 * reads it (a pipe) or asks for events (a terminal); standard error decides whether progress is shown.
 *
 * @param stdin  whether standard input is a terminal
 * @param stderr whether standard error is a terminal
 */
record Terminals(boolean stdin, boolean stderr) {

    /** No terminal anywhere: a script, a test. */
    static final Terminals NONE = new Terminals(false, false);
    /** A person at a terminal. */
    static final Terminals ALL = new Terminals(true, true);

    /**
     * The process's streams. Java 17 can only tell whether both standard input and output are terminals
     * ({@code System.console()}); where {@code /proc/self/fd} exists (Linux) each stream is asked on its own, by
     * the device its descriptor points at.
     */
    static Terminals detect() {
        Boolean in = isTerminal(0);
        Boolean err = isTerminal(2);
        boolean console = System.console() != null;
        return new Terminals(in != null ? in : console, err != null ? err : console);
    }

    /** Whether descriptor {@code fd} is a terminal, or {@code null} when this system cannot say. */
    static Boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        try {
            return isTerminalDevice(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** Whether a descriptor that points at {@code target} (as {@code /proc/self/fd} shows it) is a terminal. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
