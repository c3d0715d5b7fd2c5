package io.eql4j.bench.seed;

import io.eql4j.bench.stream.Layout;
import java.util.List;
import java.util.Map;

/**
 * The seed rule's conditions, join keys and timestamp written by hand for one shape of event map: nested objects
 * ({@link SeedLogic}, for the {@link Layout#DISTINCT} and {@link Layout#SHARED} layouts) or one flat map with dotted
 * top-level keys ({@link Layout#FLAT}), each as an engineer who knows the shape would write it. The hand-written
 * matcher, Flink CEP and Esper all evaluate the stages through it, so that they run exactly the same logic.
 * An enum, so that Flink can ship it to its tasks.
 */
public enum SeedShape {

    /** Nested maps: {@link SeedLogic}. */
    NESTED {
        @Override
        public boolean isRead(Map<String, Object> e) {
            return SeedLogic.isRead(e);
        }

        @Override
        public boolean isCall(Map<String, Object> e) {
            return SeedLogic.isCall(e);
        }

        @Override
        public Object readKey(Map<String, Object> e) {
            return SeedLogic.readKey(e);
        }

        @Override
        public Object callKeys(Map<String, Object> e) {
            return SeedLogic.callKeys(e);
        }
    },

    /** One flat map, every leaf under its dotted name: one lookup per field. */
    FLAT {
        @Override
        public boolean isRead(Map<String, Object> e) {
            if (!SeedLogic.has(e.get("event.category"), "file")
                    || !SeedLogic.has(e.get("event.type"), "change")
                    || !SeedLogic.has(e.get("event.action"), "open")
                    || !SeedLogic.has(e.get("process.interactive"), Boolean.TRUE)) {
                return false;
            }
            Object path = e.get("file.path");
            if (!SeedLogic.has(path, SeedLogic.TOKEN) && !SeedLogic.has(path, SeedLogic.CA_CERT)) {
                return false;
            }
            Object container = e.get("container.id");
            return SeedLogic.has(e.get("host.os.type"), "linux")
                    && (container instanceof String || container instanceof List<?> l && SeedLogic.hasString(l));
        }

        @Override
        public boolean isCall(Map<String, Object> e) {
            if (!SeedLogic.has(e.get("event.dataset"), "kubernetes.audit_logs")) {
                return false;
            }
            Object stage = e.get("kubernetes.audit.stage");
            return SeedLogic.has(stage, "ResponseComplete") || SeedLogic.has(stage, "ResponseStarted");
        }

        @Override
        public Object readKey(Map<String, Object> e) {
            return e.get("orchestrator.resource.name");
        }

        @Override
        public Object callKeys(Map<String, Object> e) {
            return e.get(CALL_KEY);
        }
    };

    private static final String CALL_KEY = "kubernetes.audit.user.extra." + SeedLogic.POD_NAME;

    /** The shape of a layout's events. */
    public static SeedShape of(Layout layout) {
        return layout == Layout.FLAT ? FLAT : NESTED;
    }

    /** Stage 1: an interactive read of the pod's token or CA certificate in a container. */
    public abstract boolean isRead(Map<String, Object> e);

    /** Stage 2: an API request authenticated as a pod, answered. */
    public abstract boolean isCall(Map<String, Object> e);

    /** Stage 1's join key {@code orchestrator.resource.name}, or null. */
    public abstract Object readKey(Map<String, Object> e);

    /** Stage 2's join key: a value, a list, or null. */
    public abstract Object callKeys(Map<String, Object> e);

    /** The event's {@code @timestamp} in epoch milliseconds (a top-level key in every shape). */
    public long timestamp(Map<String, Object> e) {
        return SeedLogic.timestamp(e);
    }
}
