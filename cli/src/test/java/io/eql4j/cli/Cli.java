package io.eql4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the {@code eql4j} command in-process, through {@link Main#run}, and captures what it prints. */
final class Cli {

    /** The repository's examples. */
    static final Path EXAMPLES = Path.of("..", "examples");

    static final Path SAMPLE_EVENTS = EXAMPLES.resolve("events/k8s-sa-token-theft.ndjson");
    static final Path SEED_RULE = EXAMPLES.resolve(
            "rules/kubernetes/credential_access_service_account_token_read_followed_by_api_request.toml");

    /** What a run printed, and its exit code. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {}

    /** Runs {@code eql4j args...} with empty standard input. */
    static Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs {@code eql4j args...} with {@code stdin} as standard input. */
    static Result runWithInput(String stdin, String... args) {
        return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs {@code eql4j args...} with {@code stdin} (bytes, e.g. gzip) as standard input. */
    static Result runWithInput(byte[] stdin, String... args) {
        return runWith(Terminals.NONE, stdin, args);
    }

    /** Runs {@code eql4j args...} with {@code stdin} as standard input and {@code terminals} as the terminals. */
    static Result runWith(Terminals terminals, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminals);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The shared directory's {@code relative} path; fails (CI) or skips the calling test when it is absent. */
    static Path shared(String relative) {
        return io.eql4j.testsupport.SharedReferences.require(relative);
    }
}
