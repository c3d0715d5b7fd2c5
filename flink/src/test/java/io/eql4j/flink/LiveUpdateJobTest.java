package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.flink.testing.CollectingSink;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.runtime.EngineOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A live rule update through the broadcast input of a running job on a mini cluster, at parallelism 2, without a
 * restart. The order of events and updates is made deterministic with gates in the sources that wait (latches in
 * this JVM) for what the job's outputs have shown: the events before an update are routed, a refusal is out, an
 * update is acknowledged.
 */
@Timeout(180)
class LiveUpdateJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();

    private static final String SEQ = "sequence by user [process where x == 1] [process where x == 2]";

    /** Passes its input on; at {@code WAIT:NAME} waits until latch NAME is open (fails after a minute). */
    private static final class Gate implements FlatMapFunction<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(String value, Collector<String> out) throws Exception {
            if (value.startsWith("WAIT:")) {
                String name = value.substring("WAIT:".length());
                if (!latch(name).await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the job never showed " + name);
                }
            } else {
                out.collect(value);
            }
        }
    }

    private static CountDownLatch latch(String name) {
        return LATCHES.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    /** A match as {@code rule user-or-mark}; opens the latch {@code match:RULE:USER-OR-MARK}. */
    private static String seen(MatchRecord m) {
        String who;
        try {
            JsonNode last = JSON.readTree(m.events().get(m.events().size() - 1));
            who = last.has("mark")
                    ? last.get("mark").asText()
                    : last.get("user").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        latch("match:" + m.ruleId() + ":" + who).countDown();
        return m.ruleId() + " " + who;
    }

    /** A report as its JSON; opens the latch {@code report:VERSION}. */
    private static String seen(RuleUpdateReport r) {
        latch("report:" + r.version()).countDown();
        return r.toJson();
    }

    private static String event(int second, String user, int x) {
        return "{\"@timestamp\":\"2026-01-01T00:00:" + (10 + second) + ".000Z\",\"event\":{\"category\":\"process\"},"
                + "\"user\":\"" + user + "\",\"x\":" + x + "}";
    }

    private static String mark(int second, String mark) {
        return "{\"@timestamp\":\"2026-01-01T00:00:" + (10 + second) + ".000Z\",\"event\":{\"category\":\"process\"},"
                + "\"mark\":\"" + mark + "\",\"x\":9}";
    }

    @Test
    void aLiveUpdateKeepsUnchangedRulesSequencesResetsChangedOnesAndRefusesABrokenPack() throws Exception {
        LATCHES.clear();
        Map<String, String> first = new LinkedHashMap<>();
        first.put("ev", "process where x == 9");
        first.put("kept", SEQ);
        first.put("changed", SEQ);
        first.put("removed", SEQ);
        FlinkPlan plan = FlinkPlan.ofQueries(first, EngineOptions.defaults());

        List<String> lines = List.of(
                event(1, "u", 1), // partial sequences of kept, changed and removed for u
                mark(2, "A1"),
                mark(3, "A2"),
                "WAIT:report:broken",
                event(4, "r", 1), // after the refusal: the first pack still runs, removed and changed included
                event(5, "r", 2),
                mark(6, "A3"),
                mark(7, "A4"),
                "WAIT:report:v2",
                event(8, "u", 2), // completes kept's sequence that spans the update; changed's started empty
                event(9, "w", 1),
                event(10, "w", 2),
                mark(11, "B1"),
                mark(12, "B2"));
        RulePackUpdate broken = new RulePackUpdate("broken", Map.of("kept.eql", SEQ, "bad.eql", "process where x =="));
        RulePackUpdate v2 = new RulePackUpdate(
                "v2",
                Map.of(
                        "ev.eql",
                        "process where x == 9",
                        "kept.eql",
                        SEQ,
                        "changed.eql",
                        "sequence by user with maxspan=1h [process where x == 1] [process where x == 2]",
                        "added.eql",
                        SEQ));
        List<String> updates = List.of("WAIT:match:ev:A2", broken.toJson(), "WAIT:match:removed:r", v2.toJson());

        StreamExecutionEnvironment env = FlinkTests.environment(2);
        DataStream<SourceLine> source = env.fromData(lines)
                .setParallelism(1)
                .flatMap(new Gate())
                .setParallelism(1)
                .map(l -> SourceLine.ofFile("events", l.hashCode() & 0xffff, l.getBytes(StandardCharsets.UTF_8)))
                .returns(FlinkTypes.SOURCE_LINE)
                .setParallelism(1)
                .rebalance();
        DataStream<RulePackUpdate> packs = env.fromData(updates)
                .setParallelism(1)
                .flatMap(new Gate())
                .returns(Types.STRING)
                .setParallelism(1)
                .map(RulePackUpdate::fromJson)
                .returns(LiveTypes.UPDATE)
                .setParallelism(1);
        EqlFlink.Detection detection = EqlFlink.detect(source, packs, plan, Duration.ZERO);
        CollectingSink<MatchRecord> matches = new CollectingSink<>(LiveUpdateJobTest::seen);
        CollectingSink<RuleUpdateReport> reports = new CollectingSink<>(LiveUpdateJobTest::seen);
        CollectingSink<ProblemRecord> problems = new CollectingSink<>(ProblemRecord::toString);
        detection.matches().sinkTo(matches);
        detection.updates().sinkTo(reports);
        detection.problems().sinkTo(problems);
        env.execute("live rule update");

        assertThat(problems.take()).isEmpty();
        assertThat(matches.take())
                .containsExactlyInAnyOrder(
                        "ev A1",
                        "ev A2",
                        "ev A3",
                        "ev A4",
                        "ev B1",
                        "ev B2",
                        // before the update (after the refusal): the first pack
                        "kept r",
                        "changed r",
                        "removed r",
                        // across the update: only the unchanged rule completes u's sequence
                        "kept u",
                        // after it: the new pack, changed and added rules included
                        "kept w",
                        "changed w",
                        "added w");
        List<String> acknowledgements = new ArrayList<>(reports.take());
        assertThat(acknowledgements)
                .containsExactlyInAnyOrder(
                        "{\"version\":\"broken\",\"accepted\":false,\"generation\":0,\"kept\":[],\"reset\":[],"
                                + "\"added\":[],\"removed\":[],\"errors\":[\"bad.eql:1:19: "
                                + errorOf("process where x ==") + "\"]}",
                        "{\"version\":\"v2\",\"accepted\":true,\"generation\":1,\"kept\":[\"ev\",\"kept\"],"
                                + "\"reset\":[\"changed\"],\"added\":[\"added\"],\"removed\":[\"removed\"],"
                                + "\"errors\":[]}");
    }

    private static String marked(int second, String mark, int x) {
        return "{\"@timestamp\":\"2026-01-01T00:00:" + (10 + second) + ".000Z\",\"event\":{\"category\":\"process\"},"
                + "\"mark\":\"" + mark + "\",\"user\":\"" + mark + "\",\"x\":" + x + "}";
    }

    @Test
    void resultLimitsOfKeptRulesGoOnAcrossAnUpdateAndThoseOfAChangedRuleRestart() throws Exception {
        LATCHES.clear();
        String headSeq = "sequence by user [process where x == 1] [process where x == 2] | head 1";
        Map<String, String> first = new LinkedHashMap<>();
        first.put("headEv", "process where x == 5 | head 1");
        first.put("headSeq", headSeq);
        first.put("chg", "process where x == 7 | head 1");
        FlinkPlan plan = FlinkPlan.ofQueries(first, EngineOptions.defaults());

        List<String> lines = List.of(
                marked(1, "A1", 5),
                event(2, "u", 1),
                event(3, "u", 2),
                marked(4, "C1", 7),
                event(5, "z", 1), // move both router instances' watermarks past the results above (an event
                event(6, "z", 1), // no rule wants moves them only now and then)
                "WAIT:report:v2",
                marked(8, "A2", 5), // head 1 kept: it gave its result before the update
                event(9, "w", 1),
                event(10, "w", 2),
                marked(11, "C2", 7), // head 2 now: the changed rule's count restarts
                marked(12, "C3", 7),
                marked(13, "C4", 7));
        RulePackUpdate v2 = new RulePackUpdate(
                "v2",
                Map.of(
                        "headEv.eql",
                        "process where x == 5 | head 1",
                        "headSeq.eql",
                        headSeq,
                        "chg.eql",
                        "process where x == 7 | head 2"));
        List<String> updates = List.of("WAIT:match:chg:C1", "WAIT:match:headSeq:u", v2.toJson());

        StreamExecutionEnvironment env = FlinkTests.environment(2);
        DataStream<SourceLine> source = env.fromData(lines)
                .setParallelism(1)
                .flatMap(new Gate())
                .setParallelism(1)
                .map(l -> SourceLine.ofFile("events", l.hashCode() & 0xffff, l.getBytes(StandardCharsets.UTF_8)))
                .returns(FlinkTypes.SOURCE_LINE)
                .setParallelism(1)
                .rebalance();
        DataStream<RulePackUpdate> packs = env.fromData(updates)
                .setParallelism(1)
                .flatMap(new Gate())
                .returns(Types.STRING)
                .setParallelism(1)
                .map(RulePackUpdate::fromJson)
                .returns(LiveTypes.UPDATE)
                .setParallelism(1);
        EqlFlink.Detection detection = EqlFlink.detect(source, packs, plan, Duration.ZERO);
        CollectingSink<MatchRecord> matches = new CollectingSink<>(LiveUpdateJobTest::seen);
        CollectingSink<RuleUpdateReport> reports = new CollectingSink<>(LiveUpdateJobTest::seen);
        detection.matches().sinkTo(matches);
        detection.updates().sinkTo(reports);
        env.execute("live update of limited rules");

        assertThat(reports.take())
                .singleElement()
                .asString()
                .contains("\"kept\":[\"headEv\",\"headSeq\"],\"reset\":[\"chg\"]");
        assertThat(matches.take()).containsExactlyInAnyOrder("headEv A1", "headSeq u", "chg C1", "chg C2", "chg C3");
    }

    /** The compiler's message for a query, as the refusal must carry it. */
    private static String errorOf(String query) {
        try {
            io.eql4j.compile.EqlCompiler.compile(
                    List.of(io.eql4j.rules.Rule.ofQuery("q", query)), EngineOptions.defaults());
        } catch (io.eql4j.parser.EqlException e) {
            return e.errorMessage();
        }
        throw new AssertionError("it compiled: " + query);
    }
}
