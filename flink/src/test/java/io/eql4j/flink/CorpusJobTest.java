package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.JsonEventReader;
import io.eql4j.flink.testing.CollectingSink;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.flink.testing.Multisets;
import io.eql4j.flink.testing.SharedData;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole detection-rule corpus (1,081 rule files) as one pack in one Flink job at parallelism 2, over the example
 * stream: the embedded engine's matches. The rules with {@code head}, {@code tail} or a size limit are in it (the
 * corpus has two; the test checks there are some).
 */
@Timeout(300)
class CorpusJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    private static final Path EVENTS = Path.of("../examples/events/k8s-sa-token-theft.ndjson");

    @Test
    void theWholeCorpusInOneJobGivesTheEmbeddedEnginesMatches() throws Exception {
        RulePack.Loaded loaded = RulePack.load(SharedData.require("corpus/detection-rules/rules"));
        Plan all = EqlCompiler.compile(loaded.pack(), EngineOptions.defaults());
        Set<String> limited = EngineSeam.rules(all).stream()
                .filter(EngineSeam.RuleInfo::limited)
                .map(r -> r.rule().ruleId())
                .collect(Collectors.toSet());
        List<Rule> rules = loaded.pack().rules();
        assertThat(rules.size() + loaded.skipped().size()).isGreaterThanOrEqualTo(1_000);
        assertThat(limited).as("rules with head or tail").isNotEmpty();
        System.out.println("corpus on Flink: " + rules.size() + " rules in one job (" + limited.size()
                + " of them with limits; " + loaded.skipped().size() + " skipped files left out)");
        FlinkPlan plan = FlinkPlan.of(RulePack.of(rules), EngineOptions.defaults());

        List<String> expected = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(
                plan.plan(), m -> expected.add(MatchRecord.of(m).toJson()));
        try (InputStream in = Files.newInputStream(EVENTS)) {
            JsonEventReader.forPlan(plan.plan()).readLines(in, (line, e) -> engine.accept(e), (line, m) -> {});
        }
        engine.finish();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(4); // the seed rule is one of the corpus's rules

        StreamExecutionEnvironment env = FlinkTests.environment(2);
        DataStream<SourceLine> lines = env.fromSource(
                FileSource.forRecordStreamFormat(
                                new NdjsonLineFormat(EVENTS.toString()),
                                new org.apache.flink.core.fs.Path(
                                        EVENTS.toAbsolutePath().toUri()))
                        .build(),
                WatermarkStrategy.noWatermarks(),
                "events");
        CollectingSink<MatchRecord> matches = new CollectingSink<>(MatchRecord::toJson);
        EqlFlink.detect(lines, plan, EqlFlink.UNBOUNDED).matches().sinkTo(matches);
        env.execute("the corpus in one job");
        Multisets.assertSame("the corpus's matches", matches.take(), expected);
    }
}
