package io.eql4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's examples directory, found from the module's directory (where Maven runs tests) upwards. */
final class Examples {

    private Examples() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path examples = dir.resolve("examples");
            if (Files.isDirectory(examples.resolve("rules"))) {
                return examples;
            }
        }
        throw new IllegalStateException(
                "no examples/rules directory above " + Path.of("").toAbsolutePath());
    }

    static Path seedTests() {
        return root().resolve("rules/kubernetes/"
                + "credential_access_service_account_token_read_followed_by_api_request.test.toml");
    }
}
