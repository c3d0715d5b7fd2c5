package io.eql4j.internal.plan;

import java.util.List;
import java.util.Objects;

/**
 * The identity of a field predicate, by which a plan shares equal predicates across its rules (see
 * {@link Interner}): what it tests, on which field slot, with which operator and case sensitivity, against which
 * literals. The literals are kept as typed values ({@code "1"} and {@code 1} differ, and so do {@code ("a|b")} and
 * {@code ("a", "b")}): two keys are equal only when the predicates are, whatever characters the literals hold.
 *
 * @param kind            what kind of test
 * @param slot            the slot of the field it reads
 * @param operator        the operator (a comparison or pattern operator), or {@code null} when the kind says it all
 * @param caseInsensitive whether it ignores case
 * @param literals        the constants it compares with, in order, as typed values (strings, numbers, booleans)
 */
public record PredicateKey(Kind kind, int slot, Enum<?> operator, boolean caseInsensitive, List<Object> literals) {

    /** The kinds of shared field predicates. */
    public enum Kind {
        /** {@code field <op> constant}, and a bare field as a condition ({@code field == true}). */
        COMPARE,
        /** A comparison of a field typed as a version. */
        VERSION_COMPARE,
        /** A comparison of a date field, as a range of instants in a unit. */
        DATE_RANGE,
        /** {@code field in (...)} with string constants only. */
        IN_STRINGS,
        /** {@code field in (...)} with numbers or booleans among the constants. */
        IN_MIXED,
        /** {@code field : / like / regex} patterns. */
        PATTERN,
        /** {@code startsWith(field, ...)}. */
        STARTS_WITH,
        /** {@code endsWith(field, ...)}. */
        ENDS_WITH,
        /** {@code stringContains(field, ...)}. */
        STRING_CONTAINS,
        /** {@code cidrMatch(field, ...)}. */
        CIDR_MATCH
    }

    public PredicateKey {
        Objects.requireNonNull(kind, "kind");
        // List.copyOf refuses nulls: a null literal is kept as a marker of its own
        literals = literals.stream().map(v -> v == null ? NullLiteral.NULL : v).toList();
    }

    /** The key of a predicate with one literal. */
    public static PredicateKey of(Kind kind, int slot, Enum<?> operator, boolean caseInsensitive, Object literal) {
        return new PredicateKey(kind, slot, operator, caseInsensitive, java.util.Collections.singletonList(literal));
    }

    /** The literal {@code null}, distinct from every value. */
    private enum NullLiteral {
        NULL
    }
}
