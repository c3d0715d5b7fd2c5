package io.eql4j.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link Event} over a Jackson tree, resolved like {@link MapEvent}. */
final class JsonEvent implements Event {

    private static final TreeResolver<JsonNode> RESOLVER = new TreeResolver<>() {
        @Override
        boolean isObject(JsonNode node) {
            return node.isObject();
        }

        @Override
        JsonNode child(JsonNode node, String key) {
            JsonNode child = node.get(key);
            return child == null || child.isNull() ? null : child;
        }

        @Override
        Iterable<JsonNode> elements(JsonNode node) {
            return node.isArray() ? node : null;
        }

        @Override
        Object leaf(JsonNode node) {
            return value(node);
        }

        @Override
        boolean isNull(JsonNode node) {
            return node.isNull();
        }

        @Override
        boolean hasNullChild(JsonNode node, String key) {
            JsonNode child = node.get(key);
            return child != null && child.isNull();
        }
    };

    private final JsonNode json;

    JsonEvent(JsonNode json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public Object field(FieldPath path) {
        return RESOLVER.resolve(json, path, 0);
    }

    @Override
    public boolean hasNull(FieldPath path) {
        return RESOLVER.hasNull(json, path, 0);
    }

    @Override
    public Object source() {
        return json;
    }

    /** A scalar node as a Java value, an array as a list of its scalars; objects and nulls are not values. */
    static Object value(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.numberValue();
            case BOOLEAN:
                return node.booleanValue();
            case ARRAY: {
                List<Object> values = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    TreeResolver.addFlat(values, value(element));
                }
                return values.isEmpty() ? null : values;
            }
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
