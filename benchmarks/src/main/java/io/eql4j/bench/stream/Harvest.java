package io.eql4j.bench.stream;

import io.eql4j.ast.And;
import io.eql4j.ast.Comparison;
import io.eql4j.ast.EventQuery;
import io.eql4j.ast.Expression;
import io.eql4j.ast.Field;
import io.eql4j.ast.FunctionCall;
import io.eql4j.ast.InList;
import io.eql4j.ast.Literal;
import io.eql4j.ast.MaxSpan;
import io.eql4j.ast.Negate;
import io.eql4j.ast.Not;
import io.eql4j.ast.Or;
import io.eql4j.ast.PatternMatch;
import io.eql4j.ast.Query;
import io.eql4j.ast.SampleQuery;
import io.eql4j.ast.SequenceQuery;
import io.eql4j.ast.Stage;
import io.eql4j.parser.EqlParser;
import io.eql4j.rules.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the rules' queries compare fields with, harvested from their syntax trees: per field (and per
 * {@code host.os.type} the stage requires, if any) the literals of {@code ==}, {@code !=}, {@code in},
 * {@code :}/{@code like} patterns and string functions, whether they appear in a positive or a negated condition; per
 * category the fields its stages read; and the stages themselves, which {@link EcsStream} can satisfy on purpose.
 */
final class Harvest {

    /** Any OS: a stage that does not require one. */
    static final String ANY_OS = "any";

    /** One stage of a rule (an event query is a rule with one stage). */
    record StageInfo(
            int rule,
            int position,
            String category,
            Expression condition,
            List<String> keys,
            boolean missing,
            int runs) {}

    /** One rule's stages and window (milliseconds; -1 when none). */
    record RuleInfo(String ruleId, List<StageInfo> stages, long maxSpanMillis, boolean sequence) {}

    final List<RuleInfo> rules = new ArrayList<>();
    /** Field → OS → value generators. */
    final Map<String, Map<String, List<ValueGen>>> values = new LinkedHashMap<>();
    /** Category (null for {@code any}) → the fields its stages read, once per occurrence (a frequency). */
    final Map<String, List<String>> fieldsByCategory = new LinkedHashMap<>();
    /** The fields used as join keys. */
    final Set<String> keyFields = new LinkedHashSet<>();
    /** (field, OS) → its values and those of stages without an OS, built once. */
    private final Map<String, List<ValueGen>> merged = new java.util.HashMap<>();

    static Harvest of(List<Rule> rules) {
        Harvest h = new Harvest();
        EqlParser parser = new EqlParser();
        for (Rule rule : rules) {
            h.add(rule.ruleId(), parser.parse(rule.query()));
        }
        return h;
    }

    private void add(String ruleId, Query query) {
        int index = rules.size();
        List<StageInfo> stages = new ArrayList<>();
        long maxSpan = -1;
        boolean sequence = false;
        if (query.body() instanceof EventQuery q) {
            stages.add(new StageInfo(index, 0, q.filter().category(), q.filter().condition(), List.of(), false, 1));
        } else if (query.body() instanceof SequenceQuery q) {
            sequence = true;
            MaxSpan span = q.maxSpan();
            maxSpan = span == null ? -1 : span.toDuration().toMillis();
            addStages(index, q.joinKeys(), q.stages(), stages);
        } else {
            SampleQuery q = (SampleQuery) query.body();
            addStages(index, q.joinKeys(), q.stages(), stages);
        }
        for (StageInfo stage : stages) {
            String os = requiredOs(stage.condition());
            new Walker(stage.category(), os == null ? ANY_OS : os).walk(stage.condition());
            keyFields.addAll(stage.keys());
        }
        rules.add(new RuleInfo(ruleId, List.copyOf(stages), maxSpan, sequence));
    }

    private static void addStages(int rule, List<Expression> shared, List<Stage> stages, List<StageInfo> out) {
        for (Stage stage : stages) {
            List<String> keys = new ArrayList<>();
            for (Expression key : shared) {
                keys.add(fieldName(key));
            }
            for (Expression key : stage.joinKeys()) {
                keys.add(fieldName(key));
            }
            keys.removeIf(k -> k == null);
            out.add(new StageInfo(
                    rule,
                    out.size(),
                    stage.filter().category(),
                    stage.filter().condition(),
                    List.copyOf(keys),
                    stage.missing(),
                    stage.runs()));
        }
    }

