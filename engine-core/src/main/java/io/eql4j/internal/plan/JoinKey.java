package io.eql4j.internal.plan;

import io.eql4j.internal.expr.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Join keys as the runtime stores them, plain data so that state can be checkpointed: no key at all is
 * {@link #NONE}; one key is its canonical value itself ({@link #NULL} for an optional key without value); several
 * keys are a {@code JoinKey} holding them.
 */
public final class JoinKey implements Comparable<JoinKey> {

    /** The key of every event when a sequence or sample has no {@code by}. */
    public static final JoinKey NONE = new JoinKey(new Object[0]);

    /** The value of an optional key ({@code ?field}) that the event does not have; equal only to itself. */
    public static final Object NULL = NullValue.INSTANCE;

    /** An enum, so that the null key keeps its identity when state is serialised and restored. */
    private enum NullValue {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }

    private final Object[] values;
    private final int hash;

    JoinKey(Object[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    /**
     * A key of several values as stored ({@link #NULL} for an absent optional value); no values is {@link #NONE}.
     */
    public static JoinKey of(Object... stored) {
        return stored.length == 0 ? NONE : new JoinKey(stored.clone());
    }

    /** The values of this key as stored, {@link #NULL} included (a copy). */
    public Object[] stored() {
        return values.clone();
    }

    /** The key values of a stored key, {@code null} for absent optional values, in key order. */
    public static List<Object> values(Object key) {
        if (key instanceof JoinKey k) {
            List<Object> out = new ArrayList<>(k.values.length);
            for (Object v : k.values) {
                out.add(v == NULL ? null : v);
            }
            return Collections.unmodifiableList(out);
        }
        return Collections.singletonList(key == NULL ? null : key);
    }

    /**
     * Orders stored keys as Elasticsearch's composite aggregation orders sample keys: value by value, nulls
     * first, values of one kind by value (strings by byte order), values of different kinds by kind; then the
     * shorter key first.
     */
    public static int compareValuesFirstNull(Object a, Object b) {
        List<Object> x = values(a);
        List<Object> y = values(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = compareValueFirstNull(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static int compareValueFirstNull(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int c = Values.compareStrict(a, b);
        if (c != Integer.MIN_VALUE) {
            return c;
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    }

    /**
     * Orders stored keys as Elasticsearch orders sequences that end at the same event: value by value, skipping
     * pairs where either is null or the two cannot be compared.
     */
    public static int compare(Object a, Object b) {
        if (a instanceof JoinKey x && b instanceof JoinKey y) {
            return x.compareTo(y);
        }
        return compareValues(a, b);
    }

    @Override
    public int compareTo(JoinKey other) {
        for (int i = 0; i < Math.min(values.length, other.values.length); i++) {
            int c = compareValues(values[i], other.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == NULL || b == NULL || a == null || b == null) {
            return 0;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Values.compareNumbers(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return Values.compareStrings(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable c) {
            return c.compareTo(b);
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinKey k && hash == k.hash && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return values(this).toString();
    }
}
