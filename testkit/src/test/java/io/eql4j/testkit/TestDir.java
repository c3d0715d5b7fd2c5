package io.eql4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory of small rules and test files written by a test. Rules: {@code seq.eql}, a two-stage sequence by
 * user.name within a minute (process a, then process b); {@code single.eql}, an event query (process a).
 */
final class TestDir {

    static final String SEQ = """
            sequence by user.name with maxspan=1m
              [process where process.name == "a"]
              [process where process.name == "b"]
            """;

    final Path dir;

    TestDir(Path dir) {
        this.dir = dir;
        write("seq.eql", SEQ);
        write("single.eql", "process where process.name == \"a\"\n");
    }

    Path write(String name, String content) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes {@code name} (a *.test.toml) and reads it. */
    RuleTestFile load(String name, String content) {
        return RuleTestFile.load(write(name, content));
    }

    /** Writes a test file of the sequence rule with these lines after {@code rule = "seq.eql"} and reads it. */
    RuleTestFile seq(String content) {
        return load("t.test.toml", "rule = \"seq.eql\"\n" + content);
    }

    /** The one case of a test file, run. */
    static CaseResult only(RuleTestFile file) {
        if (file.cases().size() != 1) {
            throw new AssertionError("expected one case in " + file + ": " + file.problems());
        }
        return file.cases().get(0).run();
    }

    /** An NDJSON line: a process event with an id, a time in seconds after 09:00, a process name and a user. */
    static String event(String id, int second, String process, String user) {
        return String.format(
                "{\"@timestamp\": \"2026-03-17T09:%02d:%02d.000Z\", \"event\": {\"id\": \"%s\", "
                        + "\"category\": [\"process\"]}, \"process\": {\"name\": \"%s\"}, \"user\": {\"name\": \"%s\"}}",
                second / 60, second % 60, id, process, user);
    }

    /** An inline NDJSON events value of these lines. */
    static String events(String... lines) {
        return "events = '''\n" + String.join("\n", lines) + "\n'''\n";
    }
}
