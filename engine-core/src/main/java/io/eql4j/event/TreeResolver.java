package io.eql4j.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a {@link FieldPath} in a tree of objects and arrays the way Elasticsearch reads a document: a key may
 * hold several dotted segments, an array of objects yields the values of every element, and a field written
 * both nested and dotted in one document yields the values of both.
 *
 * @param <N> the tree's node type
 */
abstract class TreeResolver<N> {

    /** The child of an object node under {@code key}, or {@code null} when the node is not an object or lacks it. */
    abstract N child(N node, String key);

    /** The elements of an array node, or {@code null} when the node is not an array. */
    abstract Iterable<? extends N> elements(N node);

    /** The value of a node at the end of the path: a scalar, a list of scalars, or {@code null} for objects. */
    abstract Object leaf(N node);

    final Object resolve(N node, FieldPath path, int from) {
        int size = path.size();
        if (from == size) {
            return leaf(node);
        }
        Iterable<? extends N> elements = elements(node);
        if (elements != null) {
            return collect(elements, path, from);
        }
        // the next segment alone (nested objects), then ever longer dotted keys: a document may hold the same
        // field both ways ({"a": {"b": 1}, "a.b": 2}), and Elasticsearch then indexes every value
        Values found = new Values();
        for (int to = from + 1; to <= size; to++) {
            N child = child(node, path.joined(from, to));
            if (child != null) {
                found.add(resolve(child, path, to));
            }
        }
        return found.result();
    }

    private Object collect(Iterable<? extends N> elements, FieldPath path, int from) {
        Values found = new Values();
        for (N element : elements) {
            if (element != null) {
                found.add(resolve(element, path, from));
            }
        }
        return found.result();
    }

    /** The values found on several branches: one value as it is, several as one flat list. */
    private static final class Values {
        private Object single;
        private List<Object> many;

        void add(Object value) {
            if (value == null) {
                return;
            }
            if (single == null) {
                single = value;
            } else {
                if (many == null) {
                    many = new ArrayList<>();
                    addFlat(many, single);
                }
                addFlat(many, value);
            }
        }

        Object result() {
            return many != null ? many : single;
        }
    }

    static void addFlat(List<Object> out, Object value) {
        if (value instanceof List<?> l) {
            out.addAll(l);
        } else if (value != null) {
            out.add(value);
        }
    }
}
