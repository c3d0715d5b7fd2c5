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
    SHARED,

    /**
     * One flat map per event, as many Java pipelines hand events over: every leaf under its dotted ECS name as a
     * top-level key ({@code "event.action": "open"}, {@code "kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name": [...]}),
     * arrays kept as they are (an array of objects keeps its objects, flattened in turn). The keys are one
     * instance per name across the stream; the values
     * are the event's own, as in {@link #DISTINCT}. The names are interned, as Java's literals and Jackson's field
     * names are (the other layouts' keys are literals).
     */
    FLAT;

    /** Lays out the events of one stream, one at a time (in place for {@link #SHARED}). */
    public UnaryOperator<Map<String, Object>> forStream() {
        if (this == DISTINCT) {
            return UnaryOperator.identity();
        }
        if (this == FLAT) {
            Map<String, String> names = new HashMap<>();
            return event -> flatten(event, names);
        }
        Map<Object, Object> canonical = new HashMap<>();
        return event -> {
            event.replaceAll((k, v) -> share(v, canonical));
            return event;
        };
    }

    /** The event as one map of dotted names to leaves, in the order of a depth-first walk. */
    static Map<String, Object> flatten(Map<String, Object> event, Map<String, String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        flattenInto(out, "", event, names);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flattenInto(
            Map<String, Object> out, String prefix, Map<String, Object> object, Map<String, String> names) {
        object.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child) {
                flattenInto(out, name, (Map<String, Object>) child, names);
            } else {
                out.put(names.computeIfAbsent(name, String::intern), flatList(value, names));
            }
        });
    }

    /** A value as it stands under its flat name: objects inside arrays flattened themselves. */
    @SuppressWarnings("unchecked")
    private static Object flatList(Object value, Map<String, String> names) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        List<Object> copy = new ArrayList<>(list.size());
        for (Object element : list) {
            copy.add(
                    element instanceof Map<?, ?> m
                            ? flatten((Map<String, Object>) m, names)
                            : flatList(element, names));
        }
        return copy;
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
