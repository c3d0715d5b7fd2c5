package io.eql4j.bench.seed;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed rule written by hand, as a competent engineer would for events in time order: one map from join key to
 * the time of the newest pending token read, in insertion (= time) order so that reads older than the window are
 * dropped from its head in O(1). Same semantics as the engine: the newest read of a key wins, {@code maxspan} is
 * inclusive, a completed sequence consumes its read, and an event that satisfies both stages completes a sequence
 * before it starts one.
 */
public final class HandWrittenSeedRule {

    private final LinkedHashMap<Object, Long> pending = new LinkedHashMap<>();
    private final SeedShape shape;
    private long matches;

    /** A matcher for nested maps. */
    public HandWrittenSeedRule() {
        this(SeedShape.NESTED);
    }

    /** A matcher for events of the given shape. */
    public HandWrittenSeedRule(SeedShape shape) {
        this.shape = shape;
    }

    /** Feeds the next event; events must come in time order. */
    public void accept(Map<String, Object> event) {
        boolean call = shape.isCall(event);
        boolean read = shape.isRead(event);
        if (!call && !read) {
            return;
        }
        long ts = shape.timestamp(event);
        expire(ts);
        if (call) {
            Object keys = shape.callKeys(event);
            if (keys instanceof List<?> many) {
                for (int i = 0; i < many.size(); i++) {
                    if (many.indexOf(many.get(i)) == i) {
                        complete(many.get(i), ts);
                    }
                }
            } else if (keys != null) {
                complete(keys, ts);
            }
        }
        if (read) {
            Object key = shape.readKey(event);
            if (key != null) {
                pending.remove(key);
                pending.put(key, ts);
            }
        }
    }

    private void complete(Object key, long ts) {
        Long start = pending.remove(key);
        if (start != null && ts - start <= SeedLogic.MAX_SPAN_MILLIS) {
            matches++;
        }
    }

    private void expire(long now) {
        for (Iterator<Long> it = pending.values().iterator(); it.hasNext(); ) {
            if (now - it.next() <= SeedLogic.MAX_SPAN_MILLIS) {
                return;
            }
            it.remove();
        }
    }

    /** The sequences completed so far. */
    public long matches() {
        return matches;
    }

    /** The reads waiting for an API call. */
    public int pending() {
        return pending.size();
    }

    /** Runs a whole stream and returns the number of matches. */
    public static long count(List<Map<String, Object>> events) {
        return count(events, SeedShape.NESTED);
    }

    /** Runs a whole stream of events of the given shape and returns the number of matches. */
    public static long count(List<Map<String, Object>> events, SeedShape shape) {
        HandWrittenSeedRule rule = new HandWrittenSeedRule(shape);
        for (Map<String, Object> e : events) {
            rule.accept(e);
        }
        return rule.matches();
    }
}
