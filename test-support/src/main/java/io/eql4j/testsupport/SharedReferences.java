package io.eql4j.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared references (Elasticsearch's QA suite, the detection-rules corpus, ECS) that tests read in place, and
 * the one rule for when they are missing: under CI (the environment variable {@code CI} is {@code true}, as
 * {@code .ci/run} runs) the test FAILS, since a green build must not hide tests that did not run; on a developer's
 * bare clone it is skipped with one line that says where the references were looked for.
 *
 * <p>The location is the system property {@code eql4j.shared.dir} (the root pom sets it to {@code ../shared} beside
 * the checkout), else {@code ../shared} from the working directory.
 */
public final class SharedReferences {

    /** The system property naming the shared directory. */
    public static final String PROPERTY = "eql4j.shared.dir";

    private SharedReferences() {
    }

    /**
     * The shared directory, whether or not it exists: the system property {@value #PROPERTY}, else
     * {@code ../shared} beside the checkout (the first parent of the working directory that holds the
     * {@code eql-grammar} module is the checkout).
     */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("eql-grammar"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("..") : dir).resolve("../shared").normalize();
    }

    /**
     * The path {@code relative} to the shared directory; when it does not exist, fails the calling test under CI
     * and skips it otherwise.
     */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        requireExists(path);
        return path;
    }

    /** Fails (under CI) or skips the calling test when {@code path}, a shared reference, does not exist. */
    public static void requireExists(Path path) {
        requireExists(path, underCi());
    }

    static void requireExists(Path path, boolean ci) {
        if (Files.exists(path)) {
            return;
        }
        String line = "shared references not found at " + path.toAbsolutePath().normalize()
                + " (set -D" + PROPERTY + "=...)";
        if (ci) {
            Assertions.fail(line + "; under CI (CI=true) a test that needs them fails instead of skipping");
        }
        // the one skip: a developer's bare clone has no ../shared (Elasticsearch's QA suite, the rule corpus), and the
        // tests that compare against it have nothing to compare; CI always has it, and fails above when it does not
        Assumptions.abort("skipped: " + line);
    }

    /**
     * Whether the shared path {@code relative} exists; when it does not, under CI the calling test fails, and
     * otherwise this answers false (for a test that can do without it, saying so itself).
     */
    public static boolean available(String relative) {
        Path path = root().resolve(relative);
        if (Files.exists(path)) {
            return true;
        }
        if (underCi()) {
            requireExists(path);
        }
        return false;
    }

    /** Whether the build runs under CI: the environment variable {@code CI} is {@code true}. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
