package io.eql4j.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One event of a stream, as the engine sees it: something that answers field lookups.
 *
 * <p>A field's value is {@code null} when the event does not have it, a {@link String}, {@link Number} or
 * {@link Boolean}, or a {@link java.util.List} of those for a multi-valued field (an ECS array such as
 * {@code event.category}). Nested objects are not values: a path that ends at an object is absent. Null elements
 * of lists are ignored, and an empty list is the same as an absent field, as Elasticsearch's {@code fields} API
 * reads documents.
 *
 * <p>Implementations must answer the same value for the same path as long as the engine holds the event (events
 * are kept while sequences that contain them are pending), and must be cheap to ask: the engine asks each field it
 * needs at most once per event. Use {@link #of(Map)} for nested maps and {@link #of(JsonNode)} for Jackson trees.
 */
public interface Event {

    /** The value of the field at {@code path}, or {@code null} when the event does not have it. */
    Object field(FieldPath path);

    /**
     * Whether the event writes an explicit {@code null} for the field at {@code path}: a null value, or a null element
     * of an array. {@link #field} reads such nulls as no value; a field whose index mapping sets {@code null_value}
     * reads each of them as that value instead, as Elasticsearch indexes them. The default answers {@code false}, for
     * events that cannot tell an explicit null from an absent field.
     */
    default boolean hasNull(FieldPath path) {
        return false;
    }

    /** The value of the field with the given dotted name; a convenience for reading matched events. */
    default Object field(String dottedName) {
        return field(FieldPath.of(dottedName));
    }

    /**
     * What the event was made from, returned to whoever reads a match: the {@code Map}, the {@code JsonNode}, or
     * the event's JSON text.
     */
    Object source();

    /**
     * An event backed by nested maps, as a JSON library or a message decoder produces them. Keys may hold dots
     * ({@code {"process.pid": 1}} and {@code {"process": {"pid": 1}}} answer the same field) and lists of objects
     * are searched element by element. The map is used as it is, not copied: do not change it while the engine
     * holds the event.
     */
    static Event of(Map<String, ?> map) {
        return new MapEvent(map);
    }

    /** An event backed by a Jackson tree, read the same way as {@link #of(Map)}. */
    static Event of(JsonNode json) {
        return new JsonEvent(json);
    }
}
