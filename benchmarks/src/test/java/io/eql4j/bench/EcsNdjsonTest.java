package io.eql4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.bench.stream.EcsStream;
import io.eql4j.rules.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcsNdjsonTest {

    @TempDir
    Path dir;

    @Test
    void writesOneEventPerLineInTimeOrderWithMixedSystemsAndCategories() throws IOException {
        List<Rule> rules = List.of(
                Rule.ofQuery("q", "process where process.name : \"cmd.exe\""),
                Rule.ofQuery("r", "file where host.os.type == \"linux\" and file.path : \"/etc/*\""));
        List<Map<String, Object>> events = EcsStream.generate(rules, 3_000, 5);
        Path out = dir.resolve("ecs.ndjson");
        long size = EcsNdjson.write(events, out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3_000);
        assertThat(size).isEqualTo(Files.size(out)).isGreaterThan(3_000L * 200);
        ObjectMapper mapper = new ObjectMapper();
        Instant previous = Instant.MIN;
        Set<String> systems = new HashSet<>();
        Set<String> categories = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode e = mapper.readTree(lines.get(i));
            assertThat(lines.get(i)).isEqualTo(mapper.writeValueAsString(events.get(i)));
            Instant ts = Instant.parse(e.get("@timestamp").asText());
            assertThat(ts).isAfterOrEqualTo(previous);
            previous = ts;
            JsonNode os = e.path("host").path("os").path("type");
            if (os.isTextual()) {
                systems.add(os.asText());
            }
            e.path("event").path("category").forEach(c -> categories.add(c.asText()));
        }
        assertThat(systems).contains("windows", "linux", "macos");
        assertThat(categories).contains("process", "file", "network", "registry", "authentication");
    }
}