    /** The value of {@code host.os.type == "x"} when the condition requires it at its top level. */
    static String requiredOs(Expression condition) {
        List<Expression> terms = condition instanceof And and ? and.operands() : List.of(condition);
        for (Expression term : terms) {
            if (term instanceof Comparison c
                    && c.operator() == Comparison.Operator.EQ
                    && "host.os.type".equals(fieldName(c.left()))
                    && c.right() instanceof Literal.StringLiteral s) {
                return s.value().toLowerCase(Locale.ROOT);
            }
            if (term instanceof PatternMatch p
                    && "host.os.type".equals(fieldName(p.value()))
                    && p.patterns().size() == 1
                    && p.patterns().get(0) instanceof Literal.StringLiteral s
                    && !p.operator().isRegex()) {
                return s.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    static String fieldName(Expression e) {
        return e instanceof Field f ? f.name() : null;
    }

    /** A literal's value, including negative numbers ({@code Negate} of a number). */
    static Object literal(Expression e) {
        if (e instanceof Literal l) {
            return l.value();
        }
        if (e instanceof Negate n && n.operand() instanceof Literal l && l.value() instanceof Number num) {
            return num instanceof Long x ? (Object) (-x) : (Object) (-num.doubleValue());
        }
        return null;
    }

    /** The generators of a field's values for an OS (its own and those of stages without an OS). */
    List<ValueGen> valuesOf(String field, String os) {
        return merged.computeIfAbsent(field + "\u0000" + os, k -> {
            Map<String, List<ValueGen>> byOs = values.getOrDefault(field, Map.of());
            List<ValueGen> all = new ArrayList<>(byOs.getOrDefault(os, List.of()));
            if (!os.equals(ANY_OS)) {
                all.addAll(byOs.getOrDefault(ANY_OS, List.of()));
            }
            return all;
        });
    }

    /** Walks one stage's condition, adding every literal compared with a field, negated or not. */
    private final class Walker {
        private final String category;
        private final String os;

        Walker(String category, String os) {
            this.category = category;
            this.os = os;
        }

        void walk(Expression e) {
            if (e instanceof And and) {
                and.operands().forEach(this::walk);
            } else if (e instanceof Or or) {
                or.operands().forEach(this::walk);
            } else if (e instanceof Not not) {
                walk(not.operand());
            } else if (e instanceof Comparison c) {
                comparison(c.left(), c.right());
                comparison(c.right(), c.left());
            } else if (e instanceof InList in && fieldName(in.value()) != null) {
                for (Expression item : in.list()) {
                    Object v = literal(item);
                    if (v != null) {
                        add(fieldName(in.value()), new ValueGen.Fixed(v));
                    }
                }
            } else if (e instanceof PatternMatch p
                    && fieldName(p.value()) != null
                    && !p.operator().isRegex()) {
                for (Literal pattern : p.patterns()) {
                    if (pattern.value() instanceof String s) {
                        add(fieldName(p.value()), ValueGen.pattern(s));
                    }
                }
            } else if (e instanceof PatternMatch p && fieldName(p.value()) != null) {
                use(fieldName(p.value()));
            } else if (e instanceof FunctionCall f) {
                List<Map.Entry<String, ValueGen>> gens = ValueGen.ofFunction(f);
                if (gens.isEmpty()) {
                    f.arguments().forEach(this::walk);
                } else {
                    gens.forEach(g -> add(g.getKey(), g.getValue()));
                }
            } else if (e instanceof Field f) {
                use(f.name());
            }
        }

        private void comparison(Expression field, Expression other) {
            String name = fieldName(field);
            if (name == null) {
                walk(field);
                return;
            }
            Object v = literal(other);
            if (v != null) {
                add(name, new ValueGen.Fixed(v));
            } else {
                use(name);
            }
        }

        private void add(String field, ValueGen gen) {
            use(field);
            values.computeIfAbsent(field, k -> new LinkedHashMap<>())
                    .computeIfAbsent(os, k -> new ArrayList<>())
                    .add(gen);
        }

        private void use(String field) {
            fieldsByCategory.computeIfAbsent(category, k -> new ArrayList<>()).add(field);
        }
    }
}
