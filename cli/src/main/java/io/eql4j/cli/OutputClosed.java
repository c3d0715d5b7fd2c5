package io.eql4j.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output was closed by its reader (a pipe into {@code head}, a pager that quit): the command stops at
 * once and quietly, with exit code 0, as {@code grep} does. Thrown by {@link Watch}, which writes to a
 * {@link PrintStream} (that never throws) and checks it after each write.
 */
final class OutputClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputClosed() {
        super("standard output is closed", null, false, false);
    }

    /** Whether {@code e}, or something that caused it, is an {@code OutputClosed}. */
    static boolean causes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutputClosed) {
                return true;
            }
        }
        return false;
    }

    /**
     * Passes writes on to a {@link PrintStream} and throws {@link OutputClosed} once it reports an error. It is
     * written to in buffer-sized blocks, so the check (which flushes the stream) costs little.
     */
    static final class Watch extends OutputStream {
        private final PrintStream out;

        Watch(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
            check();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
            check();
        }

        @Override
        public void flush() {
            check(); // checkError flushes
        }

        private void check() {
            if (out.checkError()) {
                throw new OutputClosed();
            }
        }
    }
}
