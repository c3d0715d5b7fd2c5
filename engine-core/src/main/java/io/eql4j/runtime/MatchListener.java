package io.eql4j.runtime;

/** Receives an engine's matches, each as soon as it is final, per rule in Elasticsearch's result order. */
@FunctionalInterface
public interface MatchListener {

    /** Called on the thread that feeds the engine. */
    void onMatch(Match match);
}
