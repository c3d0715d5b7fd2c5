package io.eql4j.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.eql4j.internal.time.DateFormats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the JSON forms of an index mapping into {@link IndexMapping}s, keeping the place of every value. */
final class MappingReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    /** A JSON value with the line and column where it starts. */
    private record Node(Object value, int line, int column) {
        @SuppressWarnings("unchecked")
        Map<String, Node> object() {
            return value instanceof Map ? (Map<String, Node>) value : null;
        }

        String text() {
            return value instanceof String s ? s : null;
        }
    }

    private final String source;
    private final String defaultIndex;

    private MappingReader(String source, String defaultIndex) {
        this.source = source;
        this.defaultIndex = defaultIndex;
    }

    /**
     * @param text         the JSON text
     * @param source       the file name, for messages
     * @param defaultIndex the index name of a mapping that does not give one
     */
    static List<IndexMapping> read(String text, String source, String defaultIndex) {
        return new MappingReader(source, defaultIndex).read(text);
    }

    private List<IndexMapping> read(String text) {
        Node root;
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw error(0, 0, "no JSON: the file is empty");
            }
            root = node(parser, first);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw error(at.getLineNr(), at.getColumnNr(), "more JSON after the mapping");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw error(
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw error(0, 0, "cannot read: " + e.getMessage());
        }
        Map<String, Node> top = root.object();
        if (top == null) {
            throw error(root, "a mapping must be a JSON object");
        }
        List<IndexMapping> out = new ArrayList<>();
        if (top.containsKey("properties") || top.containsKey("dynamic") || top.isEmpty()) {
            // the bare form: {"properties": {...}}
            out.add(mapping(defaultIndex, root));
        } else if (top.containsKey("mappings")) {
            // a create-index body: {"mappings": {"properties": {...}}}
            out.add(mapping(defaultIndex, top.get("mappings")));
        } else {
            // GET index/_mapping: {"index": {"mappings": {...}}, ...}
            for (Map.Entry<String, Node> e : top.entrySet()) {
                Map<String, Node> index = e.getValue().object();
                if (index == null || !index.containsKey("mappings")) {
                    throw error(
                            e.getValue(),
                            "expected {\"properties\": ...}, {\"mappings\": ...} or the response of "
                                    + "GET index/_mapping ({\"<index>\": {\"mappings\": ...}}); found the key \""
                                    + e.getKey()
                                    + "\"");
                }
                out.add(mapping(e.getKey(), index.get("mappings")));
            }
        }
        return out;
    }

    private IndexMapping mapping(String index, Node mappings) {
        Map<String, Node> m = mappings.object();
        if (m == null) {
            throw error(mappings, "\"mappings\" must be an object");
        }
        if (!m.containsKey("properties") && m.size() == 1) {
            // a typed mapping of Elasticsearch 6 ({"_doc": {"properties": ...}})
            Node only = m.values().iterator().next();
            if (only.object() != null && only.object().containsKey("properties")) {
                m = only.object();
            }
        }
        Map<String, MappedField> fields = new LinkedHashMap<>();
        Node properties = m.get("properties");
        if (properties != null) {
            properties(properties, "", null, fields);
        }
        Node runtime = m.get("runtime");
        if (runtime != null) {
            // runtime fields: mapped with a type; eql4j does not run their scripts, it reads the event's field
            Map<String, Node> defs = runtime.object();
            if (defs == null) {
                throw error(runtime, "\"runtime\" must be an object of field definitions");
            }
            for (Map.Entry<String, Node> e : defs.entrySet()) {
                field(e.getKey(), e.getValue(), null, fields);
            }
        }
        for (MappedField f : fields.values()) {
            if (f.aliasPath().isPresent()) {
                MappedField target = fields.get(f.aliasPath().get());
                if (target == null || target.aliasPath().isPresent()) {
                    throw error(
                            0,
                            0,
                            "field [" + f.name() + "] is an alias of ["
                                    + f.aliasPath().get() + "], which "
                                    + (target == null ? "the mapping lacks" : "is itself an alias"));
                }
            }
        }
        return new IndexMapping(index, source, fields);
    }

    private void properties(Node properties, String prefix, String container, Map<String, MappedField> out) {
        Map<String, Node> props = properties.object();
        if (props == null) {
            throw error(properties, "\"properties\" must be an object of field definitions");
        }
        for (Map.Entry<String, Node> e : props.entrySet()) {
            field(prefix + e.getKey(), e.getValue(), container, out);
        }
    }

    private void field(String name, Node node, String container, Map<String, MappedField> out) {
        Map<String, Node> def = node.object();
        if (def == null) {
            throw error(node, "the definition of field [" + name + "] must be an object");
        }
        Node typeNode = def.get("type");
        String type;
        if (typeNode == null) {
            type = "object";
        } else if (typeNode.text() == null) {
            throw error(typeNode, "the type of field [" + name + "] must be a string");
        } else {
            type = typeNode.text();
        }
        switch (type) {
            case "object" -> {
                boolean enabled = !(def.get("enabled") != null
                        && Boolean.FALSE.equals(def.get("enabled").value()));
                add(out, new MappedField(name, "object", null, null, null, List.of(), -1, null, container), node);
                if (enabled && def.containsKey("properties")) {
                    properties(def.get("properties"), name + ".", container, out);
                }
                return;
            }
            case "nested" -> {
                add(out, new MappedField(name, "nested", null, null, null, List.of(), -1, null, container), node);
                if (def.containsKey("properties")) {
                    properties(def.get("properties"), name + ".", container == null ? name : container, out);
                }
                return;
            }
            case "alias" -> {
                Node path = def.get("path");
                if (path == null || path.text() == null || path.text().isBlank()) {
                    throw error(node, "the alias [" + name + "] needs a \"path\": the field it stands for");
                }
                add(out, new MappedField(name, "alias", null, path.text(), null, List.of(), -1, null, container), node);
                return;
            }
            default -> {
                // a leaf
            }
        }
        FieldType fieldType = container == null ? engineType(type) : null;
        List<String> formats = List.of();
        Node format = def.get("format");
        if (format != null && (type.equals("date") || type.equals("date_nanos"))) {
            if (format.text() == null) {
                throw error(format, "the format of field [" + name + "] must be a string");
            }
            formats = List.of(format.text().split("\\|\\|"));
            for (String f : formats) {
                String problem = DateFormats.check(f.strip());
                if (problem != null) {
                    throw error(format, "field [" + name + "]: " + problem);
                }
            }
            formats = formats.stream().map(String::strip).toList();
            if (DateFormats.isDefault(formats)) {
                formats = List.of();
            }
        }
        Object nullValue = null;
        Node nv = def.get("null_value");
        if (nv != null && nv.value() != null) {
            if (nv.value() instanceof Map || nv.value() instanceof List) {
                throw error(nv, "the null_value of field [" + name + "] must be a single value");
            }
            nullValue = nv.value();
        }
        int ignoreAbove = -1;
        Node ia = def.get("ignore_above");
        if (ia != null) {
            if (!(ia.value() instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
                throw error(ia, "the ignore_above of field [" + name + "] must be a non-negative integer");
            }
            ignoreAbove = n.intValue();
        }
        String constant = null;
        Node value = def.get("value");
        if (type.equals("constant_keyword") && value != null && value.value() != null) {
            constant = String.valueOf(value.value());
        }
        add(
                out,
                new MappedField(
                        name,
                        type,
                        fieldType,
                        null,
                        nullValue,
                        formats,
                        ignoreAbove,
                        constant,
                        type.equals("flattened") ? name : container),
                node);
        Node fields = def.get("fields");
        if (fields != null) {
            Map<String, Node> subs = fields.object();
            if (subs == null) {
                throw error(fields, "the \"fields\" of field [" + name + "] must be an object of field definitions");
            }
            for (Map.Entry<String, Node> sub : subs.entrySet()) {
                field(name + "." + sub.getKey(), sub.getValue(), container, out);
            }
            if (fieldType == null && container == null && isText(type)) {
                // text is used through a keyword multi-field, as Elasticsearch's EQL does
                for (String sub : subs.keySet()) {
                    MappedField f = out.get(name + "." + sub);
                    if (f != null && f.fieldType().orElse(null) == FieldType.KEYWORD) {
                        out.put(
                                name,
                                new MappedField(
                                        name,
                                        type,
                                        FieldType.KEYWORD,
                                        null,
                                        nullValue,
                                        List.of(),
                                        f.ignoreAbove().orElse(-1),
                                        null,
                                        null));
                        break;
                    }
                }
            }
        }
    }

    private void add(Map<String, MappedField> out, MappedField field, Node at) {
        if (out.putIfAbsent(field.name(), field) != null) {
            throw error(at, "field [" + field.name() + "] is defined twice");
        }
    }

    static boolean isText(String type) {
        return type.equals("text") || type.equals("match_only_text");
    }

    /** The engine's type for an Elasticsearch leaf type, or null when EQL cannot use it. */
    static FieldType engineType(String type) {
        return switch (type) {
            case "keyword", "constant_keyword", "wildcard" -> FieldType.KEYWORD;
            case "long", "integer", "short", "byte", "unsigned_long" -> FieldType.LONG;
            case "double", "float", "half_float", "scaled_float" -> FieldType.DOUBLE;
            case "boolean" -> FieldType.BOOLEAN;
            case "date" -> FieldType.DATE;
            case "date_nanos" -> FieldType.DATE_NANOS;
            case "ip" -> FieldType.IP;
            case "version" -> FieldType.VERSION;
            default -> null;
        };
    }

    private Node node(JsonParser parser, JsonToken token) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node> map = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    Node value = node(parser, parser.nextToken());
                    if (map.put(key, value) != null) {
                        throw error(keyAt.getLineNr(), keyAt.getColumnNr(), "the key \"" + key + "\" is repeated");
                    }
                }
                return new Node(map, line, column);
            }
            case START_ARRAY: {
                List<Node> list = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(node(parser, t));
                }
                return new Node(list, line, column);
            }
            case VALUE_STRING:
                return new Node(parser.getText(), line, column);
            case VALUE_NUMBER_INT:
                Number n = parser.getNumberValue();
                return new Node(n instanceof Integer i ? (Object) i.longValue() : n, line, column);
            case VALUE_NUMBER_FLOAT:
                return new Node(parser.getDoubleValue(), line, column);
            case VALUE_TRUE:
                return new Node(Boolean.TRUE, line, column);
            case VALUE_FALSE:
                return new Node(Boolean.FALSE, line, column);
            default:
                return new Node(null, line, column);
        }
    }

    private MappingException error(Node at, String problem) {
        return error(at.line(), at.column(), problem);
    }

    private MappingException error(int line, int column, String problem) {
        return new MappingException(source, Math.max(line, 0), Math.max(column, 0), problem);
    }

    /** Jackson's message without its class names and source excerpts. */
    private static String plain(String message) {
        if (message == null) {
            return "unexpected text";
        }
        int cut = message.indexOf('\n');
        String first = cut >= 0 ? message.substring(0, cut) : message;
        return first.isBlank()
                ? "unexpected text"
                : first.substring(0, 1).toLowerCase(Locale.ROOT) + first.substring(1);
    }
}
