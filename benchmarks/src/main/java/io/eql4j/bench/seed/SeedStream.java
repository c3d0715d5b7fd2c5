package io.eql4j.bench.seed;

import io.eql4j.bench.stream.Layout;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A deterministic stream for the seed rule: Defend-for-Containers file events and Kubernetes audit events as nested
 * maps (the shape a JSON decoder gives), one per millisecond of event time, about 1% of which satisfy a stage.
 *
 * <ul>
 *   <li>0.5%: interactive token reads in a container (stage 1), key a random pod of {@code keys};</li>
 *   <li>0.5%: API calls as a pod (stage 2); 60% of them as a pod whose token was read in the last ~90 s (so that
 *       about two thirds of those fall within the 60 s window), the others as a random pod;</li>
 *   <li>the rest: near misses and noise (file events of the same integration that fail one condition of stage 1,
 *       audit events at stage RequestReceived or without a pod identity, process and network events).</li>
 * </ul>
 *
 * Every event carries a pod name, so {@code keys} is the number of distinct join-key values in the stream.
 */
public final class SeedStream {

    /** The event time of the first event. */
    public static final long START_MILLIS =
            Instant.parse("2026-03-17T09:00:00Z").toEpochMilli();

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] VERBS = {"get", "list", "watch", "create", "patch", "delete"};
    private static final String[] RESOURCES = {"pods", "secrets", "configmaps", "deployments", "services", "events"};
    private static final String[] OTHER_PATHS = {
        "/etc/hosts",
        "/etc/resolv.conf",
        "/app/config.yaml",
        "/var/run/secrets/kubernetes.io/serviceaccount/namespace",
        "/tmp/cache.db",
        "/usr/lib/libssl.so.3",
        "/run/secrets/kubernetes.io/serviceaccount/token",
        "/proc/self/status"
    };
    private static final String[] TOOLS = {"cat", "cp", "openssl", "curl", "python3", "sh", "bash", "kubectl"};
    /** How far back a call that follows a read may look, in reads (0.5% of 1 event/ms: about 90 s). */
    private static final int RECENT_READS = 450;

    private SeedStream() {}

    /** The pod name of key number {@code k}, shaped like a Deployment's pod names. */
    public static String podName(int k) {
        return "svc" + (k % 97) + "-7c9d8f6b5-" + Integer.toString(k, 36);
    }

    /** {@code events} events over {@code keys} pod names, laid out {@link Layout#DISTINCT}ly. */
    public static List<Map<String, Object>> generate(int events, int keys, long seed) {
        return generate(events, keys, seed, Layout.DISTINCT);
    }

    /** {@code events} events over {@code keys} pod names, the same for the same arguments. */
    public static List<Map<String, Object>> generate(int events, int keys, long seed, Layout layout) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] pods = new String[keys];
        for (int k = 0; k < keys; k++) {
            pods[k] = podName(k);
        }
        int[] recent = new int[RECENT_READS];
        int reads = 0;
        List<Map<String, Object>> out = new ArrayList<>(events);
        UnaryOperator<Map<String, Object>> lay = layout.forStream();
        for (int i = 0; i < events; i++) {
            String ts = ISO.format(Instant.ofEpochMilli(START_MILLIS + i));
            double r = rnd.nextDouble();
            Map<String, Object> e;
            if (r < 0.005) {
                int k = rnd.nextInt(keys);
                recent[reads++ % RECENT_READS] = k;
                e = fileEvent(
                        ts,
                        pods[k],
                        rnd.nextInt(5) == 0 ? SeedLogic.CA_CERT : SeedLogic.TOKEN,
                        true,
                        "change",
                        "open",
                        rnd);
            } else if (r < 0.010) {
                boolean follows = reads > 0 && rnd.nextInt(10) < 6;
                int k = follows ? recent[rnd.nextInt(Math.min(reads, RECENT_READS))] : rnd.nextInt(keys);
                e = auditEvent(ts, pods[k], rnd.nextInt(5) == 0 ? "ResponseStarted" : "ResponseComplete", rnd);
            } else if (r < 0.30) {
                e = nearMissFileEvent(ts, pods[rnd.nextInt(keys)], rnd);
            } else if (r < 0.70) {
                e = auditEvent(ts, rnd.nextInt(5) == 0 ? null : pods[rnd.nextInt(keys)], "RequestReceived", rnd);
            } else {
                e = endpointEvent(ts, pods[rnd.nextInt(keys)], rnd);
            }
            out.add(lay.apply(e));
        }
        return out;
    }

    /** An interactive read of the token in pod {@code pod} at {@code millis} (stage 1), the same for the same arguments. */
    public static Map<String, Object> tokenRead(long millis, String pod) {
        return fileEvent(
                ISO.format(Instant.ofEpochMilli(millis)),
                pod,
                SeedLogic.TOKEN,
                true,
                "change",
                "open",
                new SplittableRandom(pod.hashCode()));
    }

    /** An API call as pod {@code pod} at {@code millis} at audit stage {@code stage}, the same for the same arguments. */
    public static Map<String, Object> apiCall(long millis, String pod, String stage) {
        return auditEvent(ISO.format(Instant.ofEpochMilli(millis)), pod, stage, new SplittableRandom(pod.hashCode()));
    }

    /** A file event of Defend for Containers that fails exactly one condition of stage 1. */
    private static Map<String, Object> nearMissFileEvent(String ts, String pod, SplittableRandom rnd) {
        String path = rnd.nextInt(4) == 0 ? SeedLogic.TOKEN : OTHER_PATHS[rnd.nextInt(OTHER_PATHS.length)];
        boolean tokenPath = path.equals(SeedLogic.TOKEN);
        int broken = tokenPath ? rnd.nextInt(3) : -1;
        return fileEvent(
                ts, pod, path, broken != 0, broken == 1 ? "creation" : "change", broken == 2 ? "close" : "open", rnd);
    }

    private static Map<String, Object> fileEvent(
            String ts, String pod, String path, boolean interactive, String type, String action, SplittableRandom rnd) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", ts);
        e.put(
                "event",
                map(
                        "category",
                        new ArrayList<>(List.of("file")),
                        "type",
                        new ArrayList<>(List.of(type)),
                        "action",
                        action,
                        "dataset",
                        "cloud_defend.file"));
        e.put("host", map("os", map("type", "linux"), "name", "node-" + rnd.nextInt(40)));
        e.put("file", map("path", path));
        e.put("process", map("name", TOOLS[rnd.nextInt(TOOLS.length)], "interactive", interactive, "pid", (long)
                (1000 + rnd.nextInt(64))));
        e.put("container", map("id", Long.toHexString((pod.hashCode() & 0xffffffffL) * 0x9E3779B1L & 0xffffffffffffL)));
        e.put("orchestrator", map("resource", map("name", pod, "type", "pod"), "namespace", "shop"));
        return e;
    }

    private static Map<String, Object> auditEvent(String ts, String pod, String stage, SplittableRandom rnd) {
        Map<String, Object> user = pod == null
                ? map("username", "oidc:user" + rnd.nextInt(50) + "@example.com")
                : map(
                        "username",
                        "system:serviceaccount:shop:" + pod.split("-")[0],
                        "extra",
                        map(SeedLogic.POD_NAME, new ArrayList<>(List.of(pod))));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", ts);
        e.put("event", map("dataset", "kubernetes.audit_logs", "kind", "event"));
        e.put(
                "kubernetes",
                map(
                        "audit",
                        map(
                                "stage",
                                stage,
                                "verb",
                                VERBS[rnd.nextInt(VERBS.length)],
                                "objectRef",
                                map("resource", RESOURCES[rnd.nextInt(RESOURCES.length)], "namespace", "shop"),
                                "user",
                                user)));
        return e;
    }

    private static Map<String, Object> endpointEvent(String ts, String pod, SplittableRandom rnd) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", ts);
        boolean network = rnd.nextBoolean();
        e.put(
                "event",
                map(
                        "category",
                        new ArrayList<>(List.of(network ? "network" : "process")),
                        "type",
                        new ArrayList<>(List.of("start")),
                        "action",
                        network ? "connect" : "exec",
                        "dataset",
                        network ? "cloud_defend.network" : "cloud_defend.process"));
        e.put("host", map("os", map("type", "linux"), "name", "node-" + rnd.nextInt(40)));
        e.put("process", map("name", TOOLS[rnd.nextInt(TOOLS.length)], "interactive", rnd.nextBoolean(), "pid", (long)
                (1000 + rnd.nextInt(64))));
        if (network) {
            e.put("destination", map("ip", "10.96.0." + rnd.nextInt(1, 255), "port", 443L));
        }
        e.put("orchestrator", map("resource", map("name", pod, "type", "pod"), "namespace", "shop"));
        return e;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>(keysAndValues.length);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
