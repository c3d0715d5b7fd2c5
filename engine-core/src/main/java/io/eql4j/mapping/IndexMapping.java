package io.eql4j.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The mapping of one Elasticsearch index: its fields with their types and the parameters that change what EQL
 * sees (aliases, {@code null_value}, date {@code format}s, keyword multi-fields of text fields, {@code
 * ignore_above}, {@code constant_keyword} values). Given to the compiler through
 * {@link io.eql4j.runtime.EngineOptions.Builder#mapping(IndexMapping)}, it makes rules see events as Elasticsearch
 * sees the documents of that index; {@code docs/mappings.md} describes each effect.
 *
 * <pre>{@code
 * IndexMapping logs = IndexMapping.read(Path.of("logs-mapping.json"));
 * EngineOptions options = EngineOptions.builder().mapping(logs).strictFields(true).build();
 * Plan plan = EqlCompiler.compile("process where process.pid > 100", options);
 * }</pre>
 *
 * <p>A mapping file holds what {@code GET index/_mapping} returns ({@code {"index": {"mappings": {...}}}}, one or
 * several indices), a create-index body ({@code {"mappings": {...}}}) or the bare {@code {"properties": {...}}}.
 * Lines starting with {@code #} are comments. Immutable and thread-safe.
 */
public final class IndexMapping {

    private final String index;
    private final String source;
    private final Map<String, MappedField> fields;

    IndexMapping(String index, String source, Map<String, MappedField> fields) {
        this.index = Objects.requireNonNull(index, "index");
        this.source = source;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Reads a mapping file that describes exactly one index. The index is named as the file says ({@code GET
     * index/_mapping}), or else by the file's name without its extension ({@code sample1.mapping} is
     * {@code sample1}).
     *
     * @throws IOException      when the file cannot be read
     * @throws MappingException when it is not a mapping of one index
     */
    public static IndexMapping read(Path file) throws IOException {
        List<IndexMapping> all = readAll(file);
        if (all.size() != 1) {
            throw new MappingException(
                    file.toString(), 0, 0, "holds the mappings of " + all.size() + " indices; read it with readAll");
        }
        return all.get(0);
    }

    /**
     * Reads a mapping file: one index, or each index of a {@code GET index1,index2/_mapping} response.
     *
     * @throws IOException      when the file cannot be read
     * @throws MappingException when it is not a mapping
     */
    public static List<IndexMapping> readAll(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return MappingReader.read(text, file.toString(), dot > 0 ? name.substring(0, dot) : name);
    }

    /**
     * Reads mapping JSON from text, naming the index {@code index} unless the text names it.
     *
     * @throws MappingException when the text is not the mapping of one index
     */
    public static IndexMapping parse(String json, String index) {
        List<IndexMapping> all = MappingReader.read(json, "mapping of " + index, index);
        if (all.size() != 1) {
            throw new MappingException("mapping of " + index, 0, 0, "holds the mappings of " + all.size() + " indices");
        }
        return all.get(0);
    }

    /**
     * The fields of the Elastic Common Schema (ECS 9.4.0, bundled; Apache License 2.0) as an index named {@code
     * ecs}: {@code process.pid} a {@code long}, {@code source.ip} an {@code ip}, {@code process.command_line} a
     * {@code wildcard}, and so on. ECS leaves other fields to dynamic mapping, so it is meant for options without
     * {@link io.eql4j.runtime.EngineOptions#strictFields()}.
     */
    public static IndexMapping ecs() {
        return EcsFields.mapping();
    }

    /** The index name. */
    public String index() {
        return index;
    }

    /** Where the mapping was read from (a file name), for messages. */
    public String source() {
        return source;
    }

    /** Every field by full dotted name, in the mapping's order: leaves, multi-fields, aliases and objects. */
    public Map<String, MappedField> fields() {
        return fields;
    }

    /** The field with this full dotted name. */
    public Optional<MappedField> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** A copy named differently, e.g. for one index template used by several indices. */
    public IndexMapping withIndex(String name) {
        return new IndexMapping(name, source, fields);
    }

    @Override
    public String toString() {
        return "IndexMapping{" + index + ", " + fields.size() + " fields}";
    }

    /** For the bundled schemas: a mapping from already-checked fields. */
    static IndexMapping of(String index, String source, Map<String, MappedField> fields) {
        return new IndexMapping(index, source, fields);
    }
}
