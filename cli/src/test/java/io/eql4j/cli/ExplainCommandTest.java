package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.event.Event;
import io.eql4j.testkit.RuleTestCase;
import io.eql4j.testkit.RuleTestFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eql4j explain}: the plan, and with events the reason each negative case of the seed rule does not fire. */
class ExplainCommandTest {

    private static final Path RULES = Path.of("../examples/rules/kubernetes");
    private static final Path RULE =
            RULES.resolve("credential_access_service_account_token_read_followed_by_api_request.toml");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * For each negative case of the seed rule's test file (by the start of its name): what explain must say.
     * Every negative case must be listed, so a new one needs its reason here.
     */
    private static final Map<String, String> REASONS = new LinkedHashMap<>();

    static {
        REASONS.put("non-interactive process", "no   process.interactive == true    (process.interactive is false)");
        REASONS.put("wrong file path: the namespace file", "no   file.path in (");
        REASONS.put("wrong file path: the token read through /run", "no   file.path in (");
        REASONS.put("different pod", "(the join key differed: partial sequences wait for [web-1");
        REASONS.put(
                "API call 60.001 s after the read",
                "event time reached 2026-03-17T09:01:00.001Z, more than maxspan"
                        + " after the first event of 1 partial sequence for join key [web-1], which was dropped");
        REASONS.put(
                "wrong audit stage: RequestReceived",
                "no   kubernetes.audit.stage in (\"ResponseComplete\", \"ResponseStarted\")    "
                        + "(kubernetes.audit.stage is \"RequestReceived\")");
        REASONS.put(
                "API call before the file read", "but no partial sequence with that key waited at the stage before");
        REASONS.put(
                "category mismatch",
                "stage 0: no: category event.category == \"file\" is not true " + "(event.category is \"process\")");
        REASONS.put("no container.id", "null container.id like \"*\"    (container.id is missing)");
        REASONS.put("audit event from another dataset", "no   event.dataset == \"kubernetes.audit_logs\"");
        REASONS.put(
                "call without a pod identity",
                "passed, but the event has no value for the join key "
                        + "`kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name`");
        REASONS.put(
                "scenario (b) cart-api",
                "more than maxspan after the first event of 1 partial sequence for "
                        + "join key [cart-api-5f7b9c4d8-qm4zt]");
        REASONS.put(
                "scenario (c) payments-worker",
                "matched stage 1 with join key [payments-worker-6d5c7b8f9-hx7lm],"
                        + " but no partial sequence with that key waited at the stage before");
        REASONS.put(
                "scenario (h) web-frontend",
                "matched stage 1 with join key [web-frontend-7c9d8f6b5-x2kqp], but no "
                        + "partial sequence with that key waited at the stage before (the join key differed: partial "
                        + "sequences wait for [web-frontend-7c9d8f6b5-pq8mz]");
        REASONS.put("scenario (g) search-indexer", "(kubernetes.audit.stage is \"RequestReceived\")");
        REASONS.put(
                "scenario (f) without its ResponseStarted event", "(kubernetes.audit.stage is \"RequestReceived\")");
    }

    @TempDir
    Path dir;

    @Test
    void explainsWhyEachNegativeCaseOfTheSeedRuleDoesNotFire() throws IOException {
        RuleTestFile file = RuleTestFile.load(
                RULES.resolve("credential_access_service_account_token_read_followed_by_api_request.test.toml"));
        List<String> negative = new ArrayList<>();
        for (RuleTestCase c : file.cases()) {
            if (!c.expected().isEmpty()) {
                continue;
            }
            negative.add(c.name());
            String reason = REASONS.entrySet().stream()
                    .filter(e -> c.name().startsWith(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            assertThat(reason)
                    .as("the expected explanation of negative case '%s'", c.name())
                    .isNotNull();
            Path events = dir.resolve("case.ndjson");
            List<String> lines = new ArrayList<>();
            for (Event e : c.events()) {
                lines.add(JSON.writeValueAsString(e.source()));
            }
            Files.write(events, lines);
            Cli.Result r = Cli.run("explain", "--rule", RULE.toString(), "--events", events.toString());
            assertThat(r.exit()).as(c.name()).isEqualTo(Main.OK);
            assertThat(r.out()).as("explain of '%s'", c.name()).contains(reason).endsWith("  matches: 0\n");
        }
        assertThat(negative).hasSize(REASONS.size());
    }

    @Test
    void explainsOneEventByIdWithEveryClause() {
        Cli.Result r = Cli.run(
                "explain",
                "--rule",
                RULE.toString(),
                "--events",
                "../examples/events/k8s-sa-token-theft.ndjson",
                "--event",
                "f-003");
        assertThat(r.exit()).isEqualTo(Main.OK);
        assertThat(r.out())
                .contains("  event f-003 (line 3) at 2026-03-17T09:00:04.512Z:\n"
                        + "    stage 0: no: 1 clause fails\n"
                        + "      yes  host.os.type == \"linux\"    (host.os.type is \"linux\")\n");
        assertThat(r.out()).contains("      no   process.interactive == true    (process.interactive is false)\n");
        assertThat(r.out()).endsWith("  matches: 4\n");
    }

    @Test
    void anUnknownEventIdIsAUsageError() {
        Cli.Result r = Cli.run(
                "explain",
                "--rule",
                RULE.toString(),
                "--events",
                "../examples/events/k8s-sa-token-theft.ndjson",
                "--event",
                "nope");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("no event with event.id [nope] in ../examples/events/k8s-sa-token-theft.ndjson");
    }

    @Test
    void withoutEventsItPrintsThePlan() {
        Cli.Result r = Cli.run("explain", "--query", "process where name == \"a\" and pid > 1 + 1");
        assertThat(r.exit()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("kind: event").contains("name == \"a\"").contains("pid > 2");
        Cli.Result orphan = Cli.run("explain", "--query", "any where true", "--event", "x");
        assertThat(orphan.exit()).isEqualTo(Main.USAGE);
        assertThat(orphan.err()).contains("--event needs --events");
    }
}
