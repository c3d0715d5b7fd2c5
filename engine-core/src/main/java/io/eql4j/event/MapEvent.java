package io.eql4j.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link Event} over nested {@link Map}s and {@link List}s. */
final class MapEvent implements Event {

    private static final TreeResolver<Object> RESOLVER = new TreeResolver<>() {
        @Override
        boolean isObject(Object node) {
            return node instanceof Map;
        }

        @Override
        Object child(Object node, String key) {
            return ((Map<?, ?>) node).get(key);
        }

        @Override
        Iterable<?> elements(Object node) {
            return node instanceof List<?> l ? l : null;
        }

        @Override
        Object leaf(Object node) {
            return node instanceof String || !(node instanceof Map) ? node : null;
        }
    };

    private final Map<String, ?> map;

    MapEvent(Map<String, ?> map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    @Override
    public Object field(FieldPath path) {
        return RESOLVER.resolve(map, path, 0);
    }

    @Override
    public Object source() {
        return map;
    }

    @Override
    public String toString() {
        return String.valueOf(map);
    }
}
