package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.CompileOptions;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Snapshots: what they refuse, and reloads that keep the state of unchanged rules. */
class SnapshotTest {

    private static final Rule SEQ = Rule.ofQuery("seq", "sequence by user [process where true] [file where true]");
    private static final Rule TAIL = Rule.ofQuery("tail", "process where true | tail 2");
    private static final Rule SAMPLE = Rule.ofQuery("sample", "sample by user [process where true] [file where true]");

    private static Event event(long ts, String category, String user) {
        return Event.of(Map.of("@timestamp", ts, "event", Map.of("category", category), "user", user));
    }

    private static byte[] snapshot(EqlEngine engine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.snapshot(out);
        return out.toByteArray();
    }

    private static EqlEngine engineWithState(Plan plan, List<String> matches) {
        EqlEngine engine = EqlEngine.create(plan, m -> matches.add(SnapshotCuts.describe(m)));
        engine.accept(event(100_000, "process", "alice"));
        engine.accept(event(100_001, "process", "bob"));
        return engine;
    }

    @Test
    void everyTruncationAndEveryFlippedByteIsRefusedWithoutAnEngine() throws IOException {
        Plan plan = EqlCompiler.compile(List.of(SEQ, TAIL, SAMPLE), CompileOptions.defaults());
        byte[] bytes = snapshot(engineWithState(plan, new ArrayList<>()));
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThatThrownBy(() -> restore(plan, cut))
                    .as("truncated to %d of %d bytes", cut.length, bytes.length)
                    .isInstanceOf(StateException.class)
                    .hasMessageMatching("(not an eql4j state snapshot|the snapshot is truncated or corrupt).*");
        }
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] bad = bytes.clone();
            int at = random.nextInt(bad.length);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            assertThatThrownBy(() -> restore(plan, bad))
                    .as("byte %d changed", at)
                    .isInstanceOf(StateException.class);
        }
    }

    @Test
    void anotherFormatVersionIsNamed() throws IOException {
        Plan plan = EqlCompiler.compile(List.of(SEQ), CompileOptions.defaults());
        byte[] bytes = snapshot(engineWithState(plan, new ArrayList<>()));
        bytes[StateCodec.MAGIC.length] = 9;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int sum = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            bytes[bytes.length - 4 + i] = (byte) (sum >>> (24 - 8 * i));
        }
        assertThatThrownBy(() -> restore(plan, bytes))
                .isInstanceOf(StateException.class)
                .hasMessage("the snapshot has format version 9; this eql4j reads versions 1 to 3");
    }

    @Test
    void aSnapshotOfAnotherPlanIsRefusedNamingTheRulesThatDiffer() throws IOException {
        Plan plan = EqlCompiler.compile(List.of(SEQ, TAIL, SAMPLE), CompileOptions.defaults());
        byte[] bytes = snapshot(engineWithState(plan, new ArrayList<>()));
        Plan other = EqlCompiler.compile(
                List.of(
                        Rule.ofQuery("seq", "sequence by user [process where true] [network where true]"),
                        SAMPLE,
                        Rule.ofQuery("new", "any where true")),
                CompileOptions.defaults());
        assertThatThrownBy(() -> restore(other, bytes))
                .isInstanceOf(StateException.class)
                .hasMessage("the snapshot was taken with another plan: seq (changed), new (new), tail (removed);"
                        + " restore it as a reload to keep the state of the unchanged rules")
                .satisfies(
                        e -> assertThat(((StateException) e).differingRules()).containsExactly("seq", "new", "tail"));
        Plan tiebreaker = EqlCompiler.compile(
                List.of(SEQ, TAIL, SAMPLE),
                CompileOptions.builder().tiebreakerField("seq.no").build());
        assertThatThrownBy(() -> restore(tiebreaker, bytes))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("seq (changed), tail (changed), sample (changed)");
        Plan reordered = EqlCompiler.compile(List.of(TAIL, SEQ, SAMPLE), CompileOptions.defaults());
        assertThatThrownBy(() -> restore(reordered, bytes))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("its rules are in another order");
        Plan renamed = EqlCompiler.compile(List.of(SEQ, TAIL, SAMPLE), CompileOptions.defaults());
        assertThat(restore(renamed, bytes).stats().pendingSequences()).isEqualTo(2);
    }

    private static EqlEngine restore(Plan plan, byte[] bytes) throws IOException {
        return EqlEngine.restore(plan, RuntimeOptions.defaults(), new ByteArrayInputStream(bytes), m -> {}, p -> {});
    }

    @Test
    void reloadingAnUnchangedPackChangesNothing() {
        Plan plan = EqlCompiler.compile(List.of(SEQ, TAIL, SAMPLE), CompileOptions.defaults());
        List<String> expected = new ArrayList<>();
        EqlEngine plain = engineWithState(plan, expected);
        List<String> got = new ArrayList<>();
        EqlEngine reloaded = engineWithState(plan, got);
        ReloadReport report =
                reloaded.reload(EqlCompiler.compile(List.of(SEQ, TAIL, SAMPLE), CompileOptions.defaults()));
        assertThat(report.unchanged()).isTrue();
        assertThat(report.toString()).isEqualTo("kept seq\nkept tail\nkept sample\n");
        for (EqlEngine e : List.of(plain, reloaded)) {
            e.accept(event(100_002, "file", "alice"));
            e.accept(event(100_003, "process", "carol"));
            e.accept(event(100_004, "file", "bob"));
            e.finish();
        }
        assertThat(got).isEqualTo(expected).hasSize(6);
    }

    @Test
    void reloadKeepsUnchangedRulesSequencesAcrossItAndResetsChangedOnes() {
        Rule changedTail = Rule.ofQuery("tail", "process where true | tail 1");
        Rule added = Rule.ofQuery("added", "sequence by user [process where true] [file where true] [file where true]");
        Plan before = EqlCompiler.compile(List.of(SEQ, TAIL, SAMPLE), CompileOptions.defaults());
        Plan after = EqlCompiler.compile(List.of(added, SAMPLE, changedTail, SEQ), CompileOptions.defaults());
        List<String> got = new ArrayList<>();
        EqlEngine engine = engineWithState(before, got);
        ReloadReport report = engine.reload(after);
        assertThat(report.ids(ReloadReport.Outcome.KEPT)).containsExactly("sample", "seq");
        assertThat(report.ids(ReloadReport.Outcome.RESET)).containsExactly("tail");
        assertThat(report.ids(ReloadReport.Outcome.ADDED)).containsExactly("added");
        assertThat(report.ids(ReloadReport.Outcome.REMOVED)).isEmpty();
        assertThat(engine.plan()).isSameAs(after);
        engine.accept(event(100_002, "file", "alice"));
        engine.accept(event(100_003, "process", "carol"));
        engine.accept(event(100_004, "file", "bob"));
        engine.finish();
        // the unchanged rules' partial sequences and sample candidates started before the reload complete after it
        assertThat(got).filteredOn(m -> m.startsWith("seq ")).hasSize(2);
        assertThat(got).filteredOn(m -> m.startsWith("sample ")).hasSize(2);
        // the changed tail saw only carol; the new sequence saw no process event of alice or bob
        assertThat(got)
                .filteredOn(m -> m.startsWith("tail "))
                .singleElement()
                .asString()
                .contains("carol");
        assertThat(got).filteredOn(m -> m.startsWith("added ")).isEmpty();
        // the same matches of the kept rules as an uninterrupted run of the old plan
        List<String> uninterrupted = new ArrayList<>();
        EqlEngine plain = engineWithState(before, uninterrupted);
        plain.accept(event(100_002, "file", "alice"));
        plain.accept(event(100_003, "process", "carol"));
        plain.accept(event(100_004, "file", "bob"));
        plain.finish();
        assertThat(got)
                .filteredOn(m -> !m.startsWith("tail ") && !m.startsWith("added "))
                .containsExactlyInAnyOrderElementsOf(uninterrupted.stream()
                        .filter(m -> !m.startsWith("tail "))
                        .toList());
    }

    @Test
    void restoringWithAChangedPackReportsPerRule() throws IOException {
        Plan before = EqlCompiler.compile(List.of(SEQ, TAIL), CompileOptions.defaults());
        byte[] bytes = snapshot(engineWithState(before, new ArrayList<>()));
        Plan after = EqlCompiler.compile(List.of(SEQ, SAMPLE), CompileOptions.defaults());
        EqlEngine.Restored restored = EqlEngine.restoreReloading(
                after, RuntimeOptions.defaults(), new ByteArrayInputStream(bytes), m -> {}, p -> {});
        assertThat(restored.report().toString()).isEqualTo("kept seq\nadded sample\nremoved tail\n");
        assertThat(restored.engine().stats().pendingSequences()).isEqualTo(2);
        assertThat(restored.engine().stats().eventsReceived()).isEqualTo(2);
    }

    @Test
    void bufferedEventsAreEvaluatedAgainstTheNewPlanAfterAReload() {
        RuntimeOptions late = RuntimeOptions.builder()
                .allowedLateness(java.time.Duration.ofMinutes(1))
                .build();
        Plan before = EqlCompiler.compile(List.of(TAIL), CompileOptions.defaults());
        List<String> got = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(before, late, m -> got.add(SnapshotCuts.describe(m)), p -> {});
        engine.accept(event(100_000, "process", "alice"));
        engine.accept(event(100_001, "file", "alice"));
        assertThat(engine.stats().bufferedEvents()).isEqualTo(1);
        engine.reload(EqlCompiler.compile(List.of(SEQ), CompileOptions.defaults()));
        engine.accept(event(100_002, "file", "alice"));
        engine.finish();
        assertThat(got).singleElement().asString().startsWith("seq ");
    }

    @Test
    void jsonLinesKeepTheirTextAndLineNumbersAcrossARestore() throws IOException {
        Plan plan = EqlCompiler.compile(List.of(SEQ), CompileOptions.defaults());
        JsonEventReader reader = JsonEventReader.forPlan(plan);
        String first = "{ \"@timestamp\" : 100000, \"event\": {\"category\": \"process\"}, \"user\": \"al\\u0069ce\" }";
        List<Match> got = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(plan, got::add);
        List<Event> events = new ArrayList<>();
        reader.readLines(
                new ByteArrayInputStream((first + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                (line, e) -> events.add(e),
                (line, message) -> {});
        engine.accept(events.get(0));
        EqlEngine restored = EqlEngine.restore(
                plan, RuntimeOptions.defaults(), new ByteArrayInputStream(snapshot(engine)), got::add, p -> {});
        restored.accept(
                reader.read("{\"@timestamp\": 100001, \"event\": {\"category\": \"file\"}, \"user\": \"alice\"}"));
        restored.finish();
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.events().get(0).source()).isEqualTo(first);
            assertThat(JsonEventReader.lineNumber(m.events().get(0))).isEqualTo(1);
        });
    }

    @Test
    void mapAndJacksonEventsComeBackAsTheirJson() throws IOException {
        Plan plan = EqlCompiler.compile(List.of(SEQ), CompileOptions.defaults());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String text = "{\"@timestamp\":100000,\"event\":{\"category\":\"process\"},\"user\":\"u\",\"n\":[1,2.5]}";
        for (Event first : List.of(
                Event.of(json.readTree(text)),
                Event.of(json.readValue(
                        text, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {})))) {
            List<Match> got = new ArrayList<>();
            EqlEngine engine = EqlEngine.create(plan, got::add);
            engine.accept(first);
            EqlEngine restored = EqlEngine.restore(
                    plan, RuntimeOptions.defaults(), new ByteArrayInputStream(snapshot(engine)), got::add, p -> {});
            restored.accept(event(100_001, "file", "u"));
            restored.finish();
            assertThat(got).singleElement().satisfies(m -> {
                assertThat(m.events().get(0).source()).isEqualTo(text);
                assertThat(m.events().get(0).field("n")).hasToString("[1, 2.5]");
            });
        }
    }

    @Test
    void anEventThatCannotBeStoredIsNamed() {
        Plan plan = EqlCompiler.compile(List.of(SEQ), CompileOptions.defaults());
        EqlEngine engine = EqlEngine.create(plan, m -> {});
        engine.accept(new Event() {
            @Override
            public Object field(io.eql4j.event.FieldPath path) {
                return switch (path.name()) {
                    case "@timestamp" -> 100_000L;
                    case "event.category" -> "process";
                    case "user" -> "x";
                    default -> null;
                };
            }

            @Override
            public Object source() {
                return 42;
            }
        });
        assertThatThrownBy(() -> snapshot(engine))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("an event whose source is a Integer cannot be stored");
    }
}
