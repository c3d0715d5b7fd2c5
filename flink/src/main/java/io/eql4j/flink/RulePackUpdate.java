package io.eql4j.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A whole rule pack for a running job: the element of the rule-update input of
 * {@link EqlFlink#detect(org.apache.flink.streaming.api.datastream.DataStream,
 * org.apache.flink.streaming.api.datastream.DataStream, FlinkPlan, java.time.Duration)}. It replaces the pack the job
 * runs (it is not a patch): rules it does not have are removed. It is compiled with the compile-time settings of the
 * job's first {@link FlinkPlan}.
 *
 * <p>Each update is acknowledged once on {@link EqlFlink.Detection#updates()} by a {@link RuleUpdateReport} naming
 * {@link #version()}: what happened to each rule, or why the pack was refused.
 *
 * @param version the update's name in its acknowledgement (a version number, a commit, a file name): not interpreted
 * @param files   the rule files' texts by file name: a name ending in {@code .toml} is a detection-rule file, one
 *                ending in {@code .eql} a query whose rule id is the file's name without the extension; the rules
 *                are taken in the order of the names
 */
@TypeInfo(LiveTypes.UpdateFactory.class)
public record RulePackUpdate(String version, Map<String, String> files) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks that both are given; keeps the files sorted by name and unmodifiable. */
    public RulePackUpdate {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(files, "files");
        files.forEach((name, text) -> {
            Objects.requireNonNull(name, "a file name");
            Objects.requireNonNull(text, "the text of " + name);
        });
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /**
     * Reads an update written as JSON (the job's rule-update topic carries one per record):
     * {@code {"version": "v2", "files": {"a.toml": "...", "b.eql": "..."}}}.
     *
     * @throws IllegalArgumentException saying what is wrong, in our words
     */
    public static RulePackUpdate fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException("a rule pack update is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "a rule pack update must be a JSON object with \"version\" and \"files\"");
        }
        JsonNode version = root.get("version");
        JsonNode files = root.get("files");
        if (version == null || !version.isTextual()) {
            throw new IllegalArgumentException("a rule pack update needs \"version\", a string");
        }
        if (files == null || !files.isObject()) {
            throw new IllegalArgumentException(
                    "a rule pack update needs \"files\", an object of file names to the files' texts");
        }
        Map<String, String> texts = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            if (!file.getValue().isTextual()) {
                throw new IllegalArgumentException("file " + file.getKey() + " of rule pack update " + version.asText()
                        + " is not a string (a rule file's text)");
            }
            texts.put(file.getKey(), file.getValue().asText());
        }
        return new RulePackUpdate(version.asText(), texts);
    }

    /** This update as the JSON object {@link #fromJson} reads. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        ObjectNode texts = root.putObject("files");
        files.forEach(texts::put);
        return root.toString();
    }
}
