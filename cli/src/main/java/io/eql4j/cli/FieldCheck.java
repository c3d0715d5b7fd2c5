package io.eql4j.cli;

import io.eql4j.ast.And;
import io.eql4j.ast.Arithmetic;
import io.eql4j.ast.Comparison;
import io.eql4j.ast.EventQuery;
import io.eql4j.ast.Expression;
import io.eql4j.ast.ExpressionVisitor;
import io.eql4j.ast.Field;
import io.eql4j.ast.FunctionCall;
import io.eql4j.ast.InList;
import io.eql4j.ast.Literal;
import io.eql4j.ast.Negate;
import io.eql4j.ast.Not;
import io.eql4j.ast.Or;
import io.eql4j.ast.PatternMatch;
import io.eql4j.ast.Query;
import io.eql4j.ast.SampleQuery;
import io.eql4j.ast.SequenceQuery;
import io.eql4j.ast.Stage;
import io.eql4j.compile.EqlCompileException;
import io.eql4j.mapping.IndexMapping;
import io.eql4j.mapping.MappedField;
import io.eql4j.parser.EqlException;
import io.eql4j.parser.EqlParser;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code eql4j check --mapping FILE} and {@code --ecs} say about the fields a rule names: with mapping files
 * (without --dynamic-mapping), each field they lack is an error, as Elasticsearch rejects such a query ({@code ?field}
 * excepted); with --ecs, each field that is not in ECS is a warning with the closest ECS name.
 */
final class FieldCheck {

    /** One finding about a field, at its place in the query. */
    record Finding(boolean error, EqlException at) {}

    private final List<IndexMapping> mappings;
    private final boolean strict;
    private final IndexMapping ecs;
    private final List<String> mappingFiles;
    private final EngineOptions options;
    private final Diagnostics diagnostics;
    private int warnings;
    /** Per mapping, the object fields without sub-fields of their own (ECS's labels): their keys are free. */
    private final java.util.Map<IndexMapping, Set<String>> openObjects = new java.util.IdentityHashMap<>();
    /** The suggestion for each unknown name seen so far, per list of mappings. */
    private final java.util.Map<String, String> suggestions = new java.util.HashMap<>();

    FieldCheck(IndexMappingMixin options, Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.options = options.applyTo(EngineOptions.builder()).build();
        this.strict = options.strict();
        this.ecs = options.ecs() ? IndexMapping.ecs() : null;
        List<IndexMapping> files = new ArrayList<>(options.mappings());
        files.remove(IndexMapping.ecs());
        this.mappings = files;
        this.mappingFiles = options.files().stream().map(String::valueOf).toList();
    }

    /** Whether there is anything to check. */
    boolean active() {
        return strict || ecs != null;
    }

    /** The options to compile rules with: the mappings given. */
    EngineOptions options() {
        return options;
    }

    /** Reports the findings about the rule's fields; whether none is an error. */
    boolean passes(Rule rule) {
        if (!active()) {
            return true;
        }
        boolean ok = true;
        for (Finding f : check(rule)) {
            diagnostics.report(rule, f.at());
            ok &= !f.error();
            warnings += f.error() ? 0 : 1;
        }
        return ok;
    }

    /** {@code ", N warnings"} for the summary line, or nothing. */
    String warningCount() {
        return warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings");
    }

