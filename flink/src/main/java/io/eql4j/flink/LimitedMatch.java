package io.eql4j.flink;

import java.io.IOException;
import java.util.Comparator;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A match of a rule with {@code head}, {@code tail} or a size limit, on its way to {@link ResultLimits}, with what
 * puts it in the embedded engine's result order: the time, tiebreaker and origin of the event that completed it
 * (the event itself for an event query, the last event of a sequence, the event whose arrival completed a sample).
 * See {@link #order} and docs/notes/flink.md, "Result limits".
 *
 * <p>Immutable; Flink serialises it with {@link Serializer}, not Kryo.
 */
final class LimitedMatch {

    /** Its type information. */
    static final TypeInformation<LimitedMatch> TYPE =
            new FlinkTypes.RecordTypeInfo<>(LimitedMatch.class, Serializer.INSTANCE);

    private final MatchRecord match;
    private final long time;
    private final Object tiebreaker;
    private final String source;
    private final int partition;
    private final long position;
    private final long revision;

    LimitedMatch(MatchRecord match, long time, Object tiebreaker, String source, int partition, long position) {
        this(match, time, tiebreaker, source, partition, position, 0);
    }

    LimitedMatch(
            MatchRecord match,
            long time,
            Object tiebreaker,
            String source,
            int partition,
            long position,
            long revision) {
        this.match = Objects.requireNonNull(match, "match");
        this.time = time;
        this.tiebreaker = tiebreaker;
        this.source = Objects.requireNonNull(source, "source");
        this.partition = partition;
        this.position = position;
        this.revision = revision;
    }

    /** {@code match}, completed by the event of {@code completing}, of a rule at revision 0 (no live updates). */
    static LimitedMatch of(MatchRecord match, RuleEvent completing) {
        return of(match, completing, 0);
    }

    /**
     * {@code match}, completed by the event of {@code completing}, of the rule's definition at {@code revision}
     * (its revision in the live pack that made the match, see {@link LivePack}).
     */
    static LimitedMatch of(MatchRecord match, RuleEvent completing, long revision) {
        return new LimitedMatch(
                match,
                completing.time(),
                completing.tiebreaker(),
                completing.source(),
                completing.partition(),
                completing.position(),
                revision);
    }

    /**
     * The revision of the rule's definition that made this match (0 without live updates): {@link ResultLimits}
     * restarts a rule's limits when a newer revision's results come, and drops an older one's.
     */
    long revision() {
        return revision;
    }

    MatchRecord match() {
        return match;
    }

    String ruleId() {
        return match.ruleId();
    }

    /** The completing event's time in plan units ({@link RuleEvent#NO_TIME} for a sample). */
    long time() {
        return time;
    }

    /**
     * The embedded engine's result order of one rule's results (docs/notes/flink.md, "Result limits"):
     *
     * <ul>
     *   <li>event queries: the event's time, tiebreaker (null last), then arrival (its origin);</li>
     *   <li>sequences: the same for the event that completed the sequence, then the join key as the engine orders
     *   sequences completed by one event;</li>
     *   <li>samples (taken on arrival, without time): the arrival of the event that completed the sample, then the
     *   join key in sample-key order.</li>
     * </ul>
     *
     * Results equal in all of these (several samples of one key completed by one event) keep the order in which they
     * arrived, which is the order the one keyed instance of that key emitted them in: sort with a stable sort.
     */
    static Comparator<LimitedMatch> order(MatchRecord.Kind kind) {
        Comparator<LimitedMatch> byOrigin = (a, b) -> {
            int c = a.source.compareTo(b.source);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a.partition, b.partition);
            return c != 0 ? c : Long.compare(a.position, b.position);
        };
        if (kind == MatchRecord.Kind.SAMPLE) {
            return byOrigin.thenComparing((a, b) -> EngineSeam.compareSampleKeys(
                    a.match.joinKeys().values(), b.match.joinKeys().values()));
        }
        Comparator<LimitedMatch> byTime = (a, b) -> {
            int c = Long.compare(a.time, b.time);
            return c != 0 ? c : EngineSeam.compareTiebreakers(a.tiebreaker, b.tiebreaker);
        };
        Comparator<LimitedMatch> events = byTime.thenComparing(byOrigin);
        if (kind == MatchRecord.Kind.EVENT) {
            return events;
        }
        return events.thenComparing((a, b) -> EngineSeam.compareSequenceKeys(
                a.match.joinKeys().values(), b.match.joinKeys().values()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LimitedMatch m
                && match.equals(m.match)
                && time == m.time
                && Objects.equals(tiebreaker, m.tiebreaker)
                && source.equals(m.source)
                && partition == m.partition
                && position == m.position
                && revision == m.revision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(match, time, tiebreaker, source, partition, position, revision);
    }

    @Override
    public String toString() {
        return match + " @" + time + "/" + tiebreaker + " " + source + "#" + partition + "@" + position + " r"
                + revision;
    }

    /** Writes a {@link LimitedMatch}: the match, then its order fields, then the revision. */
    public static final class Serializer extends FlinkTypes.ImmutableSerializer<LimitedMatch> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public LimitedMatch createInstance() {
            return null;
        }

        @Override
        public void serialize(LimitedMatch m, DataOutputView out) throws IOException {
            FlinkTypes.MatchRecordSerializer.INSTANCE.serialize(m.match, out);
            out.writeLong(m.time);
            JoinKeyValues.writeValue(m.tiebreaker, out);
            JoinKeyValues.writeString(m.source, out);
            out.writeInt(m.partition);
            out.writeLong(m.position);
            out.writeLong(m.revision);
        }

        @Override
        public LimitedMatch deserialize(DataInputView in) throws IOException {
            MatchRecord match = FlinkTypes.MatchRecordSerializer.INSTANCE.deserialize(in);
            long time = in.readLong();
            Object tiebreaker = JoinKeyValues.readValue(in);
            String source = JoinKeyValues.readString(in);
            int partition = in.readInt();
            long position = in.readLong();
            long revision = in.readLong();
            return new LimitedMatch(match, time, tiebreaker, source, partition, position, revision);
        }

        @Override
        public TypeSerializerSnapshot<LimitedMatch> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The snapshot of {@link Serializer} (layout version 1). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LimitedMatch> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
