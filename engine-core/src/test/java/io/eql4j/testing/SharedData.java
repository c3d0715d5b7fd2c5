package io.eql4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared references ({@code ../shared}: Elasticsearch's QA suite, the detection-rules corpus), which
 * tests read in place. The root pom passes their location as {@code eql4j.shared.dir}; a test that needs them is
 * skipped, saying why, when they are absent (CI always has them).
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared directory's {@code relative} path; skips the calling test when it does not exist. */
    public static Path require(String relative) {
        Path root = Path.of(System.getProperty("eql4j.shared.dir", "../shared"));
        Path path = root.resolve(relative);
        assumeTrue(Files.exists(path), () -> "skipped: the shared references are not at " + path.toAbsolutePath()
                + " (set -Deql4j.shared.dir=...)");
        return path;
    }
}
