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

        @Override
        boolean isNull(Object node) {
            return node == null;
        }

        @Override
        boolean hasNullChild(Object node, String key) {
            Map<?, ?> map = (Map<?, ?>) node;
            return map.get(key) == null && map.containsKey(key);
        }
    };

    private final Map<String, ?> map;
    /** Whether a top-level key holds a dot: 0 not known yet, 1 no, 2 yes. */
    private byte dottedKeys;

    MapEvent(Map<String, ?> map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    @Override
    public Object field(FieldPath path) {
        Object top = map.get(path.joined(0, 1));
        if (top != null) {
            Object value = RESOLVER.resolve(top, path, 1, true);
            if (value != null || path.size() == 1) {
                return value;
            }
        } else if (path.size() == 1) {
            return null;
        }
        // the rest may stand under a dotted top-level key; most events have none, which a scan of the top-level
        // keys (once per event, on the first miss) tells, saving a lookup per segment of every absent field
        // (the first segment alone was just tried: only keys joining two or more segments are left)
        return hasDottedKeys() ? RESOLVER.resolveLonger(map, path, 0) : null;
    }

    private boolean hasDottedKeys() {
        if (dottedKeys == 0) {
            // forEach, not keySet(): a map keeps the key-set view it hands out, which would stay in the user's map
            boolean[] dotted = {false};
            map.forEach((key, value) -> dotted[0] |= key.indexOf('.') >= 0);
            dottedKeys = dotted[0] ? (byte) 2 : (byte) 1;
        }
        return dottedKeys == 2;
    }

    @Override
    public boolean hasNull(FieldPath path) {
        return RESOLVER.hasNull(map, path, 0);
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
