package io.eql4j.runtime;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;

/** {@link ProblemListener#logging()}: problems through {@link System.Logger}, the first of each kind one by one. */
final class LoggingProblemListener implements ProblemListener {

    /** How many problems of each kind are logged one by one. */
    static final int LOGGED = 100;

    private final System.Logger logger;
    private final Map<EventProblem.Kind, Long> counts = new EnumMap<>(EventProblem.Kind.class);

    LoggingProblemListener(System.Logger logger) {
        this.logger = logger;
    }

    @Override
    public void onProblem(EventProblem problem) {
        long n = counts.merge(problem.kind(), 1L, Long::sum);
        if (n <= LOGGED) {
            logger.log(Level.WARNING, "eql4j: " + problem);
        } else if (n == LOGGED + 1) {
            logger.log(
                    Level.WARNING,
                    "eql4j: further problems of kind " + problem.kind()
                            + " are counted in the engine's stats, not logged");
        }
    }
}
