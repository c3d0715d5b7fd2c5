package io.eql4j.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields of a plan as a trie over JSON keys, for reading only those fields from a token stream. A node stands
 * for a path prefix; its children are reached by every key that may spell the next segments, alone or joined by
 * dots ({@code "kubernetes"}, {@code "kubernetes.audit"}, ...), so dotted, nested and half-dotted documents all
 * reach the same node without splitting keys.
 */
final class FieldTrie {

    static final class Node {
        final Map<String, Node> children = new HashMap<>();
        int slot = -1;
    }

    private final Node root = new Node();
    private final Map<FieldPath, Integer> slots = new HashMap<>();

    FieldTrie(FieldPath[] fields) {
        Map<String, Node> byPrefix = new HashMap<>();
        byPrefix.put("", root);
        for (int slot = 0; slot < fields.length; slot++) {
            FieldPath path = fields[slot];
            slots.put(path, slot);
            int n = path.size();
            for (int from = 0; from < n; from++) {
                Node node = byPrefix.computeIfAbsent(from == 0 ? "" : path.joined(0, from), p -> new Node());
                for (int to = from + 1; to <= n; to++) {
                    Node child = byPrefix.computeIfAbsent(path.joined(0, to), p -> new Node());
                    node.children.putIfAbsent(path.joined(from, to), child);
                }
            }
            byPrefix.get(path.name()).slot = slot;
        }
    }

    Node root() {
        return root;
    }

    /** The slot of a field, or -1 when the plan does not read it. */
    int slot(FieldPath path) {
        Integer slot = slots.get(path);
        return slot == null ? -1 : slot;
    }

    /** Reads the object whose START_OBJECT was just read, keeping the values of the fields below {@code node}. */
    void readObject(JsonParser parser, Node node, ExtractedEvent out) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            Node child = node.children.get(parser.currentName());
            JsonToken value = parser.nextToken();
            if (child == null) {
                parser.skipChildren();
            } else {
                readValue(parser, value, child, out);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + token);
        }
    }

    private void readValue(JsonParser parser, JsonToken token, Node node, ExtractedEvent out) throws IOException {
        switch (token) {
            case START_OBJECT:
                if (node.children.isEmpty()) {
                    parser.skipChildren();
                } else {
                    readObject(parser, node, out);
                }
                break;
            case START_ARRAY: {
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    readValue(parser, element, node, out);
                }
                break;
            }
            case VALUE_STRING:
                if (node.slot >= 0) {
                    out.add(node.slot, parser.getText());
                }
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                if (node.slot >= 0) {
                    out.add(node.slot, parser.getNumberValue());
                }
                break;
            case VALUE_TRUE:
                if (node.slot >= 0) {
                    out.add(node.slot, Boolean.TRUE);
                }
                break;
            case VALUE_FALSE:
                if (node.slot >= 0) {
                    out.add(node.slot, Boolean.FALSE);
                }
                break;
            default:
                // null and embedded values are no values
        }
    }
}
