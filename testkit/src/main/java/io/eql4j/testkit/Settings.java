package io.eql4j.testkit;

import io.eql4j.mapping.IndexMapping;
import io.eql4j.mapping.MappingException;
import io.eql4j.rules.Rule;
import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlBoolean;
import io.eql4j.rules.internal.toml.TomlInteger;
import io.eql4j.rules.internal.toml.TomlString;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import io.eql4j.runtime.EngineOptions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine settings of docs/rule-tests.md §6 at one level (case, file, rule); a {@code null} is "not set here".
 */
record Settings(
        String timestampField,
        String tiebreakerField,
        String categoryField,
        Long size,
        Integer maxSamplesPerKey,
        Duration allowedLateness,
        List<IndexMapping> mappings,
        Boolean ecs,
        Boolean dynamicMapping) {

    static final Settings NONE = new Settings(null, null, null, null, null, null, null, null, null);

    static final List<String> KEYS = List.of(
            "timestamp_field",
            "tiebreaker_field",
            "category_field",
            "size",
            "max_samples_per_key",
            "allowed_lateness",
            "mappings",
            "ecs",
            "dynamic_mapping");

    /**
     * The index-mapping settings of {@code defaults} (what {@code eql4j test --mapping/--ecs} gives), for the files
     * and cases that set none: its mappings, strict unless its fields are not.
     */
    static Settings mappingDefaults(EngineOptions defaults) {
        if (defaults == null || defaults.mappings().isEmpty()) {
            return NONE;
        }
        return new Settings(null, null, null, null, null, null, defaults.mappings(), null, !defaults.strictFields());
    }

    private static final Pattern LATENESS = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** The rule's own EQL request settings; blank values count as absent. */
    static Settings of(Rule rule) {
        return new Settings(
                nonBlank(rule.timestampField().orElse(null)),
                nonBlank(rule.tiebreakerField().orElse(null)),
                nonBlank(rule.eventCategoryOverride().orElse(null)),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * Reads a {@code settings} table; problems (unknown keys, wrong types, values out of range) are added to
     * {@code problems} and the offending setting is left unset.
     *
     * @param what how messages name the table: {@code settings} or {@code case.settings}
     * @param dir  the test file's directory, which mapping files are relative to
     */
    static Settings read(TomlTable table, String what, TomlText text, Path dir, List<TestProblem> problems) {
        text.checkKeys(table, "[" + what + "]", KEYS, problems);
        TomlBoolean ecs = TomlText.typed(table.get("ecs"), TomlBoolean.class, what + ".ecs", problems);
        TomlBoolean dynamic =
                TomlText.typed(table.get("dynamic_mapping"), TomlBoolean.class, what + ".dynamic_mapping", problems);
        return new Settings(
                field(table, "timestamp_field", what, problems),
                field(table, "tiebreaker_field", what, problems),
                field(table, "category_field", what, problems),
                integer(table, "size", what, 0, Long.MAX_VALUE, problems),
                toInt(integer(table, "max_samples_per_key", what, 1, Integer.MAX_VALUE, problems)),
                lateness(table, what, problems),
                mappings(table, what, dir, problems),
                ecs == null ? null : ecs.value(),
                dynamic == null ? null : dynamic.value());
    }

    /** {@code mappings = ["file", ...]}: index mapping files, relative to the test file. */
    private static List<IndexMapping> mappings(TomlTable table, String what, Path dir, List<TestProblem> problems) {
        String key = what + ".mappings";
        TomlArray files = TomlText.typed(table.get("mappings"), TomlArray.class, key, problems);
        if (files == null) {
            return null;
        }
        List<IndexMapping> out = new ArrayList<>();
        for (TomlValue v : files.values()) {
            TomlString file = TomlText.typed(v, TomlString.class, key + " element", problems);
            if (file == null) {
                continue;
            }
            Path path = dir.resolve(file.value());
            try {
                for (IndexMapping m : IndexMapping.readAll(path)) {
                    if (out.stream().anyMatch(o -> o.index().equals(m.index()))) {
                        problems.add(TomlText.at(file, "a second mapping for the index [" + m.index() + "]: " + path));
                    } else {
                        out.add(m);
                    }
                }
            } catch (NoSuchFileException e) {
                problems.add(TomlText.at(file, "mapping file " + path + " does not exist"));
            } catch (IOException e) {
                problems.add(TomlText.at(file, "cannot read mapping file " + path + ": " + e.getMessage()));
            } catch (MappingException e) {
                problems.add(TomlText.at(file, "invalid mapping: " + e.getMessage()));
            }
        }
        return out;
    }

    private static String field(TomlTable table, String key, String what, List<TestProblem> problems) {
        TomlString s = TomlText.typed(table.get(key), TomlString.class, what + "." + key, problems);
        if (s != null && s.value().isBlank()) {
            problems.add(TomlText.at(s, what + "." + key + " must be a field name, not blank"));
            return null;
        }
        return s == null ? null : s.value();
    }

    private static Long integer(
            TomlTable table, String key, String what, long min, long max, List<TestProblem> problems) {
        TomlInteger i = TomlText.typed(table.get(key), TomlInteger.class, what + "." + key, problems);
        if (i != null && (i.value() < min || i.value() > max)) {
            problems.add(TomlText.at(
                    i,
                    what + "." + key + " must be at least " + min + (max < Long.MAX_VALUE ? " and at most " + max : "")
                            + ", found " + i.value()));
            return null;
        }
        return i == null ? null : i.value();
    }

    private static Integer toInt(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }

    private static Duration lateness(TomlTable table, String what, List<TestProblem> problems) {
        String key = what + ".allowed_lateness";
        TomlValue v = table.get("allowed_lateness");
        TomlString s = TomlText.typed(v, TomlString.class, key, problems);
        if (s == null) {
            return null;
        }
        Matcher m = LATENESS.matcher(s.value());
        if (m.matches()) {
            long unit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            try {
                return Duration.ofMillis(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
            } catch (ArithmeticException | NumberFormatException tooLarge) {
                problems.add(TomlText.at(s, key + " is too large: " + s.value()));
                return null;
            }
        }
        problems.add(TomlText.at(
                s,
                "expected " + key + " to be a duration such as \"5s\" (an integer and one of "
                        + "the units ms, s, m, h, d), found " + ExpectSyntax.quote(s.value())));
        return null;
    }

    /** These settings, with what is not set here taken from {@code lower}. */
    Settings over(Settings lower) {
        return new Settings(
                first(timestampField, lower.timestampField),
                first(tiebreakerField, lower.tiebreakerField),
                first(categoryField, lower.categoryField),
                first(size, lower.size),
                first(maxSamplesPerKey, lower.maxSamplesPerKey),
                first(allowedLateness, lower.allowedLateness),
                first(mappings, lower.mappings),
                first(ecs, lower.ecs),
                first(dynamicMapping, lower.dynamicMapping));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    /**
     * The engine options: these settings over the engine's defaults, with samples delivered in Elasticsearch's
     * order (by join key, at the end of input), as docs/rule-tests.md §7 compares them.
     */
    EngineOptions toOptions() {
        EngineOptions.Builder b = EngineOptions.builder().orderSamplesByKey(true);
        if (timestampField != null) {
            b.timestampField(timestampField);
        }
        b.tiebreakerField(tiebreakerField);
        if (categoryField != null) {
            b.categoryField(categoryField);
        }
        if (size != null) {
            b.size(size);
        }
        if (maxSamplesPerKey != null) {
            b.maxSamplesPerKey(maxSamplesPerKey);
        }
        if (allowedLateness != null) {
            b.allowedLateness(allowedLateness);
        }
        List<IndexMapping> indices = new ArrayList<>(mappings == null ? List.of() : mappings);
        if (Boolean.TRUE.equals(ecs) && !indices.contains(IndexMapping.ecs())) {
            indices.add(IndexMapping.ecs());
        }
        // mapping files list the fields of their indices (unless dynamic_mapping); ECS alone leaves the rest dynamic
        b.mappings(indices)
                .strictFields(mappings != null && !mappings.isEmpty() && !Boolean.TRUE.equals(dynamicMapping));
        return b.build();
    }
}
