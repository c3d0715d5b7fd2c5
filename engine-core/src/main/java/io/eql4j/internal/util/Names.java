package io.eql4j.internal.util;

import java.util.Locale;

/** Hints for names that are almost right. */
public final class Names {

    private Names() {}

    /**
     * {@code ", did you mean [name]?"} for the known name closest to {@code name} (ignoring case) when it is at
     * most {@code maxEdits} edits away, or {@code ""}.
     */
    public static String didYouMean(String name, Iterable<String> known, int maxEdits) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= maxEdits ? ", did you mean [" + best + "]?" : "";
    }

    /** The Levenshtein distance of two strings. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
