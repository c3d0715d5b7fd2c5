package io.eql4j.internal.match;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The shared reference files (conformance suite, rule corpus); tests using them are skipped, saying so, when absent. */
public final class SharedDir {

    private SharedDir() {}

    /**
     * A file under the shared directory ({@code eql4j.shared.dir}, else {@code ../shared} from the repo root).
     *
     * @param relative e.g. {@code corpus/detection-rules/eql-queries.ndjson}
     * @return the existing file; the calling test is aborted (skipped) when it does not exist
     */
    public static Path file(String relative) {
        String configured = System.getProperty("eql4j.shared.dir");
        Path base = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path file = base.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file),
                "shared reference file " + file.toAbsolutePath() + " is absent: test skipped (CI always has it)");
        return file;
    }
}
