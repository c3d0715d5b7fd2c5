package io.eql4j.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A match a rule must produce: the ids of its events, one per stage in stage order, and optionally its join keys.
 *
 * @param eventIds the event ids as text; a {@code null} element stands for a missing-event stage ({@code ![...]},
 *                 written {@code { missing = true }})
 * @param keys     the join keys as text (see {@link #withKeys}), or {@code null} when the keys are not checked
 */
public record ExpectedMatch(List<String> eventIds, List<String> keys) {

    /** Copies the lists (the id list may hold {@code null}s; the key list may not). */
    public ExpectedMatch {
        eventIds = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(eventIds, "eventIds")));
        keys = keys == null ? null : List.copyOf(keys);
    }

    /**
     * A match of these event ids, keys not checked. Pass {@code null} for a missing-event stage:
     * {@code ExpectedMatch.of("a-1", null, "a-3")}.
     */
    public static ExpectedMatch of(String... eventIds) {
        return new ExpectedMatch(Arrays.asList(eventIds), null);
    }

    /**
     * This match, with its join keys checked too: each value is compared by its text, as in a test file's
     * {@code keys} (a string as is, an integer by its digits, a float as {@link Double#toString(double)}, a boolean
     * as {@code true}/{@code false}, {@code null} as {@code "null"}).
     */
    public ExpectedMatch withKeys(Object... keys) {
        List<String> texts = new ArrayList<>(keys.length);
        for (Object k : keys) {
            texts.add(ExpectSyntax.keyText(k));
        }
        return new ExpectedMatch(eventIds, texts);
    }

    /** Whether {@code actual} has these event ids, and these keys when they are checked. */
    public boolean matches(ActualMatch actual) {
        return eventIds.equals(actual.eventIds()) && (keys == null || keys.equals(actual.keys()));
    }

    /** The match as a test file's {@code expect} entry. */
    @Override
    public String toString() {
        return ExpectSyntax.match(eventIds, keys);
    }
}
