package io.eql4j.internal.plan;

import io.eql4j.internal.expr.FieldPredicate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes the rules of a plan share equal field predicates: the second time a predicate with the same identity is
 * compiled (in any rule), the first one is returned, and it gets a memo slot so that it is evaluated once per
 * event however many rules use it ({@code host.os.type == "windows"} appears in hundreds of rules). Used while
 * compiling one plan, on one thread.
 */
public final class Interner {

    private final Map<PredicateKey, FieldPredicate> predicates = new HashMap<>();
    private int memos;

    /**
     * The predicate with this identity: an existing one, or the one {@code make} builds (only called when new).
     *
     * @param identity what makes two predicates equal (see {@link PredicateKey})
     */
    public FieldPredicate share(PredicateKey identity, Supplier<? extends FieldPredicate> make) {
        FieldPredicate existing = predicates.get(identity);
        if (existing != null) {
            if (existing.memo() < 0) {
                existing.memoize(memos++);
            }
            return existing;
        }
        FieldPredicate made = make.get();
        predicates.put(identity, made);
        return made;
    }

    /** How many memo slots were handed out. */
    public int memoCount() {
        return memos;
    }
}
