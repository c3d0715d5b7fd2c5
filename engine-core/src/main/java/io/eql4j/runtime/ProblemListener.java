package io.eql4j.runtime;

/**
 * Receives the problems an engine meets with events (see {@link EventProblem}). An engine built without one uses
 * {@link #logging()}, so that no problem goes unseen; give your own to {@link EqlEngine.Builder#onProblem}.
 */
@FunctionalInterface
public interface ProblemListener {

    /** Called on the thread that feeds the engine. */
    void onProblem(EventProblem problem);

    /**
     * A listener that logs through {@link System.Logger} (logger {@code io.eql4j}, level {@code WARNING}), which
     * goes to {@code java.util.logging} unless the application installs another {@code System.LoggerFinder}
     * (SLF4J and Log4j offer one). The first {@value LoggingProblemListener#LOGGED} problems of each kind are
     * logged one by one, then one line says that further ones are only counted ({@link EqlEngine#stats()}).
     * Each call returns a new listener, with its own counts.
     */
    static ProblemListener logging() {
        return new LoggingProblemListener(System.getLogger("io.eql4j"));
    }
}
