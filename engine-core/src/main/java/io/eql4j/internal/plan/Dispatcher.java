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

    /** Filters whose index would keep more than this share of them are not worth an index lookup. */
    private static final double MAX_SELECTIVITY = 0.5;

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
    private record Requirement(int slot, boolean folded, Set<String> keys) {
    }

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
        Map<Integer, Requirement> requirements = requirements(include);
        for (int id = 0; id < this.filters.length; id++) {
            if (!include[id]) {
                continue;
            }
            StagePlan f = this.filters[id];
            if (f.categoryTest() instanceof FieldPredicates.Compare c) {
                byCategory.computeIfAbsent(c.slot(), s -> new LinkedHashMap<>())
                        .computeIfAbsent(String.valueOf(c.literal()), k -> new ArrayList<>()).add(id);
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
                    lookup(index, Values.asString(values.get(i)), ctx, state);
                }
            } else if (value != null) {
                lookup(index, Values.asString(value), ctx, state);
            }
        }
    }

    private void lookup(FieldIndex index, String value, EvalContext ctx, DispatchState state) {
        if (index.exact != null) {
            testAll(index.exact.get(value), ctx, state);
        }
        if (index.folded != null) {
            testAll(index.folded.get(StringMatchers.foldCase(value)), ctx, state);
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

    private Bucket bucket(List<Integer> ids, Map<Integer, Requirement> requirements) {
        List<Integer> residual = new ArrayList<>();
        Map<Integer, Map<String, List<Integer>>> exact = new LinkedHashMap<>();
        Map<Integer, Map<String, List<Integer>>> folded = new LinkedHashMap<>();
        for (int id : ids) {
            Requirement r = requirements.get(id);
            if (r == null) {
                residual.add(id);
                continue;
            }
            Map<String, List<Integer>> byKey = (r.folded() ? folded : exact)
                    .computeIfAbsent(r.slot(), s -> new HashMap<>());
            for (String key : r.keys()) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
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
            byKey.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /**
     * For each filter, the most selective requirement among the conjuncts of its condition, judged by how many of
     * the field's known values (across all filters) it admits; none when even the best admits too many.
     */
    private Map<Integer, Requirement> requirements(boolean[] include) {
        Map<Integer, List<Requirement>> candidates = new HashMap<>();
        Map<Integer, Set<String>> valuesPerSlot = new HashMap<>();
        for (int id = 0; id < filters.length; id++) {
            if (!include[id]) {
                continue;
            }
            List<Requirement> found = new ArrayList<>();
            Expr condition = filters[id].condition();
            List<Expr> conjuncts = condition instanceof Logic.And ? condition.children() : List.of(condition);
            for (Expr conjunct : conjuncts) {
                Requirement r = requirement(conjunct);
                if (r != null) {
                    found.add(r);
                    valuesPerSlot.computeIfAbsent(r.slot(), s -> new HashSet<>()).addAll(r.keys());
                }
            }
            candidates.put(id, found);
        }
        Map<Integer, Requirement> chosen = new HashMap<>();
        candidates.forEach((id, found) -> {
            Requirement best = null;
            double bestSelectivity = MAX_SELECTIVITY;
            for (Requirement r : found) {
                double selectivity = (double) r.keys().size() / valuesPerSlot.get(r.slot()).size();
                if (selectivity < bestSelectivity || best == null && selectivity <= MAX_SELECTIVITY) {
                    best = r;
                    bestSelectivity = selectivity;
                }
            }
            if (best != null) {
                chosen.put(id, best);
            }
        });
        return chosen;
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
        if (conjunct instanceof FieldPredicates.Compare c && c.op() == io.eql4j.internal.expr.CompareOp.EQ
                && c.literal() != null) {
            // every value equal to the literal (as Values.compareToLiteral decides) has one of these string forms
            Set<String> keys = new HashSet<>();
            Object literal = c.literal();
            keys.add(Values.asString(literal));
            Number number = literal instanceof Number n ? n
                    : literal instanceof String text ? Values.parseNumber(text) : null;
            if (number != null) {
                keys.addAll(numericForms(number));
            }
            return new Requirement(c.slot(), false, keys);
        }
        return null;
    }
}
