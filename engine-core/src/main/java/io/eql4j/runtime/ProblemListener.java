package io.eql4j.runtime;

/** Receives the problems an engine meets with events (see {@link EventProblem}). */
@FunctionalInterface
public interface ProblemListener {

    /** Called on the thread that feeds the engine. */
    void onProblem(EventProblem problem);
}
