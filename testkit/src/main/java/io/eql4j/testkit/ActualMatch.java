package io.eql4j.testkit;

import io.eql4j.runtime.Match;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A match the engine reported, as a rule test sees it.
 *
 * @param eventIds the ids of its events as text, one per stage; {@code null} at a missing-event stage
 * @param keys     its join keys as text (empty for event queries and queries without {@code by})
 * @param match    the engine's match, with the events themselves
 */
public record ActualMatch(List<String> eventIds, List<String> keys, Match match) {

    /** Copies the lists. */
    public ActualMatch {
        eventIds = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(eventIds, "eventIds")));
        keys = List.copyOf(keys);
        Objects.requireNonNull(match, "match");
    }

    /** The match as a test file's {@code expect} entry, with its keys if it has any. */
    @Override
    public String toString() {
        return ExpectSyntax.match(eventIds, keys);
    }
}
