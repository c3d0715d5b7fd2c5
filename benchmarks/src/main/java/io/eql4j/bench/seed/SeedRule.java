package io.eql4j.bench.seed;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The seed rule, {@code examples/rules/kubernetes/credential_access_service_account_token_read_followed_by_api_request.toml},
 * as published (the build copies it into the jar), and eql4j running it.
 */
public final class SeedRule {

    static final String FILE = "credential_access_service_account_token_read_followed_by_api_request.toml";

    private SeedRule() {}

    /** The rule, read from the copy in the jar. */
    public static Rule rule() {
        try (InputStream in = SeedRule.class.getResourceAsStream("/io/eql4j/bench/seed/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the seed rule " + FILE + " is not on the class path; build with Maven");
            }
            return Rule.fromToml(new String(in.readAllBytes(), StandardCharsets.UTF_8), FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rule compiled with the default options: {@code @timestamp}, no allowed lateness (the generated streams
     * are in time order). The rule's {@code timestamp_override = "event.ingested"} is not read by the engine.
     */
    public static Plan plan() {
        return EqlCompiler.compile(rule(), EngineOptions.defaults());
    }

    /** Runs {@code events} through a fresh engine, as {@link Event#of(Map)}s, and returns the number of matches. */
    public static long countWithEql4j(Plan plan, List<Map<String, Object>> events) {
        long[] matches = new long[1];
        EqlEngine engine = EqlEngine.create(plan, match -> matches[0]++);
        for (Map<String, Object> e : events) {
            engine.accept(Event.of(e));
        }
        engine.finish();
        return matches[0];
    }
}
