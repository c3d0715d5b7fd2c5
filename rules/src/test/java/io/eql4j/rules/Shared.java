package io.eql4j.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.testsupport.SharedReferences;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shared references (rule corpus, Elasticsearch QA suite) that tests read from {@code eql4j.shared.dir}; when
 * they are absent, a test that needs them fails under CI and is skipped otherwise ({@link SharedReferences}).
 */
public final class Shared {

    /** The number of EQL rule files in the corpus, as its FEATURES.md counts them. */
    public static final int CORPUS_RULES = 1081;

    private Shared() {}

    public static Path dir() {
        Path dir = SharedReferences.root();
        SharedReferences.requireExists(dir);
        return dir;
    }

    /** The detection-rules corpus root: holds {@code rules/} and {@code rules_building_block/}. */
    public static Path corpusRules() {
        Path p = dir().resolve("corpus/detection-rules/rules");
        SharedReferences.requireExists(p);
        return p;
    }

    /** All corpus rule files, sorted. */
    public static List<Path> corpusFiles() {
        try (Stream<Path> s = Files.walk(corpusRules())) {
            return s.filter(p -> p.toString().endsWith(".toml")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Elasticsearch EQL QA suite's {@code *.toml} files, sorted. */
    public static List<Path> esSuiteFiles() {
        Path suite = dir().resolve("conformance/es/suite");
        SharedReferences.requireExists(suite);
        try (Stream<Path> s = Files.list(suite)) {
            return s.filter(p -> p.toString().endsWith(".toml")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code eql-queries.ndjson}, by {@code path} (relative to {@link #corpusRules()}, '/'-separated). */
    public static Map<String, JsonNode> corpusNdjson() {
        Path file = dir().resolve("corpus/detection-rules/eql-queries.ndjson");
        SharedReferences.requireExists(file);
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byPath = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n = json.readTree(line);
                byPath.put(n.get("path").asText(), n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byPath;
    }

    /** The corpus-relative, '/'-separated path of a corpus file, as the ndjson names it. */
    public static String corpusPath(Path file) {
        return corpusRules().relativize(file).toString().replace('\\', '/');
    }

    /** Strings of a JSON array; a single string is a one-element list, an absent or null node an empty one. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isTextual()) {
            out.add(array.asText());
        } else if (array != null && !array.isNull()) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }
}
