package io.eql4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled ECS field list is the compact form of ECS's own field definitions ({@code ../shared/ecs}, from the
 * npm package {@code @elastic/ecs}): one line per field, name, type, ignore_above and multi-fields. Run with
 * {@code -Deql4j.regenerateEcs=true} to write the resource anew from a newer definitions file.
 */
class EcsResourceTest {

    private static final Path RESOURCE = Path.of("src/main/resources/io/eql4j/mapping");

    @Test
    void theBundledListIsTheCompactFormOfEcsDefinitions() throws IOException {
        Path ecs = SharedData.require("ecs");
        JsonNode root =
                new ObjectMapper().readTree(ecs.resolve("ecs-9.4.0-fields.json").toFile());
        String expected = compact(root);
        if (Boolean.getBoolean("eql4j.regenerateEcs")) {
            Files.writeString(RESOURCE.resolve(EcsFields.RESOURCE), expected);
            Files.copy(
                    ecs.resolve("LICENSE-ecs.txt"),
                    RESOURCE.resolve("LICENSE-ecs.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    ecs.resolve("NOTICE-ecs.txt"),
                    RESOURCE.resolve("NOTICE-ecs.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(resource(EcsFields.RESOURCE)).isEqualTo(expected);
        assertThat(root.get("ecs_version").asText()).isEqualTo(EcsFields.VERSION);
        assertThat(resource("LICENSE-ecs.txt")).isEqualTo(Files.readString(ecs.resolve("LICENSE-ecs.txt")));
        assertThat(resource("NOTICE-ecs.txt")).isEqualTo(Files.readString(ecs.resolve("NOTICE-ecs.txt")));
        assertThat(IndexMapping.ecs().fields().keySet())
                .containsAll(iterable(root.get("fields").fieldNames()));
    }

    private static String compact(JsonNode root) {
        StringBuilder out = new StringBuilder("# ECS ")
                .append(root.get("ecs_version").asText())
                .append(" field definitions: name, type, ignore_above, multi-fields (name:type). Generated from "
                        + "ecs-9.4.0-fields.json by EcsResourceTest; see NOTICE-ecs.txt.\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            List<String> subs = new ArrayList<>();
            for (JsonNode sub : f.path("multi_fields")) {
                subs.add(sub.get("name").asText() + ":" + sub.get("type").asText());
            }
            out.append(e.getKey())
                    .append('\t')
                    .append(f.get("type").asText())
                    .append('\t')
                    .append(f.has("ignore_above") ? f.get("ignore_above").asText() : "")
                    .append('\t')
                    .append(String.join(",", subs))
                    .append('\n');
        }
        return out.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EcsFields.class.getResourceAsStream(name)) {
            assertThat(in).as("resource %s beside EcsFields", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
