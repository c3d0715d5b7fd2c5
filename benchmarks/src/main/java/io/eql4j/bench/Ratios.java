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
 *
 * <p>For the seed rule's Flink jobs it also prints the rate without the job's fixed cost: events per pass divided by
 * (seconds per pass - seconds of {@code flinkJobStartUp} with the same parameters), the two times' errors added in
 * quadrature, and eql4j's rate over that.
 */
public final class Ratios {

    /** One score of one benchmark with its parameters: events/s, or seconds per operation. */
    private record Score(String method, Map<String, String> params, double value, double error) {}

    private static final String SEED = "SeedRuleBenchmark.";
    private static final List<String> FLINK_JOBS = List.of("flinkJobFilterInFront", "flinkJobNoFilter");

    private Ratios() {}

    public static void main(String[] args) throws IOException {
        List<Score> scores = new ArrayList<>();
        List<Score> secondsPerOp = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : mapper.readTree(Path.of(file).toFile())) {
                String name = run.get("benchmark").asText();
                String method = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
                Map<String, String> params = new TreeMap<>();
                run.path("params")
                        .fields()
                        .forEachRemaining(
                                e -> params.put(e.getKey(), e.getValue().asText()));
                secondsPerOp.add(secondsPerOp(method, params, run.get("primaryMetric")));
                JsonNode events = run.path("secondaryMetrics").path("events");
                if (!events.isMissingNode()) {
                    scores.add(new Score(
                            method,
                            params,
                            events.get("score").asDouble(),
                            events.get("scoreError").asDouble()));
                }
            }
        }
        for (Score s : scores) {
            if (s.method().equals(SEED + "eql4j")) {
                for (String peer : List.of(
                        "handWrittenHashMap",
                        "esperFilterInFront",
                        "flinkCepFilterInFront",
                        "flinkCepNoFilter",
                        "flinkJobFilterInFront",
                        "flinkJobNoFilter")) {
                    find(scores, SEED + peer, s.params())
                            .ifPresent(p -> print("seed " + s.params() + " eql4j / " + peer, s, p));
                }
                find(secondsPerOp, SEED + "flinkJobStartUp", s.params()).ifPresent(startUp -> {
                    System.out.printf(
                            "%-100s %7.3f ± %.3f%n",
                            "seed " + s.params() + " flinkJobStartUp s/pass", startUp.value(), startUp.error());
                    for (String job : FLINK_JOBS) {
                        find(secondsPerOp, SEED + job, s.params()).ifPresent(pass -> {
                            Score rate = withoutStartUp(
                                    pass, startUp, Double.parseDouble(s.params().get("events")));
                            System.out.printf(
                                    "%-100s %,7.0f ± %,.0f%n",
                                    "seed " + s.params() + " " + job + " events/s without start-up",
                                    rate.value(),
                                    rate.error());
                            print("seed " + s.params() + " eql4j / " + job + " without start-up", s, rate);
                        });
                    }
                });
            } else if (s.method().equals("RulePackBenchmark.eql4j")
                    && !s.params().get("rules").equals("1")) {
                Map<String, String> one = new TreeMap<>(s.params());
                one.put("rules", "1");
                find(scores, s.method(), one)
                        .ifPresent(p -> print("rule pack " + s.params() + " per-event cost / 1 rule", p, s));
            } else if (s.method().equals("EndToEndBenchmark.eql4jFromNdjson")) {
                Map<String, String> base = new TreeMap<>(s.params());
                base.remove("rules");
                find(scores, "EndToEndBenchmark.jacksonTokensOnly", base)
                        .ifPresent(p -> print("end to end " + s.params() + " eql4j / tokens only", s, p));
            }
        }
    }

    /** A primary score as seconds per operation, whether JMH gave a rate (ops/s) or a time (s/op, ms/op, ...). */
    private static Score secondsPerOp(String method, Map<String, String> params, JsonNode primary) {
        double score = primary.get("score").asDouble();
        double relative = primary.get("scoreError").asDouble() / score;
        String[] unit = primary.get("scoreUnit").asText().split("/");
        double value = unit[0].equals("ops") ? 1 / (score * seconds(unit[1])) : score * seconds(unit[0]);
        return new Score(method, params, value, value * relative);
    }

    private static double seconds(String unit) {
        return switch (unit) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
        };
    }

    /** Events/s of a pass once the fixed cost of a job is taken off its time. */
    private static Score withoutStartUp(Score pass, Score startUp, double events) {
        double seconds = pass.value() - startUp.value();
        double rate = events / seconds;
        return new Score(
                pass.method(), pass.params(), rate, rate * Math.hypot(pass.error(), startUp.error()) / seconds);
    }

    private static java.util.Optional<Score> find(List<Score> scores, String method, Map<String, String> params) {
        return scores.stream()
                .filter(s -> s.method().equals(method) && s.params().equals(params))
                .findFirst();
    }

    private static void print(String what, Score a, Score b) {
        double ratio = a.value() / b.value();
        double error = ratio * Math.hypot(a.error() / a.value(), b.error() / b.value());
        System.out.printf("%-100s %7.3f ± %.3f%n", what, ratio, error);
    }
}
