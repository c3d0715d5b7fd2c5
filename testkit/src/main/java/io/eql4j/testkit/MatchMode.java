package io.eql4j.testkit;

/** How actual matches are compared with expected ones (docs/rule-tests.md §7). */
public enum MatchMode {
    /** The same matches, in the same order, and no others. */
    EXACT,
    /** Every expected match is among the actual ones (each actual match standing for one); order is ignored. */
    CONTAINS;

    /** The mode's name as a test file writes it: {@code exact} or {@code contains}. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
