package io.eql4j.bench.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns dotted field names into nested objects, as ECS documents are written. */
final class Nesting {

    private Nesting() {}

    /**
     * The nested form of {@code flat}. A name whose prefix already holds a value (or that would replace an object)
     * stays dotted inside the deepest object it reaches; readers accept both forms.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> nest(Map<String, Object> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String[] parts = e.getKey().split("\\.");
            Map<String, Object> node = root;
            int i = 0;
            for (; i < parts.length - 1; i++) {
                Object child = node.get(parts[i]);
                if (child == null) {
                    child = new LinkedHashMap<String, Object>();
                    node.put(parts[i], child);
                } else if (!(child instanceof Map)) {
                    break;
                }
                node = (Map<String, Object>) child;
            }
            String rest = String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
            if (!(node.get(rest) instanceof Map)) {
                node.put(rest, e.getValue());
            }
        }
        return root;
    }
}
