package io.eql4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Fuzz target: any bytes read as NDJSON by {@link JsonEventReader} (the plan's extracting reader and the full-tree
 * reader) and given to {@link EqlEngine#accept} make events, bad-line reports or event problems, and nothing
 * escapes either. The rules cover event queries, patterns, field-versus-field functions, sequences with and
 * without maxspan, and samples.
 */
class EventsFuzzTest {

    private static final Plan PLAN = EqlCompiler.compile(
            List.of(
                    Rule.ofQuery(
                            "wildcards", "process where process.name : (\"*cmd*\", \"a?b*c\") or x like~ \"*aa*b*\""),
                    Rule.ofQuery("regex", "any where x regex~ \"[a-z]+[0-9]{2,}\" and not y in (1, \"2\", null)"),
                    Rule.ofQuery(
                            "fields",
                            "any where stringContains(a, b) or indexOf~(a, b) == 3 or between(a, b, c) == \"x\""),
                    Rule.ofQuery(
                            "arith", "any where n * 2 + length(s) > 10 and cidrMatch(ip, \"10.0.0.0/8\", \"::1/128\")"),
                    Rule.ofQuery(
                            "sequence",
                            "sequence by user.name with maxspan=1m [process where true] "
                                    + "[network where x != null]"),
                    Rule.ofQuery(
                            "until", "sequence by host [any where a == 1] [any where a == 2] until [any where a == 3]"),
                    Rule.ofQuery("sample", "sample by host [any where a : \"x*\"] [any where b == 2]")),
            EngineOptions.defaults());

    @FuzzTest(maxDuration = "5m")
    void readAndAccept(byte[] data) {
        run(JsonEventReader.forPlan(PLAN), data);
        run(JsonEventReader.full(), data);
    }

    private static void run(JsonEventReader reader, byte[] data) {
        EqlEngine engine = EqlEngine.create(PLAN, match -> {}, problem -> {});
        try {
            reader.readLines(
                    new ByteArrayInputStream(data), (line, event) -> engine.accept(event), (line, message) -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine.finish();
    }
}