    /** The findings for one rule, in query order; none when its query does not parse (compiling reports that). */
    List<Finding> check(Rule rule) {
        Query query;
        try {
            query = new EqlParser().parse(rule.query());
        } catch (EqlException e) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Field f : fields(query)) {
            String name = f.name();
            if (strict && !f.optional() && !inAny(mappings, name) && !(ecs != null && in(ecs, name))) {
                out.add(new Finding(
                        true,
                        at(
                                rule,
                                f,
                                "field [" + name + "] is not in the mapping ("
                                        + String.join(", ", mappingFiles) + "); Elasticsearch rejects the query"
                                        + suggestion("mapping", name, mappings))));
            } else if (ecs != null && !in(ecs, name) && !inAny(mappings, name) && seen.add(name)) {
                out.add(new Finding(
                        false,
                        at(
                                rule,
                                f,
                                "warning: field [" + name + "] is not in ECS " + "9.4.0"
                                        + suggestion("ecs", name, List.of(ecs)))));
            }
        }
        return out;
    }

    private static EqlException at(Rule rule, Field f, String message) {
        return new EqlCompileException(message, rule.query(), f.span(), rule.ruleId());
    }

    private boolean inAny(List<IndexMapping> mappings, String name) {
        for (IndexMapping m : mappings) {
            if (in(m, name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the mapping has the field, or an object, flattened or nested field above it whose keys are open. */
    private boolean in(IndexMapping m, String name) {
        if (m.fields().containsKey(name)) {
            return true;
        }
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            MappedField parent = m.fields().get(name.substring(0, dot));
            if (parent != null) {
                // an ECS object field (labels, container.labels) or a flattened field holds keys of its own
                return parent.type().equals("flattened") || openObjects(m).contains(parent.name());
            }
        }
        return false;
    }

    private Set<String> openObjects(IndexMapping m) {
        return openObjects.computeIfAbsent(m, mapping -> {
            Set<String> open = new java.util.HashSet<>();
            for (MappedField f : mapping.fields().values()) {
                if (f.type().equals("object")) {
                    open.add(f.name());
                }
            }
            for (String name : mapping.fields().keySet()) {
                for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                    open.remove(name.substring(0, dot));
                }
            }
            return open;
        });
    }

    private String suggestion(String list, String name, List<IndexMapping> mappings) {
        return suggestions.computeIfAbsent(list + "\u0000" + name, k -> closest(name, mappings));
    }

    private static String closest(String name, List<IndexMapping> mappings) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (IndexMapping m : mappings) {
            for (MappedField f : m.fields().values()) {
                if (f.type().equals("object") || f.type().equals("nested")) {
                    continue;
                }
                int d = distance(lower, f.name().toLowerCase(Locale.ROOT), bestDistance);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = f.name();
                }
            }
        }
        // a typo, not another field: at most 3 edits, fewer for short names
        int limit = Math.min(3, Math.max(1, name.length() / 5));
        return best != null && bestDistance <= limit ? ", did you mean [" + best + "]?" : "";
    }

    /** Levenshtein distance, giving up (returning {@code bound}) once it cannot be below {@code bound}. */
    static int distance(String a, String b, int bound) {
        if (Math.abs(a.length() - b.length()) >= bound) {
            return bound;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= bound) {
                return bound;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Every field the query names, in query order. */
    static List<Field> fields(Query query) {
        List<Field> out = new ArrayList<>();
        Collector c = new Collector(out);
        if (query.body() instanceof EventQuery q) {
            q.filter().condition().accept(c);
        } else if (query.body() instanceof SequenceQuery q) {
            q.joinKeys().forEach(k -> k.accept(c));
            for (Stage s : q.stages()) {
                stage(s, c);
            }
            if (q.until() != null) {
                stage(q.until(), c);
            }
        } else if (query.body() instanceof SampleQuery q) {
            q.joinKeys().forEach(k -> k.accept(c));
            for (Stage s : q.stages()) {
                stage(s, c);
            }
        }
        return out;
    }

    private static void stage(Stage s, Collector c) {
        s.filter().condition().accept(c);
        s.joinKeys().forEach(k -> k.accept(c));
    }

    /** Collects the fields of an expression. */
    private record Collector(List<Field> out) implements ExpressionVisitor<Void> {
        @Override
        public Void visitString(Literal.StringLiteral node) {
            return null;
        }

        @Override
        public Void visitInteger(Literal.IntegerLiteral node) {
            return null;
        }

        @Override
        public Void visitDecimal(Literal.DecimalLiteral node) {
            return null;
        }

        @Override
        public Void visitBoolean(Literal.BooleanLiteral node) {
            return null;
        }

        @Override
        public Void visitNull(Literal.NullLiteral node) {
            return null;
        }

        @Override
        public Void visitField(Field node) {
            out.add(node);
            return null;
        }

        @Override
        public Void visitFunctionCall(FunctionCall node) {
            node.arguments().forEach(a -> a.accept(this));
            return null;
        }

        @Override
        public Void visitNot(Not node) {
            return node.operand().accept(this);
        }

        @Override
        public Void visitAnd(And node) {
            node.operands().forEach(o -> o.accept(this));
            return null;
        }

        @Override
        public Void visitOr(Or node) {
            node.operands().forEach(o -> o.accept(this));
            return null;
        }

        @Override
        public Void visitComparison(Comparison node) {
            node.left().accept(this);
            return node.right().accept(this);
        }

        @Override
        public Void visitArithmetic(Arithmetic node) {
            node.left().accept(this);
            return node.right().accept(this);
        }

        @Override
        public Void visitNegate(Negate node) {
            return node.operand().accept(this);
        }

        @Override
        public Void visitInList(InList node) {
            node.value().accept(this);
            for (Expression e : node.list()) {
                e.accept(this);
            }
            return null;
        }

        @Override
        public Void visitPatternMatch(PatternMatch node) {
            return node.value().accept(this);
        }
    }
}
