package io.eql4j.flink;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink type information and serializers for this module's record types: each record is written field by field in a
 * fixed binary layout by its own {@link TypeSerializer}, so that Flink never falls back to Kryo (jobs may run with
 * generic types disabled). The records are immutable, so the serializers copy by reference.
 *
 * <p>A serializer's snapshot names its layout; a change of layout must come with a new snapshot version.
 */
public final class FlinkTypes {

    private FlinkTypes() {}

    /** The type information of {@link MatchRecord}. */
    public static final TypeInformation<MatchRecord> MATCH =
            new RecordTypeInfo<>(MatchRecord.class, MatchRecordSerializer.INSTANCE);
    /** The type information of {@link ProblemRecord}. */
    public static final TypeInformation<ProblemRecord> PROBLEM =
            new RecordTypeInfo<>(ProblemRecord.class, ProblemRecordSerializer.INSTANCE);
    /** The type information of {@link RuleEvent}. */
    public static final TypeInformation<RuleEvent> RULE_EVENT =
            new RecordTypeInfo<>(RuleEvent.class, RuleEventSerializer.INSTANCE);
    /** The type information of {@link SourceLine}. */
    public static final TypeInformation<SourceLine> SOURCE_LINE =
            new RecordTypeInfo<>(SourceLine.class, SourceLineSerializer.INSTANCE);
    /** The type information of {@link JoinKeyValues}. */
    public static final TypeInformation<JoinKeyValues> JOIN_KEY =
            new RecordTypeInfo<>(JoinKeyValues.class, JoinKeyValuesSerializer.INSTANCE);

    /** The type information of {@link RuleKey}. */
    public static final TypeInformation<RuleKey> RULE_KEY =
            new RecordTypeInfo<>(RuleKey.class, RuleKeySerializer.INSTANCE);

    /**
     * Type information of an immutable record type with its own serializer; a key type unless made with
     * {@code keyType} false. Two are equal when they have the same type and the same serializer class (a live job's
     * {@link RuleEvent} has a serializer of its own, with the rule's revision).
     */
    static final class RecordTypeInfo<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;

        private final Class<T> type;
        private final TypeSerializer<T> serializer;
        private final boolean keyType;

        RecordTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
            this(type, serializer, true);
        }

        RecordTypeInfo(Class<T> type, TypeSerializer<T> serializer, boolean keyType) {
            this.type = type;
            this.serializer = serializer;
            this.keyType = keyType;
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public boolean isKeyType() {
            return keyType; // equals and hashCode are by value (JoinKeyValues and RuleKey are keys)
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public String toString() {
            return "eql4j " + type.getSimpleName();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RecordTypeInfo<?> other
                    && other.type == type
                    && other.serializer.getClass() == serializer.getClass()
                    && other.keyType == keyType;
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + serializer.getClass().hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof RecordTypeInfo;
        }
    }

    /** A serializer of an immutable type whose records have a variable length. */
    abstract static class ImmutableSerializer<T> extends TypeSerializerSingleton<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public final boolean isImmutableType() {
            return true;
        }

        @Override
        public final T copy(T from) {
            return from;
        }

        @Override
        public final T copy(T from, T reuse) {
            return from;
        }

        @Override
        public final int getLength() {
            return -1;
        }

        @Override
        public final T deserialize(T reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public final void copy(DataInputView source, DataOutputView target) throws IOException {
            serialize(deserialize(source), target);
        }
    }

    // ------------------------------------------------------------------------------------------ join keys

    /** Used through {@code @TypeInfo} on {@link JoinKeyValues}. */
    public static final class JoinKeyValuesFactory extends TypeInfoFactory<JoinKeyValues> {
        @Override
        public TypeInformation<JoinKeyValues> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return JOIN_KEY;
        }
    }

    /** Writes {@link JoinKeyValues}: a count, then per value a type tag and the value. */
    public static final class JoinKeyValuesSerializer extends ImmutableSerializer<JoinKeyValues> {
        private static final long serialVersionUID = 1L;
        static final JoinKeyValuesSerializer INSTANCE = new JoinKeyValuesSerializer();

        @Override
        public JoinKeyValues createInstance() {
            return JoinKeyValues.NONE;
        }

        @Override
        public void serialize(JoinKeyValues record, DataOutputView target) throws IOException {
            record.write(target);
        }

        @Override
        public JoinKeyValues deserialize(DataInputView source) throws IOException {
            return JoinKeyValues.read(source);
        }

        @Override
        public TypeSerializerSnapshot<JoinKeyValues> snapshotConfiguration() {
            return new JoinKeyValuesSnapshot();
        }
    }

    /** The snapshot of {@link JoinKeyValuesSerializer} (layout version 1). */
    public static final class JoinKeyValuesSnapshot extends SimpleTypeSerializerSnapshot<JoinKeyValues> {
        public JoinKeyValuesSnapshot() {
            super(() -> JoinKeyValuesSerializer.INSTANCE);
        }
    }

    // ------------------------------------------------------------------------------------------ rule keys

    /** Used through {@code @TypeInfo} on {@link RuleKey}. */
    public static final class RuleKeyFactory extends TypeInfoFactory<RuleKey> {
        @Override
        public TypeInformation<RuleKey> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return RULE_KEY;
        }
    }

    /** Writes a {@link RuleKey}: the rule id, then the join-key values. */
    public static final class RuleKeySerializer extends ImmutableSerializer<RuleKey> {
        private static final long serialVersionUID = 1L;
        static final RuleKeySerializer INSTANCE = new RuleKeySerializer();

        @Override
        public RuleKey createInstance() {
            return null;
        }

        @Override
        public void serialize(RuleKey k, DataOutputView out) throws IOException {
            JoinKeyValues.writeString(k.ruleId(), out);
            k.key().write(out);
        }

        @Override
        public RuleKey deserialize(DataInputView in) throws IOException {
            return new RuleKey(JoinKeyValues.readString(in), JoinKeyValues.read(in));
        }

        @Override
        public TypeSerializerSnapshot<RuleKey> snapshotConfiguration() {
            return new RuleKeySnapshot();
        }
    }

    /** The snapshot of {@link RuleKeySerializer} (layout version 1). */
    public static final class RuleKeySnapshot extends SimpleTypeSerializerSnapshot<RuleKey> {
        public RuleKeySnapshot() {
            super(() -> RuleKeySerializer.INSTANCE);
        }
    }

    // ------------------------------------------------------------------------------------------ matches

    /** Used through {@code @TypeInfo} on {@link MatchRecord}. */
    public static final class MatchRecordFactory extends TypeInfoFactory<MatchRecord> {
        @Override
        public TypeInformation<MatchRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return MATCH;
        }
    }

    /** Writes a {@link MatchRecord} field by field. */
    public static final class MatchRecordSerializer extends ImmutableSerializer<MatchRecord> {
        private static final long serialVersionUID = 1L;
        static final MatchRecordSerializer INSTANCE = new MatchRecordSerializer();

        @Override
        public MatchRecord createInstance() {
            return null;
        }

        @Override
        public void serialize(MatchRecord m, DataOutputView out) throws IOException {
            JoinKeyValues.writeString(m.ruleId(), out);
            JoinKeyValues.writeString(m.ruleName(), out);
            JoinKeyValues.writeNullableString(m.severity().orElse(null), out);
            out.writeBoolean(m.riskScore().isPresent());
            if (m.riskScore().isPresent()) {
                out.writeInt(m.riskScore().getAsInt());
            }
            out.writeByte(m.kind().ordinal());
            m.joinKeys().write(out);
            out.writeInt(m.events().size());
            for (String e : m.events()) {
                JoinKeyValues.writeNullableString(e, out);
            }
        }

        @Override
        public MatchRecord deserialize(DataInputView in) throws IOException {
            String ruleId = JoinKeyValues.readString(in);
            String ruleName = JoinKeyValues.readString(in);
            String severity = JoinKeyValues.readNullableString(in);
            Integer risk = in.readBoolean() ? in.readInt() : null;
            int kind = in.readByte();
            if (kind < 0 || kind >= MatchRecord.Kind.values().length) {
                throw new IOException("corrupt match record: unknown kind " + kind);
            }
            JoinKeyValues keys = JoinKeyValues.read(in);
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("corrupt match record: " + n + " events");
            }
            String[] events = new String[n];
            for (int i = 0; i < n; i++) {
                events[i] = JoinKeyValues.readNullableString(in);
            }
            return new MatchRecord(
                    ruleId,
                    ruleName,
                    severity,
                    risk,
                    MatchRecord.Kind.values()[kind],
                    keys,
                    java.util.Arrays.asList(events));
        }

        @Override
        public TypeSerializerSnapshot<MatchRecord> snapshotConfiguration() {
            return new MatchRecordSnapshot();
        }
    }

    /** The snapshot of {@link MatchRecordSerializer} (layout version 1). */
    public static final class MatchRecordSnapshot extends SimpleTypeSerializerSnapshot<MatchRecord> {
        public MatchRecordSnapshot() {
            super(() -> MatchRecordSerializer.INSTANCE);
        }
    }

    // ------------------------------------------------------------------------------------------ problems

    /** Used through {@code @TypeInfo} on {@link ProblemRecord}. */
    public static final class ProblemRecordFactory extends TypeInfoFactory<ProblemRecord> {
        @Override
        public TypeInformation<ProblemRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return PROBLEM;
        }
    }

    /** Writes a {@link ProblemRecord} field by field. */
    public static final class ProblemRecordSerializer extends ImmutableSerializer<ProblemRecord> {
        private static final long serialVersionUID = 1L;
        static final ProblemRecordSerializer INSTANCE = new ProblemRecordSerializer();

        @Override
        public ProblemRecord createInstance() {
            return null;
        }

        @Override
        public void serialize(ProblemRecord p, DataOutputView out) throws IOException {
            out.writeByte(p.kind().ordinal());
            JoinKeyValues.writeString(p.origin(), out);
            JoinKeyValues.writeNullableString(p.ruleId(), out);
            JoinKeyValues.writeString(p.message(), out);
            JoinKeyValues.writeNullableString(p.event(), out);
        }

        @Override
        public ProblemRecord deserialize(DataInputView in) throws IOException {
            int kind = in.readByte();
            if (kind < 0 || kind >= ProblemRecord.Kind.values().length) {
                throw new IOException("corrupt problem record: unknown kind " + kind);
            }
            return new ProblemRecord(
                    ProblemRecord.Kind.values()[kind],
                    JoinKeyValues.readString(in),
                    JoinKeyValues.readNullableString(in),
                    JoinKeyValues.readString(in),
                    JoinKeyValues.readNullableString(in));
        }

        @Override
        public TypeSerializerSnapshot<ProblemRecord> snapshotConfiguration() {
            return new ProblemRecordSnapshot();
        }
    }

    /** The snapshot of {@link ProblemRecordSerializer} (layout version 1). */
    public static final class ProblemRecordSnapshot extends SimpleTypeSerializerSnapshot<ProblemRecord> {
        public ProblemRecordSnapshot() {
            super(() -> ProblemRecordSerializer.INSTANCE);
        }
    }

    // ------------------------------------------------------------------------------------------ rule events

    /** Used through {@code @TypeInfo} on {@link RuleEvent}. */
    public static final class RuleEventFactory extends TypeInfoFactory<RuleEvent> {
        @Override
        public TypeInformation<RuleEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return RULE_EVENT;
        }
    }

    /** Writes a {@link RuleEvent} field by field. */
    public static final class RuleEventSerializer extends ImmutableSerializer<RuleEvent> {
        private static final long serialVersionUID = 1L;
        static final RuleEventSerializer INSTANCE = new RuleEventSerializer();

        @Override
        public RuleEvent createInstance() {
            return null;
        }

        @Override
        public void serialize(RuleEvent r, DataOutputView out) throws IOException {
            JoinKeyValues.writeString(r.ruleId(), out);
            r.key().write(out);
            int[] stages = r.stagesArray();
            out.writeInt(stages.length);
            for (int s : stages) {
                out.writeInt(s);
            }
            out.writeBoolean(r.until());
            out.writeLong(r.time());
            JoinKeyValues.writeValue(r.tiebreaker(), out);
            JoinKeyValues.writeString(r.source(), out);
            out.writeInt(r.partition());
            out.writeLong(r.position());
            JoinKeyValues.writeString(r.event(), out);
        }

        @Override
        public RuleEvent deserialize(DataInputView in) throws IOException {
            String ruleId = JoinKeyValues.readString(in);
            JoinKeyValues key = JoinKeyValues.read(in);
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("corrupt rule event: " + n + " stages");
            }
            int[] stages = new int[n];
            for (int i = 0; i < n; i++) {
                stages[i] = in.readInt();
            }
            boolean until = in.readBoolean();
            long time = in.readLong();
            Object tiebreaker = JoinKeyValues.readValue(in);
            String source = JoinKeyValues.readString(in);
            int partition = in.readInt();
            long position = in.readLong();
            String event = JoinKeyValues.readString(in);
            return new RuleEvent(ruleId, key, stages, until, time, tiebreaker, source, partition, position, event);
        }

        @Override
        public TypeSerializerSnapshot<RuleEvent> snapshotConfiguration() {
            return new RuleEventSnapshot();
        }
    }

    /** The snapshot of {@link RuleEventSerializer} (layout version 1). */
    public static final class RuleEventSnapshot extends SimpleTypeSerializerSnapshot<RuleEvent> {
        public RuleEventSnapshot() {
            super(() -> RuleEventSerializer.INSTANCE);
        }
    }

    // ------------------------------------------------------------------------------------------ source lines

    /** Used through {@code @TypeInfo} on {@link SourceLine}. */
    public static final class SourceLineFactory extends TypeInfoFactory<SourceLine> {
        @Override
        public TypeInformation<SourceLine> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return SOURCE_LINE;
        }
    }

    /** Writes a {@link SourceLine} field by field. */
    public static final class SourceLineSerializer extends ImmutableSerializer<SourceLine> {
        private static final long serialVersionUID = 1L;
        static final SourceLineSerializer INSTANCE = new SourceLineSerializer();

        @Override
        public SourceLine createInstance() {
            return null;
        }

        @Override
        public void serialize(SourceLine l, DataOutputView out) throws IOException {
            JoinKeyValues.writeString(l.source(), out);
            out.writeInt(l.partition());
            out.writeLong(l.position());
            byte[] bytes = l.bytesUnsafe();
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public SourceLine deserialize(DataInputView in) throws IOException {
            String source = JoinKeyValues.readString(in);
            int partition = in.readInt();
            long position = in.readLong();
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("corrupt source line: length " + n);
            }
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            return SourceLine.wrap(source, partition, position, bytes);
        }

        @Override
        public TypeSerializerSnapshot<SourceLine> snapshotConfiguration() {
            return new SourceLineSnapshot();
        }
    }

    /** The snapshot of {@link SourceLineSerializer} (layout version 1). */
    public static final class SourceLineSnapshot extends SimpleTypeSerializerSnapshot<SourceLine> {
        public SourceLineSnapshot() {
            super(() -> SourceLineSerializer.INSTANCE);
        }
    }
}
