package io.eql4j.runtime;

import java.io.IOException;
import java.util.List;

/**
 * A snapshot that cannot be restored: truncated or corrupt, of a format version this eql4j does not read, or taken
 * with another plan (then {@link #differingRules()} names the rules that differ). No engine is made from it.
 */
public final class StateException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> differingRules;

    StateException(String message) {
        this(message, List.of(), null);
    }

    StateException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    StateException(String message, List<String> differingRules, Throwable cause) {
        super(message, cause);
        this.differingRules = List.copyOf(differingRules);
    }

    /** For a snapshot of another plan: the ids of the rules that changed, are new, or were removed; else empty. */
    public List<String> differingRules() {
        return differingRules;
    }
}
