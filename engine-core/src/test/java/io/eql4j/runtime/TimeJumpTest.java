package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.CompileOptions;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One event cannot move event time far (issue 13, finding 7): an event dated 2200-01-01 in front of, or inside, the
 * example stream leaves the seed rule's four detections, whatever the lateness; a real gap in a stream is confirmed
 * by the events after it and changes no result.
 */
class TimeJumpTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path RULE = EXAMPLES.resolve(
            "rules/kubernetes/credential_access_service_account_token_read_followed_by_api_request.toml");
    private static final Path STREAM = EXAMPLES.resolve("events/k8s-sa-token-theft.ndjson");
    private static final List<String> ORACLE = List.of("f-036,a-040", "f-071,a-078", "f-108,a-112", "f-121,a-125");

    /** The stream's first line dated 2200-01-01 (a Kubernetes audit event, which the rule's second stage reads). */
    static String forged(List<String> lines) {
        String first = lines.get(0);
        String forged = first.replaceFirst("\"@timestamp\":\"[^\"]+\"", "\"@timestamp\":\"2200-01-01T00:00:00.000Z\"")
                .replace("\"a-001\"", "\"forged\"");
        assertThat(forged).isNotEqualTo(first).contains("2200-01-01").contains("forged");
        return forged;
    }

    private record Result(List<String> matches, List<EventProblem> problems, EngineStats stats) {}

    private static Result run(List<String> lines, RuntimeOptions options, int snapshotAt) throws IOException {
        Plan plan = EqlCompiler.compile(RulePack.load(RULE).orThrow().rules(), CompileOptions.defaults());
        List<String> matches = new ArrayList<>();
        List<EventProblem> problems = new ArrayList<>();
        MatchListener onMatch = m -> matches.add(m.events().stream()
                .map(e -> String.valueOf(e.field("event.id")))
                .collect(Collectors.joining(",")));
        EqlEngine engine = EqlEngine.create(plan, options, onMatch, problems::add);
        JsonEventReader reader = JsonEventReader.forPlan(plan);
        for (int i = 0; i < lines.size(); i++) {
            if (i == snapshotAt) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                engine.snapshot(bytes);
                engine = EqlEngine.restore(
                        plan, options, new ByteArrayInputStream(bytes.toByteArray()), onMatch, problems::add);
            }
            engine.accept(reader.read(lines.get(i)));
        }
        engine.finish();
        return new Result(matches, problems, engine.stats());
    }

    private static List<String> stream() throws IOException {
        return Files.readAllLines(STREAM, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
    }

    @Test
    void aForgedEventInFrontOfTheStreamLeavesTheFourDetections() throws IOException {
        List<String> lines = new ArrayList<>(stream());
        lines.add(0, forged(lines));
        for (Duration lateness : List.of(Duration.ZERO, Duration.ofSeconds(30), Duration.ofHours(1))) {
            for (int cut : List.of(-1, 1, 2, 3, 4, 60)) {
                RuntimeOptions options =
                        RuntimeOptions.builder().allowedLateness(lateness).build();
                Result r = run(lines, options, cut);
                assertThat(r.matches())
                        .as("lateness %s, snapshot before line %d", lateness, cut)
                        .containsExactlyElementsOf(ORACLE);
                assertThat(r.problems())
                        .as("lateness %s", lateness)
                        .singleElement()
                        .satisfies(p -> {
                            assertThat(p.kind()).isEqualTo(EventProblem.Kind.TIME_JUMP);
                            assertThat(p.eventNumber()).isEqualTo(1);
                            assertThat(String.valueOf(p.event().field("event.id")))
                                    .isEqualTo("forged");
                            assertThat(p.message())
                                    .startsWith("the stream's first events set its time to"
                                            + " 2200-01-01T00:00:00Z, but 3 events more than the max time jump (1d) behind it"
                                            + " agree on 2026-03-17T");
                        });
                assertThat(r.stats().lateEvents()).isZero();
                assertThat(r.stats().timeJumps()).isEqualTo(1);
            }
        }
    }

    @Test
    void withoutTheBoundTheForgedEventStopsDetection() throws IOException {
        List<String> lines = new ArrayList<>(stream());
        lines.add(0, forged(lines));
        Result r = run(
                lines,
                RuntimeOptions.builder()
                        .maxTimeJump(RuntimeOptions.NO_TIME_JUMP_LIMIT)
                        .build(),
                -1);
        assertThat(r.matches()).isEmpty();
        assertThat(r.stats().lateEvents())
                .isEqualTo(lines.size() - 1 - r.stats().eventsProcessed() + 1);
    }

    @Test
    void aForgedEventInsideTheStreamIsHeldReportedAndEvaluatedLast() throws IOException {
        List<String> lines = new ArrayList<>(stream());
        lines.add(50, forged(lines));
        for (int cut : List.of(-1, 51, 100)) {
            Result r = run(lines, RuntimeOptions.defaults(), cut);
            assertThat(r.matches()).containsExactlyElementsOf(ORACLE);
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(EventProblem.Kind.TIME_JUMP);
                assertThat(p.eventNumber()).isEqualTo(51);
                assertThat(p.message())
                        .startsWith("its time 2200-01-01T00:00:00Z is more than the max time jump"
                                + " (1d) ahead of the stream's time 2026-03-17T");
            });
            assertThat(r.stats().eventsProcessed()).isEqualTo(lines.size());
            assertThat(r.stats().heldForTimeJump()).isZero();
        }
    }

    /**
     * A snapshot of format version 2 (written before entries could be set apart: the same bytes without the last
     * field of the engine section) taken while the forged event waits is read, and the run goes on as one without
     * the cut; the snapshot of this version carries the event that waits.
     */
    @Test
    void aVersion2SnapshotWithAHeldEventIsRead() throws Exception {
        List<String> lines = new ArrayList<>(stream());
        lines.add(50, forged(lines));
        Plan plan = EqlCompiler.compile(RulePack.load(RULE).orThrow().rules(), CompileOptions.defaults());
        List<String> matches = new ArrayList<>();
        List<EventProblem> problems = new ArrayList<>();
        MatchListener onMatch = m -> matches.add(m.events().stream()
                .map(e -> String.valueOf(e.field("event.id")))
                .collect(Collectors.joining(",")));
        EqlEngine engine = EqlEngine.create(plan, RuntimeOptions.defaults(), onMatch, problems::add);
        JsonEventReader reader = JsonEventReader.forPlan(plan);
        for (int i = 0; i < 51; i++) {
            engine.accept(reader.read(lines.get(i)));
        }
        assertThat(engine.stats().heldForTimeJump()).isEqualTo(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        engine.snapshot(bytes);
        byte[] v3 = bytes.toByteArray();
        assertThat(v3[StateCodec.MAGIC.length]).isEqualTo((byte) StateCodec.VERSION);
        StateCodec.Snapshot parsed = StateCodec.parse(v3);
        int sectionLength = parsed.sectionLength[0];
        int varint = sectionLength < 128 ? 1 : sectionLength < 16384 ? 2 : 3;
        int engineEnd = parsed.sectionStart[0] - varint;
        assertThat(v3[engineEnd - 1]).as("no entry set apart").isZero();
        byte[] v2 = new byte[v3.length - 1];
        System.arraycopy(v3, 0, v2, 0, engineEnd - 1);
        System.arraycopy(v3, engineEnd, v2, engineEnd - 1, v3.length - engineEnd);
        v2[StateCodec.MAGIC.length] = 2;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v2, 0, v2.length - 4);
        int sum = (int) crc.getValue();
        v2[v2.length - 4] = (byte) (sum >>> 24);
        v2[v2.length - 3] = (byte) (sum >>> 16);
        v2[v2.length - 2] = (byte) (sum >>> 8);
        v2[v2.length - 1] = (byte) sum;
        engine = EqlEngine.restore(
                plan, RuntimeOptions.defaults(), new ByteArrayInputStream(v2), onMatch, problems::add);
        assertThat(engine.stats().heldForTimeJump()).isEqualTo(1);
        for (int i = 51; i < lines.size(); i++) {
            engine.accept(reader.read(lines.get(i)));
        }
        engine.finish();
        assertThat(matches).containsExactlyElementsOf(ORACLE);
        assertThat(problems)
                .singleElement()
                .satisfies(p -> assertThat(p.eventNumber()).isEqualTo(51));
    }

    @Test
    void aRealGapIsConfirmedByTheEventsAfterItAndChangesNoResult() {
        String query = "sequence by u with maxspan=5d [any where x == 1] [any where x == 2]";
        String[] events = {
            "2026-01-01T00:00:00Z a 1", "2026-01-01T00:00:01Z c 1", "2026-01-04T00:00:00Z a 2",
            "2026-01-04T00:00:01Z b 1", "2026-01-04T00:00:02Z b 2", "2026-01-04T00:00:03Z c 2"
        };
        List<String> bounded = new ArrayList<>();
        List<String> unbounded = new ArrayList<>();
        List<EventProblem> problems = new ArrayList<>();
        for (boolean bound : List.of(true, false)) {
            RuntimeOptions options = bound
                    ? RuntimeOptions.defaults()
                    : RuntimeOptions.builder()
                            .maxTimeJump(RuntimeOptions.NO_TIME_JUMP_LIMIT)
                            .build();
            List<String> out = bound ? bounded : unbounded;
            EqlEngine engine = EqlEngine.create(
                    EqlCompiler.compile(List.of(Rule.ofQuery("q", query)), CompileOptions.defaults()),
                    options,
                    m -> out.add(m.joinKeys().toString()),
                    bound ? problems::add : p -> {});
            for (String e : events) {
                String[] f = e.split(" ");
                engine.accept(Event.of(java.util.Map.of("@timestamp", f[0], "u", f[1], "x", Integer.parseInt(f[2]))));
            }
            if (bound) {
                // the jump is confirmed by the two events after it: nothing waits any more
                assertThat(engine.stats().heldForTimeJump()).isZero();
                assertThat(out).containsExactly("[a]", "[b]", "[c]");
            }
            engine.finish();
        }
        assertThat(bounded).containsExactlyElementsOf(unbounded).containsExactly("[a]", "[b]", "[c]");
        // a confirmed jump is the stream's real time, not a problem of the input
        assertThat(problems).isEmpty();
    }
}
