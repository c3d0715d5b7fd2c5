package io.eql4j.testing;

import io.eql4j.testsupport.SharedReferences;
import java.nio.file.Path;

/**
 * The project's shared references ({@code ../shared}: Elasticsearch's QA suite, the detection-rules corpus), which
 * tests read in place. The root pom passes their location as {@code eql4j.shared.dir}; a test that needs them
 * fails under CI and is skipped otherwise, saying why, when they are absent ({@link SharedReferences}).
 */
public final class SharedData {

    private SharedData() {}

    /** The shared directory's {@code relative} path; fails (CI) or skips the calling test when it is absent. */
    public static Path require(String relative) {
        return SharedReferences.require(relative);
    }
}
