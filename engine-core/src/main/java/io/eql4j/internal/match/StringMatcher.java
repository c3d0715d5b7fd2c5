package io.eql4j.internal.match;

import java.util.Optional;
import java.util.Set;

/**
 * A compiled string predicate: the right-hand side of {@code ==}, {@code in}, {@code in~}, {@code :},
 * {@code like}, {@code like~}, {@code regex} or {@code regex~}, built once by {@link StringMatchers}.
 *
 * <p>Implementations are immutable and thread-safe; {@link #matches} does not allocate.
 */
public interface StringMatcher {

    /**
     * Whether the value is accepted.
     *
     * @param value a non-null string (null handling is the caller's: EQL predicates on null are null)
     * @return true when any of the patterns accepts the value
     * @throws NullPointerException if value is null
     */
    boolean matches(String value);

    /**
     * For rule indexing: when this matcher accepts exactly the values whose {@link #keyOf key} belongs to a
     * finite set, that set; otherwise empty. With a present set, {@code matches(v)} is equivalent to
     * {@code exactKeys().get().contains(keyOf(v))}.
     *
     * @return the keys (immutable), or empty when some pattern is not a plain string
     */
    default Optional<Set<String>> exactKeys() {
        return Optional.empty();
    }

    /**
     * The lookup key of a value for {@link #exactKeys}: the value itself for case-sensitive matchers, its
     * ASCII-lower-cased form ({@link StringMatchers#foldCase}) for case-insensitive ones.
     *
     * @param value a non-null string
     * @return the key
     */
    default String keyOf(String value) {
        return value;
    }
}
