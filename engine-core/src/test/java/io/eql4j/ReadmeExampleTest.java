package io.eql4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.event.Event;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedding example of the top-level README, with paths from this module's directory, and what it must find.
 * The README's block itself is compiled and run from the repository root by {@code ReadmeSnippetsTest} (cli).
 */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleFindsTheFourDetectionsOfTheExampleStream() throws IOException {
        // README-BEGIN
        RulePack rules = RulePack.load(Path.of("../examples/rules")).orThrow(); // every rule file below
        List<Match> detections = new ArrayList<>();
        EqlEngine engine = EqlEngine.builder()
                .rules(rules)
                .onMatch(detections::add) // called as soon as a match is final
                .build();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of("../examples/events/k8s-sa-token-theft.ndjson"))) {
            Map<String, Object> event = json.readValue(line, new TypeReference<>() {});
            engine.accept(Event.of(event)); // events in time order
        }
        engine.finish(); // end of the stream: deliver what waited for more events
        detections.forEach(m -> System.out.println(m.rule().name() + " " + m.joinKeys()));
        // README-END

        assertThat(rules.size()).isEqualTo(1);
        assertThat(detections)
                .extracting(m -> m.joinKeys().get(0))
                .containsExactly(
                        "web-frontend-7c9d8f6b5-x2kqp", "inventory-sync-84f6d9c7b-r5tnw",
                        "report-generator-6b8c5d7f4-kp2vz", "debug-toolbox-5c6d7e8f9-lm3np");
        assertThat(detections)
                .extracting(m -> m.events().get(0).field("event.id") + ","
                        + m.events().get(1).field("event.id"))
                .containsExactly("f-036,a-040", "f-071,a-078", "f-108,a-112", "f-121,a-125");
        assertThat(detections)
                .allSatisfy(m -> assertThat(m.rule().ruleId()).isEqualTo("6978f623-2505-4bc3-83c3-d78ac69d9701"));
        assertThat(engine.stats().eventsProcessed()).isEqualTo(146);
    }
}
