package io.eql4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RuleFormatException;
import io.eql4j.rules.RulePack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target: any bytes as a rule file. {@link Rule#fromToml} returns a rule or throws
 * {@link RuleFormatException}; {@link RulePack#load} reports the file and never throws for its content.
 */
class RuleTomlFuzzTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("eql4j-fuzz-rules");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void load(byte[] data) throws IOException {
        try {
            Rule.fromToml(new String(data, StandardCharsets.UTF_8), "fuzz.toml");
        } catch (RuleFormatException expected) {
            // reported in our words, with the position
        }
        Path file = DIR.resolve("rule.toml");
        Files.write(file, data);
        RulePack.Loaded loaded = RulePack.load(file);
        if (loaded.pack().rules().isEmpty()
                && loaded.problems().isEmpty()
                && loaded.skipped().isEmpty()) {
            throw new AssertionError("a rule file was neither loaded nor reported");
        }
    }
}
