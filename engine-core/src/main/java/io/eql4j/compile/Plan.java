package io.eql4j.compile;

import io.eql4j.rules.Rule;
import java.util.List;

/**
 * Compiled rules, ready to run: for each rule its compiled filters, join-key extractors and stage state machine.
 * A plan is immutable and thread-safe; any number of {@link io.eql4j.runtime.EqlEngine}s may run one plan, each
 * over its own stream. Obtain one from {@link EqlCompiler}.
 */
public interface Plan extends io.eql4j.event.FieldLayout {

    /** The compiled rules, in the order given. */
    List<Rule> rules();

    /**
     * The options the plan was compiled with, as given. When they were {@link io.eql4j.runtime.EngineOptions},
     * their run-time part is what engines of the plan use unless they are given other run-time options.
     */
    CompileOptions options();

    /** The names of every field the plan reads, in first-use order; other fields of an event are never read. */
    List<String> fields();

    /**
     * The plan as the engine will run it, for people: per rule its kind, stages, join keys, window, limits and
     * each condition as it is evaluated (constants folded, fields against constants as field predicates).
     */
    String explain();
}
