package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell command lines as a user types them, from the repository root, with the repository's {@code bin/} first
 * on the {@code PATH}: {@code eql4j} there is the launcher script, pointed at this build's classes (its
 * {@code EQL4J_CLASSPATH}), so that real processes, pipes and terminals are tested before the jar exists.
 */
final class Sh {

    /** The repository root. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** What a command line printed, and its exit code. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Sh() {}

    /** Whether this system has {@code bash}, which these tests need; they skip, saying why, without it. */
    static void assumeBash() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "skipped: no /bin/bash on this system");
    }

    /**
     * Runs {@code script} with {@code bash -c} and waits at most {@code timeout}; a command still running then is
     * killed and the test fails (the point of several tests is that the command ends by itself).
     */
    static Result run(String script, Duration timeout) {
        assumeBash();
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", script).directory(ROOT.toFile());
        pb.environment().put("PATH", ROOT.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("EQL4J_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // short runs: start fast (a command line may set its own JAVA_OPTS)
        pb.environment().put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            assertThat(ended).as("'" + script + "' ended within " + timeout).isTrue();
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code s} in single quotes for bash. */
    static String q(Object s) {
        return "'" + String.valueOf(s).replace("'", "'\\''") + "'";
    }
}
