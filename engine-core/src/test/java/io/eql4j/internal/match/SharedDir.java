package io.eql4j.internal.match;

import io.eql4j.testsupport.SharedReferences;
import java.nio.file.Path;

/**
 * The shared reference files (conformance suite, rule corpus); a test using them fails under CI and is skipped
 * otherwise, saying so, when they are absent ({@link SharedReferences}).
 */
public final class SharedDir {

    private SharedDir() {}

    /**
     * A file under the shared directory ({@code eql4j.shared.dir}, else {@code ../shared} from the repo root).
     *
     * @param relative e.g. {@code corpus/detection-rules/eql-queries.ndjson}
     * @return the existing file; when it does not exist the calling test fails under CI and is skipped otherwise
     */
    public static Path file(String relative) {
        return SharedReferences.require(relative);
    }
}
