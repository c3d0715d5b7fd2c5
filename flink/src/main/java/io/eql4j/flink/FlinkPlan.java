package io.eql4j.flink;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.compile.ResultPosition;
import io.eql4j.compile.TimestampPrecision;
import io.eql4j.mapping.FieldType;
import io.eql4j.parser.EqlException;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RuleFormatException;
import io.eql4j.rules.RulePack;
import io.eql4j.rules.RuleProblem;
import io.eql4j.rules.SourcePosition;
import io.eql4j.runtime.EngineOptions;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule pack and the settings it is compiled with, in a form Flink can ship to every task: the rules' own text
 * (a detection-rule TOML file's text, or a query), not compiled objects. Each operator compiles it once when it
 * opens; the client compiles it too, so that a pack that does not compile fails before the job is submitted.
 *
 * <p>Immutable and serialisable.
 */
public final class FlinkPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One rule as text: a TOML rule file's text with its label, or a query with its rule id. */
    private record RuleText(boolean toml, String idOrLabel, String text) implements Serializable {
        private static final long serialVersionUID = 1L;

        Rule rule() {
            return toml ? Rule.fromToml(text, idOrLabel) : Rule.ofQuery(idOrLabel, text);
        }
    }

    /** The compile-time settings of {@link EngineOptions}, as plain values. */
    private record Settings(
            String timestampField,
            String tiebreakerField,
            String categoryField,
            TimestampPrecision precision,
            long size,
            ResultPosition resultPosition,
            HashMap<String, FieldType> fieldTypes,
            boolean strictFields)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Settings of(EngineOptions o) {
            return new Settings(
                    o.timestampField(),
                    o.tiebreakerField(),
                    o.categoryField(),
                    o.timestampPrecision(),
                    o.size(),
                    o.resultPosition(),
                    new HashMap<>(o.fieldTypes()),
                    o.strictFields());
        }

        EngineOptions options() {
            return EngineOptions.builder()
                    .timestampField(timestampField)
                    .tiebreakerField(tiebreakerField)
                    .categoryField(categoryField)
                    .timestampPrecision(precision)
                    .size(size)
                    .resultPosition(resultPosition)
                    .fieldTypes(fieldTypes)
                    .strictFields(strictFields)
                    .build();
        }
    }

    private final List<RuleText> rules;
    private final Settings settings;
    private transient Plan plan;

    private FlinkPlan(List<RuleText> rules, Settings settings) {
        this.rules = List.copyOf(rules);
        this.settings = settings;
    }

    /**
     * The rules of a pack loaded from files (see {@link RulePack#load}), compiled with the compile-time settings of
     * {@code options} (its run-time settings, such as the allowed lateness, do not apply: the job has its own).
     * TOML rules are shipped as their file's text, read again from {@link Rule#source()}; {@code .eql} rules and
     * rules made in code as their query.
     *
     * @throws io.eql4j.compile.EqlCompileException if a rule does not compile
     * @throws UncheckedIOException if a TOML rule's file cannot be read again
     * @throws IllegalArgumentException if a rule would not reach the tasks as it is (a TOML rule whose file is gone
     *                                  or changed, or a rule with metadata that was not read from a file)
     */
    public static FlinkPlan of(RulePack pack, EngineOptions options) {
        List<RuleText> texts = new ArrayList<>();
        for (Rule rule : pack) {
            String source = rule.source();
            if (source.endsWith(".toml") && Files.isRegularFile(Path.of(source))) {
                try {
                    texts.add(new RuleText(true, source, Files.readString(Path.of(source))));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read rule file " + source + " again", e);
                }
            } else {
                texts.add(new RuleText(false, rule.ruleId(), rule.query()));
            }
        }
        FlinkPlan plan = new FlinkPlan(texts, Settings.of(options));
        plan.check(pack);
        return plan;
    }

    /**
     * Queries as rules, by rule id, compiled with the compile-time settings of {@code options}.
     *
     * @throws io.eql4j.compile.EqlCompileException if a query does not compile
     */
    public static FlinkPlan ofQueries(Map<String, String> queriesById, EngineOptions options) {
        List<RuleText> texts = new ArrayList<>();
        queriesById.forEach((id, query) -> texts.add(new RuleText(false, id, query)));
        FlinkPlan plan = new FlinkPlan(texts, Settings.of(options));
        plan.plan();
        return plan;
    }

    /**
     * A pack of rule files given as their texts (a live rule update, {@link RulePackUpdate}), compiled with this plan's
     * compile-time settings. A name ending in {@code .toml} is a detection-rule file; one ending in {@code .eql} is a
     * query whose rule id is the file's name without the extension. The rules are in the order of the names.
     *
     * @throws RuleFormatException listing every problem at its place (file, line and column where there is one): a file
     *                             that is not a rule, a query that does not compile, two files with one rule id, a
     *                             name of another kind, or no rule at all
     */
    FlinkPlan withFiles(Map<String, String> files) {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleText> texts = new ArrayList<>();
        List<Rule> parsed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, String> fileOfId = new HashMap<>();
        for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
            String name = file.getKey();
            String text = file.getValue();
            RuleText t;
            if (name.endsWith(".toml")) {
                t = new RuleText(true, name, text);
            } else if (name.endsWith(".eql")) {
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (text.isBlank()) {
                    problems.add(new RuleProblem(name, 0, 0, "empty query"));
                    continue;
                }
                t = new RuleText(false, base.substring(0, base.length() - ".eql".length()), text);
            } else {
                problems.add(
                        new RuleProblem(name, 0, 0, "not a rule file: its name ends neither in .toml nor in .eql"));
                continue;
            }
            Rule rule;
            try {
                rule = t.rule();
            } catch (RuleFormatException e) {
                problems.addAll(e.problems());
                continue;
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(name, 0, 0, e.getMessage()));
                continue;
            }
            String other = fileOfId.putIfAbsent(rule.ruleId(), name);
            if (other != null) {
                problems.add(new RuleProblem(
                        name, 0, 0, "its rule id " + rule.ruleId() + " is already the id of the rule in " + other));
                continue;
            }
            texts.add(t);
            parsed.add(rule);
            names.add(name);
        }
        if (problems.isEmpty() && texts.isEmpty()) {
            problems.add(new RuleProblem("rule pack", 0, 0, "it has no rules"));
        }
        if (problems.isEmpty()) {
            FlinkPlan plan = new FlinkPlan(texts, settings);
            try {
                plan.plan();
                return plan;
            } catch (RuntimeException together) {
                compileEach(parsed, names, problems);
                if (problems.isEmpty()) {
                    problems.add(new RuleProblem("rule pack", 0, 0, String.valueOf(together.getMessage())));
                }
            }
        } else {
            compileEach(parsed, names, problems); // every error at once, not one file's after another's
        }
        throw new RuleFormatException(problems);
    }

    /** Compiles each rule alone, adding its errors at their places in its file. */
    private void compileEach(List<Rule> parsed, List<String> names, List<RuleProblem> problems) {
        EngineOptions options = settings.options();
        for (int i = 0; i < parsed.size(); i++) {
            try {
                EqlCompiler.compile(List.of(parsed.get(i)), options);
            } catch (EqlException e) {
                SourcePosition at = parsed.get(i).locate(e);
                problems.add(new RuleProblem(names.get(i), at.line(), at.column(), e.errorMessage()));
            } catch (RuntimeException e) {
                problems.add(new RuleProblem(names.get(i), 0, 0, String.valueOf(e.getMessage())));
            }
        }
    }

    /**
     * Compiles the shipped texts and checks that they give the rules of {@code pack}: same ids, names, severities,
     * risk scores and queries, so that no rule loses its metadata on the way to the tasks.
     */
    private void check(RulePack pack) {
        List<Rule> compiled = plan().rules();
        List<String> expected = pack.rules().stream().map(FlinkPlan::identity).toList();
        List<String> actual = compiled.stream().map(FlinkPlan::identity).toList();
        for (int i = 0; i < expected.size(); i++) {
            if (i >= actual.size() || !expected.get(i).equals(actual.get(i))) {
                Rule rule = pack.rules().get(i);
                throw new IllegalArgumentException("rule " + rule.ruleId() + " cannot be sent to the Flink tasks as "
                        + "it is: its file (" + rule.source() + ") could not be read again, or changed while it was "
                        + "read");
            }
        }
    }

    private static String identity(Rule r) {
        return r.ruleId() + "\u0000" + r.name() + "\u0000" + r.severity().orElse("") + "\u0000" + r.riskScore()
                + "\u0000" + r.query();
    }

    /**
     * The plans compiled in this JVM, by their texts and settings: the last {@value #COMPILED_KEPT} used. Every
     * operator of a job gets its own copy of a {@code FlinkPlan}; equal copies share one compiled {@link Plan}
     * (immutable and thread-safe), so that a task manager compiles a pack once rather than once per operator and
     * parallel instance. Guarded by itself; a compilation holds the lock, so that operators opening together wait for
     * the one compilation instead of each doing it.
     */
    private static final Map<FlinkPlan, Plan> COMPILED = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<FlinkPlan, Plan> eldest) {
            return size() > COMPILED_KEPT;
        }
    };

    private static final int COMPILED_KEPT = 4;

    /** The rules compiled: once per JVM for equal plans (see {@link #COMPILED}). */
    public Plan plan() {
        Plan p = plan;
        if (p == null) {
            synchronized (COMPILED) {
                p = COMPILED.get(this);
                if (p == null) {
                    List<Rule> list = new ArrayList<>(rules.size());
                    for (RuleText t : rules) {
                        list.add(t.rule());
                    }
                    p = EqlCompiler.compile(list, settings.options());
                    COMPILED.put(this, p);
                }
            }
            plan = p;
        }
        return p;
    }

    /** The number of rules. */
    public int size() {
        return rules.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlinkPlan p && rules.equals(p.rules) && settings.equals(p.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, settings);
    }

    @Override
    public String toString() {
        return "FlinkPlan[" + rules.size() + " rules]";
    }
}
