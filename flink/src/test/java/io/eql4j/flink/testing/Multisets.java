package io.eql4j.flink.testing;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares collections of strings as multisets, reporting only what differs (outputs can be large). */
public final class Multisets {

    private Multisets() {}

    /** Fails, naming the first differences, unless {@code actual} and {@code expected} are equal as multisets. */
    public static void assertSame(String what, List<String> actual, List<String> expected) {
        Map<String, Integer> counts = new HashMap<>();
        expected.forEach(e -> counts.merge(e, 1, Integer::sum));
        List<String> extra = new ArrayList<>();
        for (String a : actual) {
            Integer n = counts.get(a);
            if (n == null || n == 0) {
                extra.add(a);
            } else {
                counts.put(a, n - 1);
            }
        }
        List<String> missing = new ArrayList<>();
        counts.forEach((e, n) -> {
            for (int i = 0; i < n; i++) {
                missing.add(e);
            }
        });
        if (!extra.isEmpty() || !missing.isEmpty()) {
            fail(what + ": " + actual.size() + " actual, " + expected.size() + " expected; " + missing.size()
                    + " missing, e.g. " + firsts(missing) + "; " + extra.size() + " unexpected, e.g. " + firsts(extra));
        }
    }

    private static String firsts(List<String> list) {
        StringBuilder b = new StringBuilder();
        for (String s : list.subList(0, Math.min(5, list.size()))) {
            b.append("\n  ").append(s.length() > 300 ? s.substring(0, 300) + "..." : s);
        }
        return b.toString();
    }
}
