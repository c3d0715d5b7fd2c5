package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The union of wildcard patterns, each routed by shape: plain strings to a hash set, {@code lit*} and
 * {@code *lit} to tries, {@code *lit*} to Aho–Corasick, the rest to an indexed {@link GlobSet}. A value
 * matches when any structure accepts it; every structure is exact for its shape, so the union is exactly the
 * union of the patterns' languages. Empty patterns match nothing (see {@link WildcardPattern.Shape#NONE}).
 */
final class PatternSetMatcher implements StringMatcher {

    private final boolean caseInsensitive;
    private final FoldedStringSet exact; // plain strings, or null
    private final AffixMatcher prefixes;
    private final AffixMatcher suffixes;
    private final AhoCorasick infixes;
    private final GlobSet general;
    private final Set<String> exactKeys; // all plain strings (folded when case-insensitive)
    private final boolean onlyExact;
    private final String description;

    PatternSetMatcher(List<WildcardPattern> patterns, boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        List<String> plain = new ArrayList<>();
        List<String> prefix = new ArrayList<>();
        List<String> suffix = new ArrayList<>();
        List<String> infix = new ArrayList<>();
        List<WildcardPattern> other = new ArrayList<>();
        int none = 0;
        for (WildcardPattern p : patterns) {
            switch (p.shape()) {
                case NONE:
                    none++;
                    break;
                case EXACT:
                    plain.add(p.literal());
                    break;
                case PREFIX:
                    prefix.add(p.literal());
                    break;
                case SUFFIX:
                    suffix.add(p.literal());
                    break;
                case INFIX:
                    infix.add(p.literal());
                    break;
                case GENERAL:
                    other.add(p);
                    break;
                default:
                    throw new IllegalStateException("'*' patterns are handled by the caller: " + p.source());
            }
        }
        this.exact = plain.isEmpty() ? null : new FoldedStringSet(plain, caseInsensitive);
        prefixes = prefix.isEmpty() ? null : new AffixMatcher(prefix, false, caseInsensitive);
        suffixes = suffix.isEmpty() ? null : new AffixMatcher(suffix, true, caseInsensitive);
        infixes = infix.isEmpty() ? null : new AhoCorasick(infix, caseInsensitive);
        general = other.isEmpty() ? null : new GlobSet(other, caseInsensitive);
        exactKeys = this.exact != null ? this.exact.keys() : Set.of();
        onlyExact = plain.size() + none == patterns.size();
        description = String.format(
                "patterns[ci=%s, exact=%d, prefix=%d, suffix=%d, infix=%d, other=%d]",
                caseInsensitive, plain.size(), prefix.size(), suffix.size(), infix.size(), other.size());
    }

    @Override
    public boolean matches(String value) {
        Objects.requireNonNull(value, "value");
        return (exact != null && exact.contains(value))
                || (prefixes != null && prefixes.matches(value))
                || (suffixes != null && suffixes.matches(value))
                || (infixes != null && infixes.containsAny(value))
                || (general != null && general.matches(value));
    }

    @Override
    public Optional<Set<String>> exactKeys() {
        return onlyExact ? Optional.of(exactKeys) : Optional.empty();
    }

    @Override
    public String keyOf(String value) {
        String key = Utf16.wellFormed(value);
        return caseInsensitive ? Ascii.fold(key) : key;
    }

    @Override
    public String toString() {
        return description;
    }
}
