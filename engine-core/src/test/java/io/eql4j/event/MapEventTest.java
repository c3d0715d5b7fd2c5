package io.eql4j.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MapEvent} answers every field as Elasticsearch reads a document (docs/notes/events.md), whatever the map's
 * shape: nested, flat (dotted top-level keys), half-dotted, with arrays of objects, and mixtures of those. Checked
 * against a plain reference written from the rule, over seeded random maps.
 */
class MapEventTest {

    private static final String[] SEGMENTS = {"a", "b", "c", "d"};

    @Test
    void flatNestedAndHalfDottedMapsAnswerTheSameField() {
        Object nested = Map.of("process", Map.of("parent", Map.of("name", "bash")));
        Object flat = Map.of("process.parent.name", "bash", "@timestamp", 1);
        Object half = Map.of("process.parent", Map.of("name", "bash"), "event", Map.of("kind", "event"));
        Object halfOther = Map.of("process", Map.of("parent.name", "bash"), "x.y", 2);
        FieldPath path = FieldPath.of("process.parent.name");
        for (Object map : List.of(nested, flat, half, halfOther)) {
            @SuppressWarnings("unchecked")
            Event event = Event.of((Map<String, ?>) map);
            assertThat(event.field(path)).as(map.toString()).isEqualTo("bash");
            assertThat(event.field(FieldPath.of("process.parent")))
                    .as(map.toString())
                    .isNull();
            assertThat(event.field(FieldPath.of("process.name")))
                    .as(map.toString())
                    .isNull();
        }
    }

    @Test
    void aNestedValueWinsOverADottedOneAndArraysOfObjectsGiveEveryValue() {
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("a.b", 2);
        both.put("a", Map.of("b", 1));
        assertThat(Event.of(both).field("a.b")).isEqualTo(1);
        Map<String, Object> objects = Map.of("a", List.of(Map.of("b", 1), Map.of("b", List.of(2, 3)), Map.of("c", 4)));
        assertThat(Event.of(objects).field("a.b")).isEqualTo(List.of(1, 2, 3));
        Map<String, Object> flatList = Map.of("a.b", List.of("x", "y"), "c", List.of("z"));
        assertThat(Event.of(flatList).field("a.b")).isEqualTo(List.of("x", "y"));
        assertThat(Event.of(flatList).field("c.d")).isNull();
    }

    @Test
    void randomMapsOfEveryShapeAnswerAsTheReference() {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> map = object(rnd, 3);
            List<FieldPath> paths = new ArrayList<>();
            for (int p = 0; p < 6; p++) {
                paths.add(path(rnd));
            }
            // each event asked in a random order: the shape it remembers must not depend on the first field
            Event event = Event.of(map);
            for (FieldPath path : paths) {
                assertThat(event.field(path))
                        .as("seed %d, map %s, field %s", seed, map, path)
                        .isEqualTo(reference(map, path.name()));
            }
        }
    }

    /** A random object: keys of one to three segments, values of every kind, nested up to {@code depth}. */
    private static Map<String, Object> object(SplittableRandom rnd, int depth) {
        Map<String, Object> out = rnd.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
        int keys = rnd.nextInt(5);
        for (int k = 0; k < keys; k++) {
            out.put(key(rnd), value(rnd, depth));
        }
        return out;
    }

    private static String key(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
        int more = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
        for (int i = 0; i < more; i++) {
            sb.append('.').append(SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
        }
        return sb.toString();
    }

    private static Object value(SplittableRandom rnd, int depth) {
        int kind = rnd.nextInt(depth > 0 ? 8 : 4);
        return switch (kind) {
            case 0 -> "s" + rnd.nextInt(3);
            case 1 -> (long) rnd.nextInt(3);
            case 2 -> rnd.nextBoolean();
            case 3 -> list(rnd, depth);
            case 7 -> null;
            default -> object(rnd, depth - 1);
        };
    }

    private static List<Object> list(SplittableRandom rnd, int depth) {
        List<Object> out = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.add(
                    depth > 0 && rnd.nextInt(3) == 0
                            ? object(rnd, depth - 1)
                            : rnd.nextInt(6) == 0 ? null : "e" + rnd.nextInt(3));
        }
        return out;
    }

    private static FieldPath path(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
        int more = rnd.nextInt(4);
        for (int i = 0; i < more; i++) {
            sb.append('.').append(SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
        }
        return FieldPath.of(sb.toString());
    }

    /**
     * The rule, written plainly over names: in an object, the keys that spell the start of the rest of the name are
     * tried shortest first and the first that leads to a value wins; an array gives the values of all its
     * elements, flattened; an object at the end of the name is no value.
     */
    private static Object reference(Object node, String rest) {
        if (rest.isEmpty()) {
            return node instanceof Map ? null : node;
        }
        if (node instanceof Map<?, ?> object) {
            String[] segments = rest.split("\\.", -1);
            for (int to = 1; to <= segments.length; to++) {
                String key = String.join(".", List.of(segments).subList(0, to));
                Object child = object.get(key);
                if (child != null) {
                    Object value =
                            reference(child, String.join(".", List.of(segments).subList(to, segments.length)));
                    if (value != null) {
                        return value;
                    }
                }
            }
            return null;
        }
        if (node instanceof List<?> elements) {
            List<Object> all = new ArrayList<>();
            int found = 0;
            Object single = null;
            for (Object element : elements) {
                Object value = element == null ? null : reference(element, rest);
                if (value != null) {
                    found++;
                    single = value;
                    if (value instanceof List<?> l) {
                        all.addAll(l);
                    } else {
                        all.add(value);
                    }
                }
            }
            return found == 0 ? null : found == 1 ? single : all;
        }
        return null;
    }
}
