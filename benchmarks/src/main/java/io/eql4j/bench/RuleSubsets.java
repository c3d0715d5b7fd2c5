package io.eql4j.bench;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EqlEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The rule sets of the rule-pack benchmarks: prefixes of one seeded shuffle of the corpus, so that the 1-rule set is
 * inside the 10-rule set, and so on, and a size names the same rules in every run.
 */
public final class RuleSubsets {

    /** The seed of the shuffle. */
    public static final long SHUFFLE_SEED = 11;
    /** The seed of the synthetic ECS stream. */
    public static final long STREAM_SEED = 7;

    private RuleSubsets() {}

    /** The first {@code size} rules ({@code "all"}: every rule) of the shuffled corpus. */
    public static List<Rule> take(List<Rule> corpus, String size) {
        List<Rule> shuffled = new ArrayList<>(corpus);
        Collections.shuffle(shuffled, new Random(SHUFFLE_SEED));
        int n = size.equals("all") ? shuffled.size() : Integer.parseInt(size);
        if (n < 1 || n > shuffled.size()) {
            throw new IllegalArgumentException("rules must be 1.." + shuffled.size() + " or all, not " + size);
        }
        return List.copyOf(shuffled.subList(0, n));
    }

    /** Runs {@code stream} (nested maps) through a fresh engine and returns the number of matches. */
    public static long count(Plan plan, List<Map<String, Object>> stream) {
        long[] matches = new long[1];
        EqlEngine engine = EqlEngine.create(plan, match -> matches[0]++);
        for (Map<String, Object> e : stream) {
            engine.accept(Event.of(e));
        }
        engine.finish();
        return matches[0];
    }
}
