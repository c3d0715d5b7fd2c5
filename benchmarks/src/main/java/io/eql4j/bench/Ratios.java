package io.eql4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints issue #5's ratios from JMH JSON results ({@code -rf json -rff <file>}) of this module's benchmarks:
 * {@code java -cp benchmarks/target/benchmarks.jar io.eql4j.bench.Ratios seed.json pack.json e2e.json}.
 * A ratio's error combines the two scores' relative errors (99.9% intervals, as JMH prints them) in quadrature.
 */
public final class Ratios {

    /** One secondary score (events/s) of one benchmark with its parameters. */
    private record Score(String method, Map<String, String> params, double value, double error) {
    }

    private Ratios() {
    }

    public static void main(String[] args) throws IOException {
        List<Score> scores = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : mapper.readTree(Path.of(file).toFile())) {
                String name = run.get("benchmark").asText();
                String method = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
                Map<String, String> params = new TreeMap<>();
                run.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                JsonNode events = run.path("secondaryMetrics").path("events");
                if (!events.isMissingNode()) {
                    scores.add(new Score(method, params, events.get("score").asDouble(),
                            events.get("scoreError").asDouble()));
                }
            }
        }
        for (Score s : scores) {
            if (s.method().equals("SeedRuleBenchmark.eql4j")) {
                for (String peer : List.of("handWrittenHashMap", "flinkCepFilterInFront", "flinkCepNoFilter")) {
                    find(scores, "SeedRuleBenchmark." + peer, s.params()).ifPresent(p ->
                            print("seed " + s.params() + " eql4j / " + peer, s, p));
                }
            } else if (s.method().equals("RulePackBenchmark.eql4j") && !s.params().get("rules").equals("1")) {
                Map<String, String> one = new TreeMap<>(s.params());
                one.put("rules", "1");
                find(scores, s.method(), one).ifPresent(p -> print("rule pack " + s.params()
                        + " per-event cost / 1 rule", p, s));
            } else if (s.method().equals("EndToEndBenchmark.eql4jFromNdjson")) {
                Map<String, String> base = new TreeMap<>(s.params());
                base.remove("rules");
                find(scores, "EndToEndBenchmark.jacksonTokensOnly", base).ifPresent(p ->
                        print("end to end " + s.params() + " eql4j / tokens only", s, p));
            }
        }
    }

    private static java.util.Optional<Score> find(List<Score> scores, String method, Map<String, String> params) {
        return scores.stream().filter(s -> s.method().equals(method) && s.params().equals(params)).findFirst();
    }

    private static void print(String what, Score a, Score b) {
        double ratio = a.value() / b.value();
        double error = ratio * Math.hypot(a.error() / a.value(), b.error() / b.value());
        System.out.printf("%-90s %7.3f ± %.3f%n", what, ratio, error);
    }
}
