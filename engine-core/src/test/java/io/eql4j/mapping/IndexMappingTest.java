package io.eql4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Elasticsearch mapping JSON through the public API. */
class IndexMappingTest {

    @TempDir
    Path dir;

    private static final String PROPERTIES = """
            {"properties": {
              "@timestamp": {"type": "date"},
              "pretty": {"type": "date", "format": "dd-MM-yyyy||epoch_millis"},
              "nanos": {"type": "date_nanos"},
              "event_type": {"type": "keyword", "ignore_above": 16},
              "event": {"properties": {"category": {"type": "alias", "path": "event_type"}}},
              "host": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
              "message": {"type": "text"},
              "stream": {"type": "constant_keyword", "value": "logs"},
              "command_line": {"type": "wildcard"},
              "pid": {"type": "long"}, "ratio": {"type": "half_float"}, "count": {"type": "integer"},
              "ok": {"type": "boolean"}, "ip": {"type": "ip"}, "v": {"type": "version"},
              "tag": {"type": "keyword", "null_value": "NULL"},
              "labels": {"type": "flattened"},
              "sections": {"type": "nested", "properties": {"name": {"type": "keyword"}}},
              "location": {"type": "geo_point"}
            }}
            """;

    @Test
    void readsTheBareFormWithEveryKindOfField() {
        IndexMapping m = IndexMapping.parse(PROPERTIES, "logs");
        assertThat(m.index()).isEqualTo("logs");
        assertThat(type(m, "@timestamp")).contains(FieldType.DATE);
        assertThat(type(m, "nanos")).contains(FieldType.DATE_NANOS);
        assertThat(m.field("pretty").orElseThrow().formats()).containsExactly("dd-MM-yyyy", "epoch_millis");
        assertThat(m.field("@timestamp").orElseThrow().formats()).isEmpty();
        assertThat(type(m, "event_type")).contains(FieldType.KEYWORD);
        assertThat(m.field("event_type").orElseThrow().ignoreAbove()).hasValue(16);
        assertThat(m.field("event.category").orElseThrow().aliasPath()).contains("event_type");
        assertThat(m.field("event").orElseThrow().type()).isEqualTo("object");
        // text with a keyword multi-field is used through it; text alone cannot be used
        assertThat(type(m, "host")).contains(FieldType.KEYWORD);
        assertThat(type(m, "host.keyword")).contains(FieldType.KEYWORD);
        assertThat(type(m, "message")).isEmpty();
        assertThat(m.field("stream").orElseThrow().constantValue()).contains("logs");
        assertThat(type(m, "command_line")).contains(FieldType.KEYWORD);
        assertThat(type(m, "pid")).contains(FieldType.LONG);
        assertThat(type(m, "count")).contains(FieldType.LONG);
        assertThat(type(m, "ratio")).contains(FieldType.DOUBLE);
        assertThat(type(m, "ok")).contains(FieldType.BOOLEAN);
        assertThat(type(m, "ip")).contains(FieldType.IP);
        assertThat(type(m, "v")).contains(FieldType.VERSION);
        assertThat(m.field("tag").orElseThrow().nullValue()).contains("NULL");
        assertThat(m.field("labels").orElseThrow().container()).contains("labels");
        assertThat(m.field("sections.name").orElseThrow().container()).contains("sections");
        assertThat(type(m, "sections.name")).isEmpty();
        assertThat(type(m, "location")).isEmpty();
        assertThat(m.field("location").orElseThrow().type()).isEqualTo("geo_point");
    }

    private static Optional<FieldType> type(IndexMapping m, String field) {
        return m.field(field)
                .orElseThrow(() -> new AssertionError("no field " + field))
                .fieldType();
    }

