package io.eql4j.internal.plan;

import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.Expr;
import io.eql4j.internal.expr.FieldPredicates;
import io.eql4j.internal.expr.Logic;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.match.StringMatcher;
import io.eql4j.internal.match.StringMatchers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, for each event, the stage filters of a rule pack that can pass, without testing every filter: filters
 * are indexed by their category (a hash lookup of the event's category values) and, within a category, by the
 * most selective "field equals one of these strings" condition they require ({@code ==}, {@code in},
 * {@code in~}, and {@code :}/{@code like} lists without wildcards). Only the filters found through the index,
 * and those that have no such condition, are evaluated. Immutable and shared by all engines of a plan; the
 * per-event scratch is a {@link DispatchState}.
 */
public final class Dispatcher {

    /** The filters that share one category (or have none), split into indexed and residual ones. */
    private static final class Bucket {
        final int[] residual;
        final FieldIndex[] indexes;

        Bucket(int[] residual, FieldIndex[] indexes) {
            this.residual = residual;
            this.indexes = indexes;
        }
    }

    /** Filters of a bucket that require a field to hold one of some strings, by string. */
    private static final class FieldIndex {
        final int slot;
        final Map<String, int[]> exact;
        final Map<String, int[]> folded;

        FieldIndex(int slot, Map<String, int[]> exact, Map<String, int[]> folded) {
            this.slot = slot;
            this.exact = exact.isEmpty() ? null : exact;
            this.folded = folded.isEmpty() ? null : folded;
        }
    }

    /** The buckets of the filters that test one category field, by category. */
    private static final class CategoryIndex {
        final int slot;
        final Map<String, Bucket> byCategory;

        CategoryIndex(int slot, Map<String, Bucket> byCategory) {
            this.slot = slot;
            this.byCategory = byCategory;
        }
    }

    /** The condition of a filter that the index uses: a field and the keys one of which its value must have. */
    private record Requirement(int slot, boolean folded, Set<String> keys) {}

    /** How many filters of a bucket an index field should serve to be worth reading on every event. */
    private static final int SHARED = 3;

    private final StagePlan[] filters;
    private final CategoryIndex[] categories;
    private final Bucket any;

    /**
     * @param filters the filters to dispatch to, by id
     * @param include which of them this dispatcher serves (the others are never evaluated by it)
     */
    public Dispatcher(List<StagePlan> filters, boolean[] include) {
        this.filters = filters.toArray(StagePlan[]::new);
        Map<Integer, Map<String, List<Integer>>> byCategory = new LinkedHashMap<>();
        List<Integer> anyIds = new ArrayList<>();
        Map<Integer, List<Requirement>> requirements = requirements(include);
        for (int id = 0; id < this.filters.length; id++) {
            if (!include[id]) {
                continue;
            }
            StagePlan f = this.filters[id];
            if (f.categoryTest() instanceof FieldPredicates.Compare c) {
                byCategory
                        .computeIfAbsent(c.slot(), s -> new LinkedHashMap<>())
                        .computeIfAbsent(String.valueOf(c.literal()), k -> new ArrayList<>())
                        .add(id);
            } else {
                anyIds.add(id);
            }
        }
        List<CategoryIndex> indexes = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, List<Integer>>> e : byCategory.entrySet()) {
            Map<String, Bucket> buckets = new HashMap<>();
            e.getValue().forEach((category, ids) -> buckets.put(category, bucket(ids, requirements)));
            indexes.add(new CategoryIndex(e.getKey(), buckets));
        }
        this.categories = indexes.toArray(CategoryIndex[]::new);
        this.any = bucket(anyIds, requirements);
    }

    /** How many filters there are (the size of a {@link DispatchState}). */
    public int size() {
        return filters.length;
    }

    /**
     * Evaluates the filters that can pass for the context's current event and records those that pass in
     * {@code state}.
     */
    public void evaluate(EvalContext ctx, DispatchState state) {
        for (CategoryIndex index : categories) {
            Object value = ctx.field(index.slot);
            if (value instanceof List<?> values) {
                for (int i = 0, n = values.size(); i < n; i++) {
                    visit(index.byCategory.get(Values.asString(values.get(i))), ctx, state);
                }
            } else if (value != null) {
                visit(index.byCategory.get(Values.asString(value)), ctx, state);
            }
        }
        visit(any, ctx, state);
    }

    private void visit(Bucket bucket, EvalContext ctx, DispatchState state) {
        if (bucket == null) {
            return;
        }
        for (int id : bucket.residual) {
            test(id, ctx, state);
        }
        for (FieldIndex index : bucket.indexes) {
            Object value = ctx.field(index.slot);
            if (value instanceof List<?> values) {
                for (int i = 0, n = values.size(); i < n; i++) {
                    String v = Values.asString(values.get(i));
                    lookup(index, v, index.folded == null ? null : StringMatchers.foldCase(v), ctx, state);
                }
            } else if (value != null) {
                String v = Values.asString(value);
                lookup(index, v, index.folded == null ? null : ctx.folded(index.slot, v), ctx, state);
            }
        }
    }

    private void lookup(FieldIndex index, String value, String folded, EvalContext ctx, DispatchState state) {
        if (index.exact != null) {
            testAll(index.exact.get(value), ctx, state);
        }
        if (index.folded != null) {
            testAll(index.folded.get(folded), ctx, state);
        }
    }

    private void testAll(int[] ids, EvalContext ctx, DispatchState state) {
        if (ids != null) {
            for (int id : ids) {
                test(id, ctx, state);
            }
        }
    }

    /**
     * Evaluates one filter's condition (its category already matched) unless done for this event. A filter that
     * fails (an event value no function can take) is recorded as failed; the other filters go on.
     */
    private void test(int id, EvalContext ctx, DispatchState state) {
        if (!state.visit(id)) {
            return;
        }
        int result;
        try {
            result = filters[id].condition().test(ctx);
        } catch (RuntimeException e) {
            state.fail(id, e);
            return;
        }
        if (result == Expr.TRUE) {
            state.pass(id);
        }
    }

    // ------------------------------------------------------------------------------------------ building

    private Bucket bucket(List<Integer> ids, Map<Integer, List<Requirement>> requirements) {
        List<Integer> residual = new ArrayList<>();
        Map<Integer, Map<String, List<Integer>>> exact = new LinkedHashMap<>();
        Map<Integer, Map<String, List<Integer>>> folded = new LinkedHashMap<>();
        for (int id : ids) {
            List<Requirement> anyOf = requirements.get(id);
            if (anyOf == null) {
                residual.add(id);
                continue;
            }
            // the filter can pass only if one of these holds: it is found through any of them
            for (Requirement r : anyOf) {
                Map<String, List<Integer>> byKey =
                        (r.folded() ? folded : exact).computeIfAbsent(r.slot(), s -> new HashMap<>());
                for (String key : r.keys()) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                }
            }
        }
        Set<Integer> slots = new LinkedHashSet<>(exact.keySet());
        slots.addAll(folded.keySet());
        List<FieldIndex> indexes = new ArrayList<>();
        for (int slot : slots) {
            indexes.add(new FieldIndex(slot, frozen(exact.get(slot)), frozen(folded.get(slot))));
        }
        return new Bucket(residual.stream().mapToInt(Integer::intValue).toArray(), indexes.toArray(FieldIndex[]::new));
    }

    private static Map<String, int[]> frozen(Map<String, List<Integer>> byKey) {
        Map<String, int[]> out = new HashMap<>();
        if (byKey != null) {
            byKey.forEach(
                    (k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /** What a field's known requirements say of how often it holds one of a set of strings. */
    private record FieldStats(Set<String> values, int filters) {}

    /**
     * For each filter, the most selective disjunction of requirements its condition implies (see {@link #implied}):
     * the filter can pass only if one of them holds. A requirement's estimated selectivity is the share of the
     * field's known values (across all filters) it admits, times the share of filters that require something of
     * the field: a field that hundreds of rules test ({@code host.os.type}) is in most events, one that a single
     * rule tests is likely rare. A disjunction's is the sum of its members'.
     */
    private Map<Integer, List<Requirement>> requirements(boolean[] include) {
        Map<Integer, FieldStats> stats = new HashMap<>();
        int total = 0;
        for (int id = 0; id < filters.length; id++) {
            if (include[id]) {
                total++;
                Set<Integer> slots = new HashSet<>();
                leaves(filters[id].condition(), r -> {
                    stats.computeIfAbsent(r.slot(), x -> new FieldStats(new HashSet<>(), 0))
                            .values()
                            .addAll(r.keys());
                    slots.add(r.slot());
                });
                for (int slot : slots) {
                    FieldStats f = stats.get(slot);
                    stats.put(slot, new FieldStats(f.values(), f.filters() + 1));
                }
            }
        }
        int filterCount = total;
        java.util.function.ToDoubleFunction<List<Requirement>> score = anyOf -> {
            double sum = 0;
            for (Requirement r : anyOf) {
                FieldStats f = stats.get(r.slot());
                sum += (double) r.keys().size() / Math.max(1, f.values().size()) * f.filters() / filterCount;
            }
            return sum;
        };
        Map<Integer, List<List<Requirement>>> options = new HashMap<>();
        Map<Integer, List<Requirement>> chosen = new HashMap<>();
        for (int id = 0; id < filters.length; id++) {
            if (!include[id]) {
                continue;
            }
            List<List<Requirement>> implied = implied(filters[id].condition(), score);
            options.put(id, implied);
            List<Requirement> best = null;
            for (List<Requirement> anyOf : implied) {
                if (best == null || score.applyAsDouble(anyOf) < score.applyAsDouble(best)) {
                    best = anyOf;
                }
            }
            if (best != null) {
                chosen.put(id, best);
            }
        }
        preferSharedFields(options, chosen, score);
        return chosen;
    }

    /**
     * An index costs one read of its field per event that reaches its bucket, worth it when it serves several
     * filters: a filter whose index field serves fewer than {@link #SHARED} filters of its bucket moves to its best
     * requirement on fields that do, if it has one (reading a field absent from an event is a few map lookups;
     * a bucket with an index per rare field reads dozens of them per event).
     */
    private void preferSharedFields(
            Map<Integer, List<List<Requirement>>> options,
            Map<Integer, List<Requirement>> chosen,
            java.util.function.ToDoubleFunction<List<Requirement>> score) {
        Map<Object, Map<Integer, Integer>> perBucket = new HashMap<>();
        chosen.forEach((id, anyOf) -> {
            Map<Integer, Integer> counts = perBucket.computeIfAbsent(bucketOf(id), b -> new HashMap<>());
            anyOf.forEach(r -> counts.merge(r.slot(), 1, Integer::sum));
        });
        chosen.replaceAll((id, anyOf) -> {
            Map<Integer, Integer> counts = perBucket.get(bucketOf(id));
            if (anyOf.stream().allMatch(r -> counts.get(r.slot()) >= SHARED)) {
                return anyOf;
            }
            List<Requirement> better = null;
            for (List<Requirement> option : options.get(id)) {
                boolean shared = option.stream().allMatch(r -> counts.getOrDefault(r.slot(), 0) >= SHARED);
                if (shared && (better == null || score.applyAsDouble(option) < score.applyAsDouble(better))) {
                    better = option;
                }
            }
            return better != null ? better : anyOf;
        });
    }

    /** The bucket a filter lands in: its category test, or none for {@code any}. */
    private Object bucketOf(int id) {
        Expr category = filters[id].categoryTest();
        return category instanceof FieldPredicates.Compare c ? c.slot() + "=" + c.literal() : "any";
    }

    /** Every requirement a leaf of the condition makes, wherever it stands (for the statistics). */
    private static void leaves(Expr condition, java.util.function.Consumer<Requirement> out) {
        if (condition instanceof Logic.And || condition instanceof Logic.Or) {
            for (Expr child : condition.children()) {
                leaves(child, out);
            }
            return;
        }
        Requirement r = requirement(condition);
        if (r != null) {
            out.accept(r);
        }
    }

    /**
     * The disjunctions of requirements a condition implies: each conjunct's of an {@code and}; for an {@code or},
     * one disjunction made of every branch's best one, requirements on the same field merged (so that
     * {@code (category == "file" and ...) or (category == "process" and ...)} requires category in (file, process),
     * and {@code process.name : "cmd.exe" or process.pe.original_file_name == "Cmd.Exe"} requires one of the two).
     */
    private static List<List<Requirement>> implied(
            Expr condition, java.util.function.ToDoubleFunction<List<Requirement>> score) {
        if (condition instanceof Logic.And) {
            List<List<Requirement>> all = new ArrayList<>();
            for (Expr conjunct : condition.children()) {
                all.addAll(implied(conjunct, score));
            }
            return all;
        }
        if (condition instanceof Logic.Or) {
            Map<Integer, Requirement> bySlot = new LinkedHashMap<>();
            for (Expr branch : condition.children()) {
                List<Requirement> best = null;
                for (List<Requirement> anyOf : implied(branch, score)) {
                    if (best == null || score.applyAsDouble(anyOf) < score.applyAsDouble(best)) {
                        best = anyOf;
                    }
                }
                if (best == null) {
                    return List.of(); // a branch that requires nothing: the or requires nothing
                }
                for (Requirement r : best) {
                    bySlot.merge(r.slot(), r, Dispatcher::union);
                }
            }
            return List.of(List.copyOf(bySlot.values()));
        }
        Requirement r = requirement(condition);
        return r == null ? List.of() : List.of(List.of(r));
    }

    /** Either requirement: the keys of both, folded when either is (a folded key covers its exact forms). */
    private static Requirement union(Requirement a, Requirement b) {
        boolean folded = a.folded() || b.folded();
        Set<String> keys = new HashSet<>();
        for (Requirement r : List.of(a, b)) {
            for (String key : r.keys()) {
                keys.add(folded && !r.folded() ? StringMatchers.foldCase(key) : key);
            }
        }
        return new Requirement(a.slot(), folded, keys);
    }

    /** The string forms of the numbers equal to {@code n}: {@code 5} and {@code 5.0}. */
    private static Set<String> numericForms(Number n) {
        Set<String> forms = new HashSet<>();
        double d = n.doubleValue();
        forms.add(Values.asString(n));
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            forms.add(Values.asString((long) d));
            forms.add(Values.asString(d));
        }
        return forms;
    }

    /** The requirement a condition puts on one field, if it is an exact-strings test the index can serve. */
    private static Requirement requirement(Expr conjunct) {
        if (conjunct instanceof FieldPredicates.Strings s) {
            StringMatcher m = s.matcher();
            Optional<Set<String>> keys = m.exactKeys();
            if (keys.isPresent() && !keys.get().isEmpty()) {
                boolean folded = !m.keyOf("A").equals("A");
                return new Requirement(s.slot(), folded, keys.get());
            }
            return null;
        }
        if (conjunct instanceof FieldPredicates.In in) {
            // string values by the string matcher's keys, numbers and booleans by their string forms
            StringMatcher m = in.strings();
            Optional<Set<String>> strings = m.exactKeys();
            if (strings.isEmpty()) {
                return null;
            }
            Set<String> keys = new HashSet<>(strings.get());
            for (Object n : in.numbers()) {
                keys.addAll(numericForms((Number) n));
            }
            for (Boolean b : in.booleans()) {
                keys.add(b.toString());
            }
            return new Requirement(in.slot(), !m.keyOf("A").equals("A"), keys);
        }
        if (conjunct instanceof FieldPredicates.Compare c
                && c.op() == io.eql4j.internal.expr.CompareOp.EQ
                && c.literal() != null) {
            // every value equal to the literal (as Values.compareToLiteral decides) has one of these string forms
            Set<String> keys = new HashSet<>();
            Object literal = c.literal();
            keys.add(Values.asString(literal));
            Number number =
                    literal instanceof Number n ? n : literal instanceof String text ? Values.parseNumber(text) : null;
            if (number != null) {
                keys.addAll(numericForms(number));
            }
            return new Requirement(c.slot(), false, keys);
        }
        return null;
    }
}
