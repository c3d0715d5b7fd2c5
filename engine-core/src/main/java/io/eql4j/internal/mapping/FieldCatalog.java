package io.eql4j.internal.mapping;

import io.eql4j.event.FieldPath;
import io.eql4j.internal.expr.SlotReader;
import io.eql4j.mapping.FieldType;
import io.eql4j.mapping.IndexMapping;
import io.eql4j.mapping.MappedField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What the compiler knows of the fields a query names, from the options' index mappings and field-type hints: the
 * field events hold it under (aliases resolved), its type, whether a query may use it, and how its values are read
 * ({@link SlotReader}s). Several mappings are several indices searched together, as Elasticsearch searches
 * {@code index1,index2}; an event names its index in {@code _index}. See {@code docs/mappings.md}.
 */
public final class FieldCatalog {

    /** The field that names an event's index, as in Elasticsearch's search hits. */
    public static final String INDEX_FIELD = "_index";

    /**
     * A field as a query names it.
     *
     * @param path    the field events hold its values under (the alias target, or the name)
     * @param type    its type, or null when unknown (values are taken as they come)
     * @param problem why a query cannot use it (in Elasticsearch's words), or null
     * @param mapped  whether a mapping or a hint knows it
     */
    public record Resolved(String path, FieldType type, String problem, boolean mapped) {}

    private final List<IndexMapping> mappings;
    private final Map<String, FieldType> hints;
    private final boolean strict;
    private final Map<String, Resolved> cache = new HashMap<>();

    private FieldCatalog(List<IndexMapping> mappings, Map<String, FieldType> hints, boolean strict) {
        this.mappings = List.copyOf(mappings);
        this.hints = Map.copyOf(hints);
        this.strict = strict;
    }

    /**
     * The catalog of a compilation's settings; not thread-safe (one per compilation).
     *
     * @param mappings the index mappings
     * @param hints    the field-type hints
     * @param strict   whether they list every field the events have
     */
    public static FieldCatalog of(List<IndexMapping> mappings, Map<String, FieldType> hints, boolean strict) {
        return new FieldCatalog(mappings, hints, strict);
    }

    /** Whether the mappings and hints list every field (a query naming another is an error). */
    public boolean strict() {
        return strict;
    }

    /** Whether the options have index mappings. */
    public boolean hasMappings() {
        return !mappings.isEmpty();
    }

    /** The field a query names as {@code name}. */
    public Resolved resolve(String name) {
        return cache.computeIfAbsent(name, this::lookup);
    }

    private Resolved lookup(String name) {
        FieldType hint = hints.get(name);
        Map<String, MappedField> byIndex = new LinkedHashMap<>();
        String path = null;
        List<String> paths = new ArrayList<>();
        for (IndexMapping m : mappings) {
            MappedField f = m.fields().get(name);
            if (f == null) {
                continue;
            }
            String target = f.aliasPath().orElse(name);
            if (f.aliasPath().isPresent()) {
                f = m.fields().get(target);
            }
            if (path == null) {
                path = target;
            }
            if (!paths.contains(target + "] in [" + m.index())) {
                paths.add(target + "] in [" + m.index());
            }
            if (!target.equals(path)) {
                return new Resolved(
                        name,
                        hint,
                        "Cannot use field [" + name + "]: it stands for different fields in " + "different indices (["
                                + String.join("], [", paths) + "])",
                        true);
            }
            byIndex.put(m.index(), f);
        }
        if (byIndex.isEmpty()) {
            String container = containerType(name);
            if (container != null && hint == null) {
                return new Resolved(
                        name, null, "Cannot use field [" + name + "] with unsupported type [" + container + "]", true);
            }
            if (hint != null) {
                return new Resolved(name, hint, null, true);
            }
            return new Resolved(name, null, strict() ? "Unknown column [" + name + "]" : null, false);
        }
        FieldType type = null;
        Map<FieldType, List<String>> types = new LinkedHashMap<>();
        for (Map.Entry<String, MappedField> e : byIndex.entrySet()) {
            MappedField f = e.getValue();
            String problem = unusable(name, f);
            if (problem != null && hint == null) {
                return new Resolved(path, null, problem, true);
            }
            FieldType t = f.fieldType().orElse(null);
            if (t != null) {
                types.computeIfAbsent(t, k -> new ArrayList<>()).add(f.type() + "] in [" + e.getKey());
                type = type == null ? t : type;
            }
        }
        if (types.size() > 1 && hint == null) {
            List<String> all = new ArrayList<>();
            types.values().forEach(all::addAll);
            return new Resolved(
                    path,
                    null,
                    "Cannot use field [" + name + "] due to ambiguities being mapped as [" + types.size()
                            + "] incompatible types: [" + String.join("], [", all) + "]",
                    true);
        }
        return new Resolved(path, hint != null ? hint : type, null, true);
    }

