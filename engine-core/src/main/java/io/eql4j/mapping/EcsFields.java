package io.eql4j.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled ECS field definitions ({@code ecs-fields.tsv} beside this class, with ECS's licence and notice),
 * read once into an {@link IndexMapping}.
 */
final class EcsFields {

    /** The resource: one field a line, {@code name TAB type TAB ignore_above TAB sub:type,...}; # comments. */
    static final String RESOURCE = "ecs-fields.tsv";
    /** The ECS version of the resource. */
    static final String VERSION = "9.4.0";

    private static volatile IndexMapping mapping;

    private EcsFields() {}

    static IndexMapping mapping() {
        IndexMapping m = mapping;
        if (m == null) {
            synchronized (EcsFields.class) {
                m = mapping;
                if (m == null) {
                    m = load();
                    mapping = m;
                }
            }
        }
        return m;
    }

    private static IndexMapping load() {
        Map<String, MappedField> fields = new LinkedHashMap<>();
        try (InputStream in = EcsFields.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the ECS field list " + RESOURCE + " is missing from eql4j's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                String name = cols[0];
                String type = cols[1];
                int ignoreAbove = cols.length > 2 && !cols[2].isEmpty() ? Integer.parseInt(cols[2]) : -1;
                String container = null;
                if (type.equals("flattened")) {
                    container = name;
                } else {
                    container = nestedContainer(fields, name);
                }
                fields.put(
                        name,
                        new MappedField(
                                name,
                                type,
                                container == null ? MappingReader.engineType(type) : null,
                                null,
                                null,
                                List.of(),
                                ignoreAbove,
                                null,
                                container));
                if (cols.length > 3 && !cols[3].isEmpty()) {
                    for (String sub : cols[3].split(",")) {
                        int colon = sub.indexOf(':');
                        String subName = name + "." + sub.substring(0, colon);
                        String subType = sub.substring(colon + 1);
                        fields.put(
                                subName,
                                new MappedField(
                                        subName,
                                        subType,
                                        container == null ? MappingReader.engineType(subType) : null,
                                        null,
                                        null,
                                        List.of(),
                                        -1,
                                        null,
                                        container));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled ECS field list", e);
        }
        return IndexMapping.of("ecs", "ECS " + VERSION, fields);
    }

    /** The nested field above {@code name}, if one was listed before it (ECS lists parents first). */
    private static String nestedContainer(Map<String, MappedField> fields, String name) {
        for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
            MappedField parent = fields.get(name.substring(0, dot));
            if (parent != null
                    && (parent.type().equals("nested") || parent.container().isPresent())) {
                return parent.container().orElse(parent.name());
            }
        }
        return null;
    }
}
