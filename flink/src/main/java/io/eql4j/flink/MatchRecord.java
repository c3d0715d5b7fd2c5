package io.eql4j.flink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.Match;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One match as the Flink job emits it: the rule's id, name, severity and risk score, the kind of query, the join
 * keys, and the matched events as their JSON text ({@code null} for a missing event). {@link #toJson()} writes it
 * in exactly the shape of {@code eql4j run}'s output lines.
 *
 * <p>Immutable. Flink serialises it with {@link FlinkTypes.MatchRecordSerializer}, not Kryo.
 */
@TypeInfo(FlinkTypes.MatchRecordFactory.class)
public final class MatchRecord {

    /** The kind of query that matched (the {@code kind} field of the output). */
    public enum Kind {
        EVENT,
        SEQUENCE,
        SAMPLE
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ruleId;
    private final String ruleName;
    private final String severity;
    private final Integer riskScore;
    private final Kind kind;
    private final JoinKeyValues joinKeys;
    private final List<String> events;

    /**
     * @param events the matched events' JSON text in stage order, {@code null} for a missing event
     */
    public MatchRecord(
            String ruleId,
            String ruleName,
            String severity,
            Integer riskScore,
            Kind kind,
            JoinKeyValues joinKeys,
            List<String> events) {
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
        this.severity = severity;
        this.riskScore = riskScore;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.joinKeys = Objects.requireNonNull(joinKeys, "joinKeys");
        this.events = Collections.unmodifiableList(new ArrayList<>(events));
    }

    /** The record of a rule's match over these events ({@code null} for a missing event). */
    public static MatchRecord of(Rule rule, Kind kind, JoinKeyValues joinKeys, List<String> events) {
        return new MatchRecord(
                rule.ruleId(),
                rule.name(),
                rule.severity().orElse(null),
                rule.riskScore().isPresent() ? rule.riskScore().getAsInt() : null,
                kind,
                joinKeys,
                events);
    }

    /**
     * The record of an embedded engine's match: events read from JSON text keep their text; events made from a
     * {@code Map} or a Jackson tree are written as JSON.
     */
    public static MatchRecord of(Match match) {
        List<String> texts = new ArrayList<>(match.events().size());
        for (Event e : match.events()) {
            texts.add(e == null ? null : text(e.source()));
        }
        return of(match.rule(), Kind.valueOf(match.kind().name()), JoinKeyValues.of(match.joinKeys()), texts);
    }

    private static String text(Object source) {
        if (source instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a matched event as JSON", e);
        }
    }

    public String ruleId() {
        return ruleId;
    }

    public String ruleName() {
        return ruleName;
    }

    public Optional<String> severity() {
        return Optional.ofNullable(severity);
    }

    public OptionalInt riskScore() {
        return riskScore == null ? OptionalInt.empty() : OptionalInt.of(riskScore);
    }

    public Kind kind() {
        return kind;
    }

    /** The join-key values, in key order; empty for event queries and queries without {@code by}. */
    public JoinKeyValues joinKeys() {
        return joinKeys;
    }

    /** The events' JSON text in stage order, {@code null} for a missing event. Unmodifiable. */
    public List<String> events() {
        return events;
    }

    /**
     * The match as one JSON object, exactly as {@code eql4j run} writes it (without the line end): {@code rule_id},
     * {@code rule_name}, {@code severity} and {@code risk_score} when the rule has them, {@code kind},
     * {@code join_keys}, and {@code events} with each event's text as it was read.
     */
    public String toJson() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("rule_id", ruleId);
            json.writeStringField("rule_name", ruleName);
            if (severity != null) {
                json.writeStringField("severity", severity);
            }
            if (riskScore != null) {
                json.writeNumberField("risk_score", riskScore.intValue());
            }
            json.writeStringField("kind", kind.name().toLowerCase(Locale.ROOT));
            json.writeArrayFieldStart("join_keys");
            for (Object key : joinKeys.values()) {
                json.writeObject(key);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("events");
            for (String e : events) {
                if (e == null) {
                    json.writeNull();
                } else {
                    json.writeRawValue(e);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchRecord m
                && ruleId.equals(m.ruleId)
                && ruleName.equals(m.ruleName)
                && Objects.equals(severity, m.severity)
                && Objects.equals(riskScore, m.riskScore)
                && kind == m.kind
                && joinKeys.equals(m.joinKeys)
                && events.equals(m.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleId, kind, joinKeys, events);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
