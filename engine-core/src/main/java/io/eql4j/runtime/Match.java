package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import java.util.List;
import java.util.Objects;

/**
 * One result of a rule: a matching event, a completed sequence, or a sample. Immutable.
 */
public final class Match {

    /** What kind of query produced the match. */
    public enum Kind {
        /** An event query: one event. */
        EVENT,
        /** A sequence: one event per stage, in stage order. */
        SEQUENCE,
        /** A sample: one event per filter, in filter order. */
        SAMPLE
    }

    private final Rule rule;
    private final Kind kind;
    private final List<Event> events;
    private final List<Object> joinKeys;

    Match(Rule rule, Kind kind, List<Event> events, List<Object> joinKeys) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.events = events;
        this.joinKeys = joinKeys;
    }

    /** The rule that matched, with all its metadata (id, name, severity, risk score, tags, threats ...). */
    public Rule rule() {
        return rule;
    }

    /** Whether the match is of an event query, a sequence or a sample. */
    public Kind kind() {
        return kind;
    }

    /**
     * The matched events in stage order ({@code with runs} expanded). A missing-event stage ({@code ![...]})
     * holds {@code null}: the placeholder for the event that did not happen. Unmodifiable.
     */
    public List<Event> events() {
        return events;
    }

    /**
     * The join-key values the events share, in key order ({@code sequence by} keys first), {@code null} for an
     * optional key without value; empty for event queries and queries without {@code by}. Numbers are
     * {@code Long} or {@code Double}. Unmodifiable.
     */
    public List<Object> joinKeys() {
        return joinKeys;
    }

    @Override
    public String toString() {
        return "Match{rule=" + rule.ruleId() + ", kind=" + kind + ", joinKeys=" + joinKeys + ", events=" + events.size()
                + '}';
    }
}
