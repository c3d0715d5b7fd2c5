package io.eql4j.event;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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

    /**
     * Reads the object whose START_OBJECT was just read, keeping the values of the fields below {@code node}. Every
     * object is checked for a repeated key, also the ones whose values are skipped, as Elasticsearch refuses such a
     * document; {@code keys} is the scratch space for that check.
     */
    void readObject(JsonParser parser, Node node, ExtractedEvent out, Keys keys, JsonEventReader.Limits limits)
            throws IOException {
        readObject(parser, node, out, keys, limits, 1);
    }

    private void readObject(
            JsonParser parser, Node node, ExtractedEvent out, Keys keys, JsonEventReader.Limits limits, int depth)
            throws IOException {
        keys.open();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            keys.add(parser, name);
            Node child = node.children.get(name);
            JsonToken value = parser.nextToken();
            if (child == null) {
                skip(parser, value, keys);
            } else {
                readValue(parser, value, child, out, keys, limits, depth);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + token);
        }
        keys.close();
    }

    /** Skips the value whose first token was just read, checking the keys of the objects in it. */
    private static void skip(JsonParser parser, JsonToken first, Keys keys) throws IOException {
        if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
            return;
        }
        int depth = 0;
        JsonToken token = first;
        while (true) {
            switch (token) {
                case START_OBJECT -> {
                    keys.open();
                    depth++;
                }
                case START_ARRAY -> depth++;
                case END_OBJECT -> {
                    keys.close();
                    depth--;
                }
                case END_ARRAY -> depth--;
                case FIELD_NAME -> keys.add(parser, parser.currentName());
                default -> {
                    // a scalar value
                }
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
            if (token == null) {
                throw new JsonParseException(parser, "Unexpected end-of-input");
            }
        }
    }

    /**
     * The keys of the objects being read, innermost last. Keys of one object are compared by hash, then by
     * content, in a list; an object with many keys gets a hash set, so a huge object costs linear time.
     */
    static final class Keys {
        private static final int LINEAR = 24;

        private String[] names = new String[32];
        private int[] hashes = new int[32];
        private int size;
        /** Per open object: where its keys start in {@code names}. */
        private int[] starts = new int[8];
        /** Per open object: its keys, once it has more than {@link #LINEAR}. */
        private Set<?>[] sets = new Set<?>[8];

        private int depth;

        /** Forgets everything, also what a read that failed half-way left. */
        void reset() {
            Arrays.fill(sets, 0, depth, null);
            depth = 0;
            size = 0;
        }

        void open() {
            if (depth == starts.length) {
                starts = Arrays.copyOf(starts, depth * 2);
                sets = Arrays.copyOf(sets, depth * 2);
            }
            starts[depth] = size;
            sets[depth] = null;
            depth++;
        }

        void close() {
            depth--;
            size = starts[depth];
            sets[depth] = null;
        }

        /** Adds a key of the innermost open object; a key it already has is an error at the key's position. */
        @SuppressWarnings("unchecked")
        void add(JsonParser parser, String name) throws JsonParseException {
            int top = depth - 1;
            Set<String> set = (Set<String>) sets[top];
            if (set != null) {
                if (!set.add(name)) {
                    throw duplicate(parser, name);
                }
                return;
            }
            int start = starts[top];
            int hash = name.hashCode();
            for (int i = start; i < size; i++) {
                if (hashes[i] == hash && names[i].equals(name)) {
                    throw duplicate(parser, name);
                }
            }
            if (size - start == LINEAR) {
                set = new HashSet<>(Arrays.asList(names).subList(start, size));
                set.add(name);
                sets[top] = set;
                return;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            names[size] = name;
            hashes[size++] = hash;
        }

        private static JsonParseException duplicate(JsonParser parser, String name) {
            return new JsonParseException(parser, "Duplicate field '" + name + "'", parser.currentTokenLocation());
        }
    }

    /** A value the plan reads is over one of the reading limits; the message is in plain words, without position. */
    static final class LimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int column;

        LimitException(String message, JsonParser parser) {
            super(message, null, false, false);
            this.column = Math.max(parser.currentTokenLocation().getColumnNr(), 0);
        }
    }

    /** The dotted name of the field being read, for messages: {@code process.args}. */
    private static String fieldName(JsonParser parser) {
        java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = parser.getParsingContext();
                c != null;
                c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                names.addFirst(c.getCurrentName());
            }
        }
        return String.join(".", names);
    }

    /**
     * Reads a value of a field the plan reads (or of an object on the way to one): the limits apply here, as this
     * is what is built; the nesting of arrays is counted, as the reading recurses into them.
     */
    private void readValue(
            JsonParser parser,
            JsonToken token,
            Node node,
            ExtractedEvent out,
            Keys keys,
            JsonEventReader.Limits limits,
            int depth)
            throws IOException {
        switch (token) {
            case START_OBJECT:
                if (node.children.isEmpty()) {
                    skip(parser, token, keys);
                } else {
                    readObject(parser, node, out, keys, limits, depth + 1);
                }
                break;
            case START_ARRAY: {
                if (depth + 1 > limits.maxNestingDepth()) {
                    throw new LimitException(
                            "the value of " + fieldName(parser) + " is nested deeper than the limit of "
                                    + limits.maxNestingDepth() + " levels",
                            parser);
                }
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    readValue(parser, element, node, out, keys, limits, depth + 1);
                }
                break;
            }
            case VALUE_STRING:
                if (node.slot >= 0) {
                    int length = parser.getTextLength();
                    if (length > limits.maxStringLength()) {
                        throw new LimitException(
                                "the value of " + fieldName(parser)
                                        + " has " + length + " characters, more than the limit of "
                                        + limits.maxStringLength(),
                                parser);
                    }
                    out.add(node.slot, parser.getText());
                }
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                if (node.slot >= 0) {
                    int length = parser.getTextLength();
                    if (length > Math.min(JsonEventReader.MAX_NUMBER_LENGTH, limits.maxStringLength())) {
                        throw new LimitException(
                                "the number in " + fieldName(parser)
                                        + " has " + length + " digits, more than the limit of "
                                        + Math.min(JsonEventReader.MAX_NUMBER_LENGTH, limits.maxStringLength()),
                                parser);
                    }
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
            case VALUE_NULL:
                // no value, but a mapping's null_value may stand for it
                if (node.slot >= 0) {
                    out.addNull(node.slot);
                }
                break;
            default:
            // embedded values are no values
        }
    }
}