    /** Why a mapped field cannot be used by a query, or null. */
    private String unusable(String name, MappedField f) {
        if (f.container().isPresent()) {
            String container = f.container().get();
            String type = container.equals(f.name()) ? f.type() : typeOf(container);
            return "Cannot use field [" + name + "] with unsupported type [" + type + "]";
        }
        if (f.fieldType().isPresent()) {
            return null;
        }
        return switch (f.type()) {
            case "object" -> "Cannot use field [" + name + "] type [object] only its subfields";
            case "text", "match_only_text" ->
                "No keyword/multi-field defined exact matches for [" + name
                        + "]; define one or use MATCH/QUERY instead";
            default -> "Cannot use field [" + name + "] with unsupported type [" + f.type() + "]";
        };
    }

    private String typeOf(String field) {
        for (IndexMapping m : mappings) {
            MappedField f = m.fields().get(field);
            if (f != null) {
                return f.type();
            }
        }
        return "nested";
    }

    /** The type of a nested or flattened field above {@code name} that some mapping has, or null. */
    private String containerType(String name) {
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            String prefix = name.substring(0, dot);
            for (IndexMapping m : mappings) {
                MappedField f = m.fields().get(prefix);
                if (f != null
                        && (f.type().equals("flattened")
                                || f.type().equals("nested")
                                || f.container().isPresent())) {
                    return f.container().isPresent() && !f.container().get().equals(prefix)
                            ? typeOf(f.container().get())
                            : f.type();
                }
            }
        }
        return null;
    }

    /** Whether reading needs each event's index: several mappings that read some field differently. */
    private boolean perIndex(String path) {
        List<ValueReader> readers = new ArrayList<>();
        for (IndexMapping m : mappings) {
            MappedField f = m.fields().get(path);
            ValueReader r = f == null ? null : ValueReader.of(f);
            readers.add(r);
        }
        String first = null;
        for (int i = 0; i < readers.size(); i++) {
            if (readers.get(i) == null) {
                continue;
            }
            String id = readers.get(i).identity();
            if (first == null) {
                first = id;
            } else if (!first.equals(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The readers of a plan's fields by slot, or null when no field needs one.
     *
     * @param fields     the plan's field table
     * @param indexSlot  gives the slot of {@link #INDEX_FIELD}, adding it to the table (called at most once, and
     *                   only when some field is read differently per index)
     */
    public SlotReader[] readers(FieldPath[] fields, IntSupplier indexSlot) {
        if (mappings.isEmpty()) {
            return null;
        }
        SlotReader[] out = new SlotReader[fields.length];
        boolean any = false;
        int index = -1;
        for (int slot = 0; slot < fields.length; slot++) {
            String path = fields[slot].name();
            if (hints.containsKey(path) || path.equals(INDEX_FIELD)) {
                continue;
            }
            List<ValueReader> all = new ArrayList<>();
            Map<String, ValueReader> byIndex = new HashMap<>();
            for (IndexMapping m : mappings) {
                MappedField f = m.fields().get(path);
                ValueReader r = f == null || unusable(path, f) != null ? null : ValueReader.of(f);
                if (r != null) {
                    all.add(r);
                    byIndex.put(m.index(), r);
                }
            }
            if (all.isEmpty()) {
                continue;
            }
            ValueReader merged = all.size() == 1 ? all.get(0) : ValueReader.merged(all);
            SlotReader reader = merged;
            if (perIndex(path)) {
                if (index < 0) {
                    index = indexSlot.getAsInt();
                }
                reader = new PerIndexReader(index, byIndex, merged);
            } else if (merged.isIdentity()) {
                continue;
            }
            out[slot] = reader;
            any = true;
        }
        return any ? out : null;
    }

    /**
     * The date formats a join key of the date field at {@code path} is written in (a sequence's keys come back as
     * Elasticsearch returns the field's values); empty for the default format.
     */
    public List<String> dateFormats(String path) {
        for (IndexMapping m : mappings) {
            MappedField f = m.fields().get(path);
            if (f != null) {
                return f.formats();
            }
        }
        return List.of();
    }

    /** Reads a field with the reader of the index an event names, or the merged reader. */
    private static final class PerIndexReader implements SlotReader {
        private final int indexSlot;
        private final Map<String, ValueReader> byIndex;
        private final ValueReader fallback;

        PerIndexReader(int indexSlot, Map<String, ValueReader> byIndex, ValueReader fallback) {
            this.indexSlot = indexSlot;
            this.byIndex = Map.copyOf(byIndex);
            this.fallback = fallback;
        }

        @Override
        public Object read(io.eql4j.internal.expr.EvalContext ctx, int slot, Object value) {
            Object index = ctx.field(indexSlot);
            if (index instanceof String name) {
                ValueReader r = byIndex.get(name);
                if (r != null) {
                    return r.read(ctx, slot, value);
                }
            }
            return fallback.read(ctx, slot, value);
        }
    }
}
