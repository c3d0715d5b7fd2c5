package io.eql4j.internal.plan;

import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.Expr;
import io.eql4j.internal.expr.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Computes the join keys of an event for one stage: the sequence-level keys followed by the stage's own.
 *
 * <p>A non-optional key without a value leaves the event out of the stage (Elasticsearch filters such events
 * with {@code exists}); an optional key ({@code ?f}) without a value is {@link JoinKey#NULL}. Multi-valued keys
 * give one key per combination of values (the cartesian product), each processed on its own.
 */
public final class KeyExtractor {

    /** The extractor of a query without join keys: every event has the key {@link JoinKey#NONE}. */
    public static final KeyExtractor NONE =
            new KeyExtractor(new Expr[0], new int[0], new boolean[0], new String[0], List.of());

    private final Expr[] expressions;
    /** The slot of each key that is a plain field (read with all its values), or -1. */
    private final int[] slots;

    private final boolean[] optional;
    private final String[] names;
    /** Per key, how its values become key values (e.g. dates formatted as Elasticsearch returns them). */
    private final List<UnaryOperator<Object>> normalizers;

    public KeyExtractor(
            Expr[] expressions,
            int[] slots,
            boolean[] optional,
            String[] names,
            List<UnaryOperator<Object>> normalizers) {
        this.expressions = expressions.clone();
        this.slots = slots.clone();
        this.optional = optional.clone();
        this.names = names.clone();
        this.normalizers = List.copyOf(normalizers);
    }

    /** How many keys. */
    public int size() {
        return expressions.length;
    }

    /** The keys as written, for explaining. */
    public List<String> names() {
        return List.of(names);
    }

    /**
     * The keys of the current event: {@code null} when it has none (a required key is missing), a stored key (see
     * {@link JoinKey}) when it has one, or a {@code List} of distinct stored keys when multi-valued keys give several.
     */
    public Object extract(EvalContext ctx) {
        int n = expressions.length;
        if (n == 0) {
            return JoinKey.NONE;
        }
        if (n == 1) {
            return value(ctx, 0);
        }
        Object[] perKey = new Object[n];
        boolean multi = false;
        for (int i = 0; i < n; i++) {
            Object v = value(ctx, i);
            if (v == null) {
                return null;
            }
            multi |= v instanceof List;
            perKey[i] = v;
        }
        if (!multi) {
            return new JoinKey(perKey);
        }
        List<Object> keys = new ArrayList<>();
        product(perKey, 0, new Object[n], keys);
        return keys.size() == 1 ? keys.get(0) : keys;
    }

    /** Key {@code i}'s value(s): a key value, a list of distinct key values, or null when the event has none. */
    private Object value(EvalContext ctx, int i) {
        Object raw = slots[i] >= 0 ? ctx.field(slots[i]) : expressions[i].eval(ctx);
        if (raw == null) {
            return optional[i] ? JoinKey.NULL : null;
        }
        UnaryOperator<Object> normalizer = normalizers.get(i);
        if (raw instanceof List<?> values) {
            List<Object> out = new ArrayList<>(values.size());
            for (Object e : values) {
                Object k = normalizer.apply(Values.canonical(e));
                if (!out.contains(k)) {
                    out.add(k);
                }
            }
            return out.size() == 1 ? out.get(0) : out;
        }
        return normalizer.apply(Values.canonical(raw));
    }

    private static void product(Object[] perKey, int i, Object[] current, List<Object> out) {
        if (i == perKey.length) {
            JoinKey key = new JoinKey(current.clone());
            if (!out.contains(key)) {
                out.add(key);
            }
            return;
        }
        if (perKey[i] instanceof List<?> values) {
            for (Object v : values) {
                current[i] = v;
                product(perKey, i + 1, current, out);
            }
        } else {
            current[i] = perKey[i];
            product(perKey, i + 1, current, out);
        }
    }
}
