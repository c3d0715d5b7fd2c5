package io.eql4j.cli;

import io.eql4j.mapping.IndexMapping;
import io.eql4j.mapping.MappingException;
import io.eql4j.runtime.EngineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The index-mapping options of {@code run}, {@code test}, {@code explain} and {@code check}: Elasticsearch mapping
 * files and the bundled ECS field types, read as compile-time options (docs/mappings.md).
 */
final class IndexMappingMixin {

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = {
                "An Elasticsearch index mapping (what GET index/_mapping returns, or {\"properties\": "
                        + "...}); repeat it for several indices searched together, an event naming its index in "
                        + "_index. Fields are then typed as the index types them, and a rule naming a field the "
                        + "mappings lack is an error (as in Elasticsearch), unless --dynamic-mapping."
            })
    private List<Path> files = new ArrayList<>();

    @Option(
            names = "--ecs",
            description = "Type the fields of the Elastic Common Schema (ECS 9.4.0) as an ECS index does, e.g. "
                    + "process.pid as a long, source.ip as an ip.")
    private boolean ecs;

    @Option(
            names = "--dynamic-mapping",
            description = "Fields the --mapping files lack take their types from the events' values, as "
                    + "Elasticsearch maps new fields of the documents it indexes (dynamic: true).")
    private boolean dynamic;

    private List<IndexMapping> read;

    /** Whether any mapping option was given. */
    boolean given() {
        return !files.isEmpty() || ecs;
    }

    /** Whether --ecs was given. */
    boolean ecs() {
        return ecs;
    }

    /** The mapping files given. */
    List<Path> files() {
        return files;
    }

    /** Whether the mappings list every field (--mapping without --dynamic-mapping). */
    boolean strict() {
        return !files.isEmpty() && !dynamic;
    }

    /**
     * The mappings of the --mapping files (each file one index or more), then ECS when --ecs is given.
     *
     * @throws CliException when a file cannot be read or is not a mapping
     */
    List<IndexMapping> mappings() {
        if (read == null) {
            List<IndexMapping> out = new ArrayList<>();
            for (Path file : files) {
                out.addAll(readFile(file));
            }
            if (ecs) {
                out.add(IndexMapping.ecs());
            }
            read = List.copyOf(out);
        }
        return read;
    }

    private static List<IndexMapping> readFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new CliException(file + ": is a directory, not a mapping file");
        }
        try {
            return IndexMapping.readAll(file);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file");
        } catch (IOException e) {
            throw new CliException(file + ": cannot read: " + e.getMessage());
        } catch (MappingException e) {
            throw new CliException(e.getMessage());
        }
    }

    /**
     * Adds the mappings to {@code options}.
     *
     * @throws CliException when a file cannot be read, or two files map one index
     */
    EngineOptions.Builder applyTo(EngineOptions.Builder options) {
        if (!given()) {
            return options;
        }
        try {
            return options.mappings(mappings()).strictFields(strict());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Options with the mappings only, for the rule tests' defaults. */
    EngineOptions defaults() {
        return applyTo(EngineOptions.builder()).build();
    }
}