    @Test
    void readsTheResponseOfGetMappingWithSeveralIndices() throws IOException {
        Path file = dir.resolve("both.json");
        Files.writeString(file, """
                {"logs-a": {"mappings": {"properties": {"pid": {"type": "long"}}}},
                 "logs-b": {"mappings": {"dynamic": "strict", "properties": {"pid": {"type": "keyword"}}}}}
                """);
        List<IndexMapping> all = IndexMapping.readAll(file);
        assertThat(all).extracting(IndexMapping::index).containsExactly("logs-a", "logs-b");
        assertThat(all.get(1).field("pid").orElseThrow().type()).isEqualTo("keyword");
        IndexMapping runtime = IndexMapping.parse(
                "{\"mappings\": {\"runtime\": {\"day\": {\"type\": \"keyword\", "
                        + "\"script\": {\"source\": \"emit('x')\"}}}}}",
                "r");
        assertThat(runtime.field("day").orElseThrow().fieldType()).contains(FieldType.KEYWORD);
        assertThatThrownBy(() -> IndexMapping.read(file))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("2 indices");
    }

    @Test
    void namesAnIndexAfterItsFileUnlessTheFileNamesIt() throws IOException {
        Path bare = dir.resolve("sample1.mapping");
        Files.writeString(bare, "# a comment line\n{\"properties\": {\"x\": {\"type\": \"long\"}}}\n");
        assertThat(IndexMapping.read(bare).index()).isEqualTo("sample1");
        Path body = dir.resolve("body.json");
        Files.writeString(body, "{\"mappings\": {\"properties\": {\"x\": {\"type\": \"long\"}}}}");
        assertThat(IndexMapping.read(body).index()).isEqualTo("body");
        assertThat(IndexMapping.read(body).withIndex("other").index()).isEqualTo("other");
    }

    @Test
    void badMappingsSayWhereAndWhat() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"properties\": {\n  \"x\": {\"type\": \"long\",}\n}}");
        assertThatThrownBy(() -> IndexMapping.read(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file + ":2:")
                .satisfies(e -> assertThat(((MappingException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> IndexMapping.parse("{\"properties\": {\"a\": {\"type\": \"alias\"}}}", "i"))
                .hasMessageContaining("the alias [a] needs a \"path\"");
        assertThatThrownBy(() ->
                        IndexMapping.parse("{\"properties\": {\"a\": {\"type\": \"alias\", \"path\": \"b\"}}}", "i"))
                .hasMessageContaining("alias of [b], which the mapping lacks");
        assertThatThrownBy(() -> IndexMapping.parse(
                        "{\"properties\": {\"d\": {\"type\": \"date\", \"format\": \"no_such_format\"}}}", "i"))
                .hasMessageContaining("unsupported date format [no_such_format]")
                .hasMessageStartingWith("mapping of i:1:");
        assertThatThrownBy(() -> IndexMapping.parse("[1, 2]", "i"))
                .hasMessageContaining("a mapping must be a JSON object");
        assertThatThrownBy(() -> IndexMapping.parse("{\"logs\": {\"settings\": {}}}", "i"))
                .hasMessageContaining("GET index/_mapping");
        assertThatThrownBy(() -> IndexMapping.parse(
                        "{\"properties\": {\"x\": {\"type\": \"long\"}, " + "\"x\": {\"type\": \"long\"}}}", "i"))
                .hasMessageContaining("the key \"x\" is repeated");
    }

    @Test
    void ecsHasItsFieldsWithTheirTypes() {
        IndexMapping ecs = IndexMapping.ecs();
        assertThat(ecs.index()).isEqualTo("ecs");
        assertThat(ecs.field("process.pid").orElseThrow().fieldType()).contains(FieldType.LONG);
        assertThat(ecs.field("source.ip").orElseThrow().fieldType()).contains(FieldType.IP);
        assertThat(ecs.field("process.command_line").orElseThrow().type()).isEqualTo("wildcard");
        assertThat(ecs.field("process.command_line.text").orElseThrow().type()).isEqualTo("match_only_text");
        assertThat(ecs.field("host.name").orElseThrow().ignoreAbove()).hasValue(1024);
        assertThat(ecs.field("@timestamp").orElseThrow().fieldType()).contains(FieldType.DATE);
        // 2,605 fields and 120 match_only_text multi-fields
        assertThat(ecs.fields()).hasSize(2605 + 120);
        assertThat(ecs.field("process.pe.imports").orElseThrow().container()).contains("process.pe.imports");
        assertThat(ecs.field("email.attachments.file.name").orElseThrow().container())
                .contains("email.attachments");
        assertThat(IndexMapping.ecs()).isSameAs(ecs);
    }
}
