package io.eql4j.bench.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How a generated stream's events are laid out in memory. Both layouts hold equal events; only the sharing of
 * objects differs, which decides whether a pass over a large pre-built stream is bound by memory or by the code.
 */
public enum Layout {

    /**
     * Every event is its own tree, as a JSON decoder builds it (one to two KB per event): a pass over a stream
     * larger than the caches reads all of it from memory, so it measures memory bandwidth as much as the code.
     */
    DISTINCT,

    /**
     * Equal subtrees (an {@code event} object with the same category, type and action, the same {@code host},
     * ...) are one shared instance; each event keeps its own top-level object, so its timestamp and whatever is
     * unique to it. Lookups mostly hit the caches, as they do for an event that was just decoded.
     */
    SHARED;

    /** Lays out the events of one stream, one at a time (in place for {@link #SHARED}). */
    public UnaryOperator<Map<String, Object>> forStream() {
        if (this == DISTINCT) {
            return UnaryOperator.identity();
        }
        Map<Object, Object> canonical = new HashMap<>();
        return event -> {
            event.replaceAll((k, v) -> share(v, canonical));
            return event;
        };
    }

    /** The canonical instance of a value equal to {@code v}, its objects and arrays shared as well. */
    @SuppressWarnings("unchecked")
    private static Object share(Object v, Map<Object, Object> canonical) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            copy.replaceAll((k, child) -> share(child, canonical));
            return canonical.computeIfAbsent(copy, x -> x);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(child -> copy.add(share(child, canonical)));
            return canonical.computeIfAbsent(copy, x -> x);
        }
        return v;
    }
}
