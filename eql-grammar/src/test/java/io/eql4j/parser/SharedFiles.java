package io.eql4j.parser;

import io.eql4j.testsupport.SharedReferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared references (rule corpus, Elasticsearch's QA suite), which live outside the repository: the directory
 * named by the system property {@code eql4j.shared.dir} (set by the root pom), or {@code ../shared} next to the
 * repository. When they are absent, a test that needs them fails under CI and is skipped otherwise
 * ({@link SharedReferences}).
 */
final class SharedFiles {

    private SharedFiles() {}

    /** The file or directory at {@code relative} in the shared references; skips the calling test when absent. */
    static Path require(String relative) {
        Path path = directory().resolve(relative);
        SharedReferences.requireExists(path);
        return path;
    }

    /**
     * The file at {@code relative} in the shared references, or empty when it is absent (under CI, absent fails
     * the calling test instead).
     */
    static Optional<Path> find(String relative) {
        Path path = directory().resolve(relative);
        if (!Files.exists(path) && SharedReferences.underCi()) {
            SharedReferences.requireExists(path);
        }
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    static String missing(Path path) {
        return "shared references not found at " + path.toAbsolutePath().normalize() + " (set -Deql4j.shared.dir)";
    }

    private static Path directory() {
        return SharedReferences.root();
    }
}
