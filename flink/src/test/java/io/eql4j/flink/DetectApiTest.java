package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.event.Event;
import io.eql4j.flink.testing.CollectingSink;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.flink.testing.Multisets;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code EqlFlink.detect} over {@code Map} events and over a user's own type with an adapter. */
@Timeout(120)
class DetectApiTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    private static final Path EVENTS = Path.of("../examples/events/k8s-sa-token-theft.ndjson");
    private static final Path RULES = Path.of("../examples/rules/kubernetes");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The user's own type: here a record holding an event's fields as a JSON string. */
    public record AuditLine(String json) {}

    /** Each match as JSON with the keys of every object sorted. */
    private static List<String> normal(List<String> matches) throws Exception {
        List<String> out = new ArrayList<>();
        for (String m : matches) {
            out.add(JSON.writer()
                    .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(JSON.readValue(m, new TypeReference<Map<String, Object>>() {})));
        }
        return out;
    }

    /** The adapter of the user's type. */
    private static Event asEvent(AuditLine line) {
        try {
            return Event.of(JSON.readTree(line.json()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The embedded engine's matches over the example stream, as the records' events are written as JSON. */
    private static List<String> embedded(FlinkPlan plan) throws Exception {
        List<String> out = new ArrayList<>();
        EqlEngine engine =
                EqlEngine.create(plan.plan(), m -> out.add(MatchRecord.of(m).toJson()));
        for (String line : Files.readAllLines(EVENTS)) {
            engine.accept(Event.of(JSON.readValue(line, new TypeReference<Map<String, Object>>() {})));
        }
        engine.finish();
        return out;
    }

    @Test
    void mapsAndAUsersOwnTypeGiveTheEmbeddedEnginesMatches() throws Exception {
        FlinkPlan plan = FlinkPlan.of(RulePack.load(RULES).orThrow(), EngineOptions.defaults());
        List<String> expected = embedded(plan);
        assertThat(expected).hasSize(4);
        List<String> lines = Files.readAllLines(EVENTS);

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, true); // a Map of Objects is a generic type to Flink
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<Map<String, Object>> maps = new ArrayList<>();
        for (String line : lines) {
            maps.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
        }
        DataStream<Map<String, Object>> mapStream = env.fromData(
                        maps, Types.MAP(Types.STRING, Types.GENERIC(Object.class)))
                .setParallelism(1);
        CollectingSink<MatchRecord> fromMaps = new CollectingSink<>(MatchRecord::toJson);
        EqlFlink.detectMaps(mapStream, "maps", plan, EqlFlink.UNBOUNDED)
                .matches()
                .sinkTo(fromMaps);

        env.execute("detect over maps");
        // a Map passes through Flink's generic serializer, which need not keep its key order: compare as JSON values
        Multisets.assertSame("matches over maps", normal(fromMaps.take()), normal(expected));

        // one detection per job: its operators have fixed ids, so that savepoints map back to them
        env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DataStream<AuditLine> own = env.fromData(lines)
                .setParallelism(1)
                .map(AuditLine::new, Types.POJO(AuditLine.class))
                .setParallelism(1);
        CollectingSink<MatchRecord> fromOwn = new CollectingSink<>(MatchRecord::toJson);
        EqlFlink.detect(own, DetectApiTest::asEvent, "audit", plan, EqlFlink.UNBOUNDED)
                .matches()
                .sinkTo(fromOwn);
        env.execute("detect over a user's type");
        Multisets.assertSame("matches over the user's type", normal(fromOwn.take()), normal(expected));
    }

    /**
     * The live overloads as the README and {@link EqlFlink}'s Javadoc name them: with an idle timeout, over lines and
     * over a user's type, a pack with result limits; a zero timeout is refused. (Builds the job graph only; the live
     * jobs run in LiveUpdateJobTest and KafkaJobTest.)
     */
    @Test
    void theLiveOverloadsTakeTheIdleTimeout() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FlinkPlan plan = FlinkPlan.ofQueries(
                Map.of("q", "process where true | head 1"), io.eql4j.runtime.EngineOptions.defaults());
        DataStream<SourceLine> lines = env.fromData(
                        List.of(SourceLine.ofFile("e", 1, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .returns(FlinkTypes.SOURCE_LINE);
        DataStream<RulePackUpdate> updates = env.fromData(List.of(new RulePackUpdate("v2", Map.of("q.eql", "x"))))
                .returns(LiveTypes.UPDATE);
        java.time.Duration lateness = java.time.Duration.ZERO;
        java.time.Duration idleTimeout = java.time.Duration.ofSeconds(5);
        EqlFlink.Detection detection = EqlFlink.detect(lines, updates, plan, lateness, idleTimeout);
        org.assertj.core.api.Assertions.assertThat(detection.updates()).isNotNull();
        DataStream<AuditLine> own = env.fromData(List.of(new AuditLine("{}")), Types.POJO(AuditLine.class));
        org.assertj.core.api.Assertions.assertThat(
                        EqlFlink.detect(own, DetectApiTest::asEvent, "audit", updates, plan, lateness, idleTimeout)
                                .matches())
                .isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> EqlFlink.detect(lines, updates, plan, lateness, java.time.Duration.ZERO))
                .hasMessage("the idle timeout must be more than 0: PT0S");
    }
}
