package io.eql4j.flink;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the job's first, stateless operator ({@link EventRouter}) emits: one event as it concerns one rule under one
 * join key. The stages whose filters the event passed with that key, whether it passed the rule's {@code until}
 * filter, its time and tiebreaker, its origin, and its text. A later keyed operator keys these by
 * {@link #ruleId()} and {@link #key()}: everything one (rule, join key) needs arrives at one place.
 *
 * <p>Immutable; Flink serialises it with {@link FlinkTypes.RuleEventSerializer}, not Kryo.
 */
@TypeInfo(FlinkTypes.RuleEventFactory.class)
public final class RuleEvent {

    /** The {@link #time()} of a sample's records: samples take events without time. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final String ruleId;
    private final JoinKeyValues key;
    private final int[] stages;
    private final boolean until;
    private final long time;
    private final Object tiebreaker;
    private final String source;
    private final int partition;
    private final long position;
    private final String event;
    /**
     * The revision of the rule's definition the router used: the rule-pack generation in which the rule got the
     * definition it has in the router's pack (0 for the pack the job started with). Only a job with a rule-update
     * input sets it (see {@link LiveKeyedDetection}); {@link FlinkTypes.RuleEventSerializer} does not write it, the
     * live job's record type ({@link LiveTypes#LIVE_RULE_EVENT}) does.
     */
    private final long revision;

    RuleEvent(
            String ruleId,
            JoinKeyValues key,
            int[] stages,
            boolean until,
            long time,
            Object tiebreaker,
            String source,
            int partition,
            long position,
            String event) {
        this(ruleId, key, stages, until, time, tiebreaker, source, partition, position, event, 0);
    }

    RuleEvent(
            String ruleId,
            JoinKeyValues key,
            int[] stages,
            boolean until,
            long time,
            Object tiebreaker,
            String source,
            int partition,
            long position,
            String event,
            long revision) {
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.key = Objects.requireNonNull(key, "key");
        this.stages = stages;
        this.until = until;
        this.time = time;
        this.tiebreaker = tiebreaker;
        this.source = Objects.requireNonNull(source, "source");
        this.partition = partition;
        this.position = position;
        this.event = Objects.requireNonNull(event, "event");
        this.revision = revision;
    }

    /** The same record under another rule-definition revision. */
    RuleEvent withRevision(long revision) {
        return revision == this.revision
                ? this
                : new RuleEvent(
                        ruleId, key, stages, until, time, tiebreaker, source, partition, position, event, revision);
    }

    /** The revision of the rule's definition this record was routed under (see {@link #withRevision}). */
    long revision() {
        return revision;
    }

    /** The rule's id. */
    public String ruleId() {
        return ruleId;
    }

    /** The join-key values under which the event passed {@link #stages()}. */
    public JoinKeyValues key() {
        return key;
    }

    /** The key of this record's (rule, join key) state: what a keyed operator keys it by. */
    public RuleKey ruleKey() {
        return new RuleKey(ruleId, key);
    }

    /** The stages (0-based, {@code with runs} expanded) whose filters the event passed with this key, ascending. */
    public int[] stages() {
        return stages.clone();
    }

    int[] stagesArray() {
        return stages;
    }

    /** Whether the event passed stage {@code stage}'s filter with this key. */
    public boolean passed(int stage) {
        for (int s : stages) {
            if (s == stage) {
                return true;
            }
        }
        return false;
    }

    /** Whether the event passed the rule's {@code until} filter with this key. */
    public boolean until() {
        return until;
    }

    /**
     * The event's time in the plan's timestamp units (milliseconds by default); {@link #NO_TIME} for a sample's
     * record (samples take events as they arrive, without time).
     */
    public long time() {
        return time;
    }

    /** The event's tiebreaker value (a string, long, double or boolean), or {@code null}. */
    public Object tiebreaker() {
        return tiebreaker;
    }

    /** The file name or Kafka topic the event came from. */
    public String source() {
        return source;
    }

    /** The Kafka partition, or -1 for a file. */
    public int partition() {
        return partition;
    }

    /** The line number in the file, or the offset in the Kafka partition. */
    public long position() {
        return position;
    }

    /** Where the event came from: {@code FILE:LINE} or {@code TOPIC/PARTITION@OFFSET}. */
    public String origin() {
        return SourceLine.origin(source, partition, position);
    }

    /** The event's JSON text, as it was read. */
    public String event() {
        return event;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleEvent r
                && ruleId.equals(r.ruleId)
                && key.equals(r.key)
                && Arrays.equals(stages, r.stages)
                && until == r.until
                && time == r.time
                && Objects.equals(tiebreaker, r.tiebreaker)
                && source.equals(r.source)
                && partition == r.partition
                && position == r.position
                && event.equals(r.event)
                && revision == r.revision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleId, key, time, source, partition, position);
    }

    @Override
    public String toString() {
        return "RuleEvent{rule=" + ruleId + ", key=" + key + ", stages=" + Arrays.toString(stages)
                + (until ? ", until" : "") + ", time=" + time + ", at " + origin() + '}';
    }
}
