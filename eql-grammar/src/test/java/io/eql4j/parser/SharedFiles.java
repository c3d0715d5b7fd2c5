package io.eql4j.parser;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * The shared references (rule corpus, Elasticsearch's QA suite), which live outside the repository: the directory
 * named by the system property {@code eql4j.shared.dir} (set by the root pom), or {@code ../shared} next to the
 * repository. Tests that need them are skipped, with a message, when they are absent.
 */
final class SharedFiles {

    private SharedFiles() {
    }

    /** The file or directory at {@code relative} in the shared references; skips the calling test when absent. */
    static Path require(String relative) {
        Path path = directory().resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), () -> missing(path) + "; skipping");
        return path;
    }

    /** The file at {@code relative} in the shared references, or empty when it is absent. */
    static Optional<Path> find(String relative) {
        Path path = directory().resolve(relative);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    static String missing(Path path) {
        return "shared references not found at " + path.toAbsolutePath().normalize() + " (set -Deql4j.shared.dir)";
    }

    private static Path directory() {
        String configured = System.getProperty("eql4j.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        // tests run in the module directory; the repository root is the first parent holding the eql-grammar module
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("eql-grammar"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Paths.get("..") : dir).resolve("../shared");
    }
}
