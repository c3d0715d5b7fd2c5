package io.eql4j.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.bench.Corpus;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EcsStreamTest {

    private static final List<Rule> RULES = List.of(
            Rule.ofQuery(
                    "encoded-powershell",
                    "process where host.os.type == \"windows\" and "
                            + "process.name : (\"powershell.exe\", \"pwsh.exe\") and process.args : (\"-enc*\", \"-e\") and "
                            + "not process.parent.executable : \"C:\\\\Program Files\\\\*\""),
            Rule.ofQuery(
                    "bcdedit",
                    "process where process.name : \"bcdedit.exe\" and process.args : (\"-set\", \"/set\") "
                            + "and process.args : (\"TESTSIGNING\", \"nointegritychecks\")"),
            Rule.ofQuery(
                    "shadow",
                    "file where host.os.type == \"linux\" and file.path like \"/etc/shadow*\" and "
                            + "startsWith(process.name, \"python\")"),
            Rule.ofQuery(
                    "connect-after-start",
                    "sequence by process.entity_id with maxspan=5s "
                            + "[process where event.type == \"start\" and process.name == \"curl\"] "
                            + "[network where cidrMatch(destination.ip, \"192.168.0.0/16\") and destination.port == 4444]"));

    @Test
    void isDeterministic() {
        assertThat(EcsStream.generate(RULES, 3_000, 9)).isEqualTo(EcsStream.generate(RULES, 3_000, 9));
        assertThat(EcsStream.generate(RULES, 3_000, 9)).isNotEqualTo(EcsStream.generate(RULES, 3_000, 10));
    }

    @Test
    void theSharedLayoutHoldsTheSameEvents() {
        assertThat(EcsStream.generate(RULES, 3_000, 9, Layout.SHARED)).isEqualTo(EcsStream.generate(RULES, 3_000, 9));
    }

    @Test
    void theRulesMatchSometimesAndSequencesComplete() {
        Map<String, Long> perRule = matches(RULES, EcsStream.generate(RULES, 30_000, 9));
        assertThat(perRule.keySet())
                .containsExactlyInAnyOrder("encoded-powershell", "bcdedit", "shadow", "connect-after-start");
        // 2% seeded events over 4 rules, each seeded stage holds; sequences complete only through follow-ups
        assertThat(perRule.get("encoded-powershell")).isBetween(50L, 2_000L);
        assertThat(perRule.get("bcdedit"))
                .as("two conditions on one multi-valued field")
                .isBetween(50L, 2_000L);
        assertThat(perRule.get("connect-after-start")).isBetween(20L, 1_000L);
    }

    @Test
    void harvestsTheLiteralsOfEachFieldPerOs() {
        Harvest h = Harvest.of(RULES);
        assertThat(fixed(h.valuesOf("process.name", "windows"))).contains("powershell.exe", "pwsh.exe");
        assertThat(fixed(h.valuesOf("process.name", "linux"))).doesNotContain("powershell.exe");
        assertThat(h.valuesOf("process.parent.executable", "windows"))
                .containsExactly(new ValueGen.Wildcard("C:\\Program Files\\*"));
        assertThat(h.valuesOf("destination.ip", "any")).containsExactly(new ValueGen.Cidr("192.168.0.0/16"));
        assertThat(h.keyFields).containsExactly("process.entity_id");
        assertThat(h.rules.get(3).maxSpanMillis()).isEqualTo(5_000);
    }

    @Test
    void valueGeneratorsSatisfyWhatTheyCameFrom() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            String path = (String) new ValueGen.Wildcard("C:\\Users\\*\\a?.exe").sample(rnd);
            assertThat(path).matches("C:\\\\Users\\\\[a-z0-9]*\\\\a[a-z]\\.exe");
            String ip = (String) new ValueGen.Cidr("10.1.0.0/16").sample(rnd);
            assertThat(ip).startsWith("10.1.");
            assertThat((String) new ValueGen.Affix("mimikatz", true, true).sample(rnd))
                    .contains("mimikatz");
        }
    }

    @Test
    void theCorpusStreamIsMixedAndMatchesEventAndSequenceRules() {
        Path shared = io.eql4j.testsupport.SharedReferences.root();
        io.eql4j.testsupport.SharedReferences.requireExists(Corpus.rulesDir(shared));
        List<Rule> corpus = Corpus.load(shared);
        List<Map<String, Object>> stream = EcsStream.generate(corpus, 20_000, 7);
        Set<Object> categories = new HashSet<>();
        Set<Object> systems = new HashSet<>();
        for (Map<String, Object> e : stream) {
            categories.add(Event.of(e).field("event.category"));
            systems.add(Event.of(e).field("host.os.type"));
        }
        assertThat(categories).hasSizeGreaterThanOrEqualTo(10);
        assertThat(systems).contains("windows", "linux", "macos");
        List<Match> found = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(EqlCompiler.compile(corpus, EngineOptions.defaults()), found::add);
        stream.forEach(e -> engine.accept(Event.of(e)));
        engine.finish();
        assertThat(engine.stats().ruleErrors()).isZero();
        assertThat(found.stream()
                        .filter(m -> m.kind() == Match.Kind.EVENT)
                        .map(m -> m.rule().ruleId())
                        .distinct()
                        .count())
                .as("event rules that matched")
                .isGreaterThan(200);
        assertThat(found.stream().filter(m -> m.kind() == Match.Kind.SEQUENCE).count())
                .as("sequences")
                .isGreaterThan(20);
    }

    private static Map<String, Long> matches(List<Rule> rules, List<Map<String, Object>> stream) {
        Plan plan = EqlCompiler.compile(rules, EngineOptions.defaults());
        Map<String, Long> perRule = new java.util.TreeMap<>();
        EqlEngine engine = EqlEngine.create(plan, m -> perRule.merge(m.rule().ruleId(), 1L, Long::sum));
        stream.forEach(e -> engine.accept(Event.of(e)));
        engine.finish();
        return perRule;
    }

    private static List<Object> fixed(List<ValueGen> gens) {
        return gens.stream()
                .filter(g -> g instanceof ValueGen.Fixed)
                .map(g -> ((ValueGen.Fixed) g).value())
                .toList();
    }
}
