package io.eql4j.bench.seed;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The seed rule's conditions, join keys and timestamps written by hand over the nested maps of {@link SeedStream},
 * as an engineer who knows the data's shape would write them; shared by {@link HandWrittenSeedRule} and
 * {@link FlinkCepSeedRule} so that the two peers evaluate exactly the same logic.
 *
 * <p>It follows Elasticsearch's semantics where the data can differ: {@code ==} and {@code in} on a multi-valued
 * field (ECS arrays such as {@code event.type}) hold when any value does, comparisons are case-sensitive, and
 * {@code container.id like "*"} holds for any string value.
 */
public final class SeedLogic {

    /** The rule's {@code maxspan=60s}, inclusive, in milliseconds. */
    public static final long MAX_SPAN_MILLIS = 60_000;

    static final String TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    static final String CA_CERT = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
    static final String POD_NAME = "authentication.kubernetes.io/pod-name";

    private SeedLogic() {}

    /** Stage 1: {@code file where host.os.type == "linux" and event.type == "change" and ...}. */
    public static boolean isRead(Map<String, Object> e) {
        Map<String, Object> event = object(e, "event");
        Map<String, Object> process = object(e, "process");
        if (event == null
                || process == null
                || !has(event.get("category"), "file")
                || !has(event.get("type"), "change")
                || !has(event.get("action"), "open")
                || !has(process.get("interactive"), Boolean.TRUE)) {
            return false;
        }
        Object path = child(e, "file", "path");
        if (!has(path, TOKEN) && !has(path, CA_CERT)) {
            return false;
        }
        Object container = child(e, "container", "id");
        return has(child(object(e, "host"), "os", "type"), "linux")
                && (container instanceof String || container instanceof List<?> l && hasString(l));
    }

    /** Stage 1's join key {@code orchestrator.resource.name}, or null. */
    public static Object readKey(Map<String, Object> e) {
        return child(object(e, "orchestrator"), "resource", "name");
    }

    /** Stage 2: {@code any where event.dataset == "kubernetes.audit_logs" and kubernetes.audit.stage in (...)}. */
    public static boolean isCall(Map<String, Object> e) {
        if (!has(child(e, "event", "dataset"), "kubernetes.audit_logs")) {
            return false;
        }
        Object stage = child(object(e, "kubernetes"), "audit", "stage");
        return has(stage, "ResponseComplete") || has(stage, "ResponseStarted");
    }

    /** Stage 2's join key {@code kubernetes.audit.user.extra.`authentication.kubernetes.io/pod-name`}: a value, a list, or null. */
    public static Object callKeys(Map<String, Object> e) {
        Map<String, Object> audit = object(object(e, "kubernetes"), "audit");
        return child(object(audit, "user"), "extra", POD_NAME);
    }

    /** The event's {@code @timestamp} in epoch milliseconds. */
    public static long timestamp(Map<String, Object> e) {
        Object ts = e.get("@timestamp");
        if (ts instanceof Number n) {
            return n.longValue();
        }
        return parseIsoMillis((String) ts);
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss.SSSZ} without allocating (the layout of the generated streams); any other
     * layout goes through {@link Instant#parse}.
     */
    static long parseIsoMillis(String s) {
        if (s.length() != 24
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(19) != '.'
                || s.charAt(23) != 'Z') {
            return Instant.parse(s).toEpochMilli();
        }
        long days = daysFromCivil(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
        long seconds = days * 86_400 + digits(s, 11, 2) * 3600L + digits(s, 14, 2) * 60L + digits(s, 17, 2);
        return seconds * 1000 + digits(s, 20, 3);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a timestamp: " + s);
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Whether {@code value} is {@code wanted} or a list holding it. */
    static boolean has(Object value, Object wanted) {
        if (value instanceof List<?> list) {
            for (Object v : list) {
                if (wanted.equals(v)) {
                    return true;
                }
            }
            return false;
        }
        return wanted.equals(value);
    }

    static boolean hasString(List<?> values) {
        for (Object v : values) {
            if (v instanceof String) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object child = parent == null ? null : parent.get(key);
        return child instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static Object child(Map<String, Object> parent, String key, String leaf) {
        Map<String, Object> map = object(parent, key);
        return map == null ? null : map.get(leaf);
    }
}
