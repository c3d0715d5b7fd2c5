package io.eql4j.internal.match;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A set of strings looked up with a raw value: the hash and the comparison read the value through
 * {@link Utf16#charAt} (unpaired surrogates as U+FFFD) and, when case-insensitive, fold ASCII case on the fly,
 * so a lookup allocates nothing (open addressing, linear probing).
 */
final class FoldedStringSet {

    private final String[] table;
    private final int mask;
    private final Set<String> keys;
    private final boolean fold;

    /**
     * @param folded well-formed keys, already ASCII-folded when {@code fold}
     * @param fold   compare ASCII case-insensitively
     */
    FoldedStringSet(Collection<String> folded, boolean fold) {
        this.fold = fold;
        keys = Set.copyOf(new LinkedHashSet<>(folded));
        int capacity = Integer.highestOneBit(Math.max(4, keys.size() * 2) - 1) << 1;
        table = new String[capacity];
        mask = capacity - 1;
        for (String k : keys) {
            int slot = foldedHash(k) & mask;
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = k;
        }
    }

    boolean contains(String value) {
        for (int slot = foldedHash(value) & mask; ; slot = (slot + 1) & mask) {
            String k = table[slot];
            if (k == null) {
                return false;
            }
            if (equalsValue(k, value)) {
                return true;
            }
        }
    }

    /** The keys, folded, immutable. */
    Set<String> keys() {
        return keys;
    }

    /** Keys hash to the same value as a raw value denoting them (keys are well-formed and folded already). */
    private int foldedHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + charOf(s, i);
        }
        return h ^ (h >>> 16);
    }

    private boolean equalsValue(String key, String value) {
        if (key.length() != value.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != charOf(value, i)) {
                return false;
            }
        }
        return true;
    }

    private char charOf(String s, int i) {
        char c = Utf16.charAt(s, i);
        return fold ? Ascii.fold(c) : c;
    }
}
