package io.eql4j.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a {@link FieldPath} in a tree of objects and arrays the way Elasticsearch reads a document: a key may
 * hold several dotted segments, and an array of objects yields the values of every element.
 *
 * @param <N> the tree's node type
 */
abstract class TreeResolver<N> {

    /** Whether the node is an object (has children by key). */
    abstract boolean isObject(N node);

    /** The child of an object node under {@code key}, or {@code null} when it lacks it. */
    abstract N child(N node, String key);

    /** The elements of an array node, or {@code null} when the node is not an array. */
    abstract Iterable<? extends N> elements(N node);

    /** The value of a node at the end of the path: a scalar, a list of scalars, or {@code null} for objects. */
    abstract Object leaf(N node);

    /** Whether the node is an explicit null (a JSON null, or a Java null inside a tree). */
    abstract boolean isNull(N node);

    /** Whether the object node holds {@code key} with an explicit null. */
    abstract boolean hasNullChild(N node, String key);

    /**
     * Whether the tree writes an explicit null at {@code path}: a null value, or a null element of an array of
     * values, under any of the ways the path may be spelt (nested, dotted, inside arrays of objects).
     */
    final boolean hasNull(N node, FieldPath path, int from) {
        int size = path.size();
        if (isObject(node)) {
            for (int to = from + 1; to <= size; to++) {
                String key = path.joined(from, to);
                if (to == size && hasNullChild(node, key)) {
                    return true;
                }
                N child = child(node, key);
                if (child != null && (to == size ? holdsNull(child) : hasNull(child, path, to))) {
                    return true;
                }
            }
            return false;
        }
        Iterable<? extends N> elements = elements(node);
        if (elements != null) {
            for (N element : elements) {
                if (element != null && !isNull(element) && hasNull(element, path, from)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a value at the end of a path is an array with a null element (at any depth). */
    private boolean holdsNull(N node) {
        Iterable<? extends N> elements = elements(node);
        if (elements == null) {
            return false;
        }
        for (N element : elements) {
            if (element == null || isNull(element) || holdsNull(element)) {
                return true;
            }
        }
        return false;
    }

    final Object resolve(N node, FieldPath path, int from) {
        return resolve(node, path, from, true);
    }

    /**
     * @param dottedKeys whether {@code node} may have keys holding dots; when it has none, only the next segment
     *                   alone can lead further, which saves a lookup per remaining segment when it is absent
     */
    final Object resolve(N node, FieldPath path, int from, boolean dottedKeys) {
        int size = path.size();
        if (from == size) {
            return leaf(node);
        }
        if (isObject(node)) {
            // the next segment alone (nested objects), then ever longer dotted keys; the first that holds a value
            // wins. A document holding one field both nested and dotted ({"a": {"b": 1}, "a.b": 2}) has both values
            // in Elasticsearch; looking for the second on every read would double the lookups of every event, so
            // trees answer the nested one (JsonEventReader, which reads each key once anyway, answers both).
            int last = dottedKeys ? size : from + 1;
            for (int to = from + 1; to <= last; to++) {
                N child = child(node, path.joined(from, to));
                if (child != null) {
                    Object value = resolve(child, path, to, true);
                    if (value != null) {
                        return value;
                    }
                }
            }
            return null;
        }
        Iterable<? extends N> elements = elements(node);
        return elements == null ? null : collect(elements, path, from);
    }

    /**
     * Resolves {@code path} from {@code from} in the object {@code node} through its keys that join two or more
     * segments only, for a caller that has tried the next segment alone already.
     */
    final Object resolveLonger(N node, FieldPath path, int from) {
        for (int to = from + 2, size = path.size(); to <= size; to++) {
            N child = child(node, path.joined(from, to));
            if (child != null) {
                Object value = resolve(child, path, to, true);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private Object collect(Iterable<? extends N> elements, FieldPath path, int from) {
        Object single = null;
        List<Object> many = null;
        for (N element : elements) {
            Object value = element == null ? null : resolve(element, path, from);
            if (value == null) {
                continue;
            }
            if (single == null) {
                single = value;
            } else {
                many = merge(many, single, value);
            }
        }
        return many != null ? many : single;
    }

    /** Several values found: one flat list of them (created on the second). */
    private static List<Object> merge(List<Object> many, Object first, Object value) {
        List<Object> out = many;
        if (out == null) {
            out = new ArrayList<>();
            addFlat(out, first);
        }
        addFlat(out, value);
        return out;
    }

    static void addFlat(List<Object> out, Object value) {
        if (value instanceof List<?> l) {
            out.addAll(l);
        } else if (value != null) {
            out.add(value);
        }
    }
}
