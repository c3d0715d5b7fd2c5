package io.eql4j.flink.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared references ({@code ../shared}: Elasticsearch's QA suite), read in place. The root pom passes
 * their location as {@code eql4j.shared.dir}. Absent, a test that needs them fails when {@code CI=true} and is
 * skipped with one line saying why on a developer's bare clone.
 */
public final class SharedData {

    private SharedData() {}

    /** The shared directory's {@code relative} path. */
    public static Path require(String relative) {
        Path root = Path.of(System.getProperty("eql4j.shared.dir", "../shared"));
        Path path = root.resolve(relative);
        if (!Files.exists(path) && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(
                    "the shared references are missing at " + path.toAbsolutePath() + "; CI must have them");
        }
        assumeTrue(
                Files.exists(path),
                () -> "skipped: the shared references are not at " + path.toAbsolutePath()
                        + " (set -Deql4j.shared.dir=...)");
        return path;
    }
}
