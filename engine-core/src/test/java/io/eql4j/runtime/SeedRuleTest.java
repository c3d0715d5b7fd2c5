package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed rule ({@code examples/rules/kubernetes/credential_access_service_account_token_read_followed_by_api_request.toml}):
 * Defend for Containers file events joined to Kubernetes audit events on the pod name, over a small inline scenario
 * and over the whole example stream, whose oracle ({@code examples/events/k8s-sa-token-theft.md}) lists exactly four
 * detections.
 */
class SeedRuleTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path RULE = EXAMPLES.resolve(
            "rules/kubernetes/credential_access_service_account_token_read_followed_by_api_request.toml");
    private static final Path STREAM = EXAMPLES.resolve("events/k8s-sa-token-theft.ndjson");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    private static final String CA = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
    private static final String[] ORACLE = {
        "f-036,a-040 by web-frontend-7c9d8f6b5-x2kqp",
        "f-071,a-078 by inventory-sync-84f6d9c7b-r5tnw",
        "f-108,a-112 by report-generator-6b8c5d7f4-kp2vz",
        "f-121,a-125 by debug-toolbox-5c6d7e8f9-lm3np"
    };

    private static Rule seed;

    @BeforeAll
    static void loadRule() {
        seed = RulePack.load(RULE).orThrow().rules().get(0);
        assertThat(seed.ruleId()).isEqualTo("6978f623-2505-4bc3-83c3-d78ac69d9701");
    }

    /** A Defend for Containers file event, written as the integration does ("resource.name" inside an object). */
    private static String open(
            String id, String time, String pod, String path, boolean interactive, String categories) {
        return """
                {"@timestamp": "2026-03-17T%s", "event": {"id": "%s", "category": %s, "type": ["change"],
                 "action": "open", "dataset": "cloud_defend.file"}, "host": {"os": {"type": "linux"}},
                 "file": {"path": "%s"}, "process": {"name": "cat", "interactive": %s},
                 "container": {"id": "4f1c9e0a7b2d", "image.name": "shop/web"},
                 "orchestrator": {"resource.name": "%s", "resource.type": "pod", "namespace": "shop"}}
                """.formatted(time, id, categories, path, interactive, pod);
    }

    /** A Kubernetes audit event authenticated as {@code pod} (a one-element array in user.extra). */
    private static String call(String id, String time, String pod, String stage) {
        return """
                {"@timestamp": "2026-03-17T%s", "event": {"id": "%s", "dataset": "kubernetes.audit_logs"},
                 "kubernetes": {"audit": {"stage": "%s", "verb": "list",
                  "user": {"username": "system:serviceaccount:shop:web",
                   "extra": {"authentication.kubernetes.io/pod-name": ["%s"],
                             "authentication.kubernetes.io/node-name": ["ip-10-0-1-23"]}}}}}
                """.formatted(time, id, stage, pod);
    }

    @Test
    void aSmallRealisticScenario() {
        Timeline.rules(List.of(seed))
                // detection: interactive token read, then a list of secrets as the same pod
                .event(open("read-1", "09:00:00.000Z", "web-1", TOKEN, true, "[\"file\"]"))
                .event(call("call-web2", "09:00:05.000Z", "web-2", "ResponseComplete"))
                .event(call("recv-1", "09:00:10.000Z", "web-1", "RequestReceived"))
                .event(call("call-1", "09:00:10.500Z", "web-1", "ResponseComplete"))
                .event(call("call-1b", "09:00:20.000Z", "web-1", "ResponseComplete"))
                // not a stage-1 event: not interactive, wrong file, a process event
                .event(open("read-2", "09:01:00.000Z", "web-2", TOKEN, false, "[\"file\"]"))
                .event(call("call-2", "09:01:01.000Z", "web-2", "ResponseComplete"))
                .event(open("read-3", "09:02:00.000Z", "web-3", "/etc/passwd", true, "[\"file\"]"))
                .event(open("read-3b", "09:02:30.000Z", "web-3", TOKEN, true, "[\"process\"]"))
                .event(call("call-3", "09:02:40.000Z", "web-3", "ResponseStarted"))
                // 60.001 s: one millisecond beyond maxspan, and the read is consumed
                .event(open("read-4", "09:04:00.000Z", "web-4", CA, true, "[\"file\"]"))
                .event(call("call-4", "09:05:00.001Z", "web-4", "ResponseComplete"))
                .event(call("call-4b", "09:05:00.002Z", "web-4", "ResponseComplete"))
                // detection at exactly 60.000 s, through a two-category array and a ResponseStarted event
                .event(open("read-5", "09:06:00.000Z", "web-5", CA, true, "[\"file\", \"process\"]"))
                .event(call("call-5", "09:07:00.000Z", "web-5", "ResponseStarted"))
                .expect("read-1,call-1 by web-1", "read-5,call-5 by web-5");
    }

    @Test
    void theNestedAndTheFlattenedPodNameJoin() {
        Timeline.rules(List.of(seed))
                .event(open("read-1", "09:00:00.000Z", "web-1", TOKEN, true, "[\"file\"]"))
                .event("{\"@timestamp\": \"2026-03-17T09:00:01Z\", \"event.id\": \"call-1\", "
                        + "\"event.dataset\": \"kubernetes.audit_logs\", \"kubernetes.audit.stage\": \"ResponseComplete\", "
                        + "\"kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name\": [\"web-1\"]}")
                .event(
                        "{\"@timestamp\": \"2026-03-17T09:00:02Z\", \"event\": {\"id\": \"read-2\", \"category\": \"file\", "
                                + "\"type\": \"change\", \"action\": \"open\"}, \"host.os.type\": \"linux\", "
                                + "\"file.path\": \"" + TOKEN
                                + "\", \"process.interactive\": true, \"container.id\": \"c\", "
                                + "\"orchestrator\": {\"resource\": {\"name\": \"web-2\"}}}")
                .event(call("call-2", "09:00:03Z", "web-2", "ResponseComplete"))
                .expect("read-1,call-1 by web-1", "read-2,call-2 by web-2");
    }

    private static List<JsonNode> stream() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(STREAM)) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        assertThat(events).hasSize(146);
        return events;
    }

    @Test
    void theWholeExampleStreamGivesExactlyTheFourDetectionsOfTheOracle() throws IOException {
        Timeline t = Timeline.rules(List.of(seed));
        stream().forEach(e -> t.event(Event.of(e)));
        Timeline.Run run = t.expect(ORACLE);
        assertThat(run.problems()).isEmpty();
        assertThat(run.matches().get(0).rule().name())
                .isEqualTo("Service Account Token Read in Container Followed by API Request as the Pod");
        assertThat(run.matches())
                .allSatisfy(m ->
                        assertThat(m.events().get(0).field("event.category")).isEqualTo(List.of("file")));
    }

    @Test
    void theStreamAsMapsAndInAnyOrderWithEnoughLateness() throws IOException {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (JsonNode e : stream()) {
            maps.add(JSON.convertValue(e, new TypeReference<Map<String, Object>>() {}));
        }
        Timeline inOrder = Timeline.rules(List.of(seed));
        maps.forEach(inOrder::event);
        inOrder.expect(ORACLE);
        Collections.shuffle(maps, new Random(7));
        Timeline shuffled = Timeline.rules(List.of(seed)).options(o -> o.allowedLateness(Duration.ofHours(1)));
        maps.forEach(shuffled::event);
        shuffled.expect(ORACLE);
    }
}
