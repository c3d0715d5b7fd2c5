package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The record types have their own Flink serializers: exact round trips, and no Kryo anywhere. */
class FlinkTypesTest {

    private static final JoinKeyValues KEY = JoinKeyValues.of("pod-1", 42L, null, 2.5, true, false, "");

    @Test
    void flinkFindsOurTypeInformationForEachRecordType() {
        assertThat(TypeInformation.of(MatchRecord.class)).isSameAs(FlinkTypes.MATCH);
        assertThat(TypeInformation.of(ProblemRecord.class)).isSameAs(FlinkTypes.PROBLEM);
        assertThat(TypeInformation.of(RuleEvent.class)).isSameAs(FlinkTypes.RULE_EVENT);
        assertThat(TypeInformation.of(SourceLine.class)).isSameAs(FlinkTypes.SOURCE_LINE);
        assertThat(TypeInformation.of(JoinKeyValues.class)).isSameAs(FlinkTypes.JOIN_KEY);
        assertThat(TypeInformation.of(RuleKey.class)).isSameAs(FlinkTypes.RULE_KEY);
    }

    /** With generic types (Kryo) disabled, Flink refuses a generic type but serialises ours. */
    @Test
    void serializersNeedNoKryo() {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        for (TypeInformation<?> t : List.of(
                FlinkTypes.MATCH,
                FlinkTypes.PROBLEM,
                FlinkTypes.RULE_EVENT,
                FlinkTypes.SOURCE_LINE,
                FlinkTypes.JOIN_KEY,
                FlinkTypes.RULE_KEY)) {
            TypeSerializer<?> s = t.createSerializer(noKryo);
            assertThat(s.getClass().getName()).as("%s", t).startsWith(FlinkTypes.class.getName());
        }
        TypeInformation<?> generic = TypeInformation.of(Map.class);
        assertThatThrownBy(() -> generic.createSerializer(noKryo)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void matchRecordsRoundTrip() throws IOException {
        MatchRecord full = new MatchRecord(
                "r1",
                "Rule one",
                "high",
                73,
                MatchRecord.Kind.SEQUENCE,
                KEY,
                Arrays.asList("{\"a\":1}", null, "{\"b\":\"ü\\n\"}"));
        MatchRecord bare = new MatchRecord(
                "r2", "Rule two", null, null, MatchRecord.Kind.EVENT, JoinKeyValues.NONE, List.of("{}"));
        assertThat(roundTrip(FlinkTypes.MATCH, full)).isEqualTo(full);
        assertThat(roundTrip(FlinkTypes.MATCH, bare)).isEqualTo(bare);
        assertThat(roundTrip(FlinkTypes.MATCH, bare).severity()).isEmpty();
        assertThat(roundTrip(FlinkTypes.MATCH, bare).riskScore()).isEmpty();
    }

    @Test
    void otherRecordsRoundTrip() throws IOException {
        ProblemRecord problem = new ProblemRecord(ProblemRecord.Kind.LATE, "events.ndjson:12", "r1", "late", "{}");
        ProblemRecord general = new ProblemRecord(ProblemRecord.Kind.MALFORMED, "t/0@5", null, "bad", null);
        assertThat(roundTrip(FlinkTypes.PROBLEM, problem)).isEqualTo(problem);
        assertThat(roundTrip(FlinkTypes.PROBLEM, general)).isEqualTo(general);

        RuleEvent event =
                new RuleEvent("r1", KEY, new int[] {0, 2}, true, 1_700_000_000_123L, 7L, "topic", 3, 99L, "{\"x\":1}");
        RuleEvent noTime = new RuleEvent(
                "r2", JoinKeyValues.NONE, new int[0], false, RuleEvent.NO_TIME, null, "f.ndjson", -1, 1L, "{}");
        assertThat(roundTrip(FlinkTypes.RULE_EVENT, event)).isEqualTo(event);
        assertThat(roundTrip(FlinkTypes.RULE_EVENT, noTime)).isEqualTo(noTime);

        SourceLine line = SourceLine.ofKafka("topic", 1, 5, new byte[] {'{', '}', (byte) 0xFF});
        assertThat(roundTrip(FlinkTypes.SOURCE_LINE, line)).isEqualTo(line);
        assertThat(roundTrip(FlinkTypes.JOIN_KEY, KEY)).isEqualTo(KEY);
        assertThat(roundTrip(FlinkTypes.RULE_KEY, event.ruleKey())).isEqualTo(new RuleKey("r1", KEY));
    }

    /** Keys are equal by type and value, and hash the same in every JVM (no identity hashes). */
    @Test
    void joinKeysAreValues() throws IOException {
        assertThat(JoinKeyValues.of("a", 1L)).isEqualTo(JoinKeyValues.of("a", 1L));
        assertThat(JoinKeyValues.of("a", 1L)).isNotEqualTo(JoinKeyValues.of("a", 1.0));
        assertThat(JoinKeyValues.of("a|b")).isNotEqualTo(JoinKeyValues.of("a", "b"));
        assertThat(JoinKeyValues.of((Object) null)).isNotEqualTo(JoinKeyValues.NONE);
        int expected = 31 * (31 * (31 + "a".hashCode()) + Long.hashCode(1L)) + 0;
        assertThat(JoinKeyValues.of("a", 1L, null).hashCode()).isEqualTo(expected);
        assertThat(roundTrip(FlinkTypes.JOIN_KEY, JoinKeyValues.of("a", 1L, null))
                        .hashCode())
                .isEqualTo(expected);
        assertThatThrownBy(() -> JoinKeyValues.of(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("join key value");
    }

    /** A serializer's snapshot restores a serializer that reads what the first wrote. */
    @Test
    void snapshotsRestoreCompatibleSerializers() throws IOException {
        for (TypeInformation<?> t : List.of(
                FlinkTypes.MATCH,
                FlinkTypes.PROBLEM,
                FlinkTypes.RULE_EVENT,
                FlinkTypes.SOURCE_LINE,
                FlinkTypes.JOIN_KEY,
                FlinkTypes.RULE_KEY)) {
            TypeSerializer<?> s = t.createSerializer(new SerializerConfigImpl());
            TypeSerializerSnapshot<?> snapshot = s.snapshotConfiguration();
            DataOutputSerializer out = new DataOutputSerializer(64);
            TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
            TypeSerializerSnapshot<?> read = TypeSerializerSnapshot.readVersionedSnapshot(
                    new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
            assertThat(read.restoreSerializer()).isEqualTo(s);
            assertThat(compatible(read, s)).as("%s", t).isTrue();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean compatible(TypeSerializerSnapshot read, TypeSerializer s) {
        return s.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs();
    }

    /** Corrupt bytes give an IOException, not a record. */
    @Test
    void corruptInputIsRefused() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {0, 0, 0, 1, 9});
        assertThatThrownBy(() -> FlinkTypes.JOIN_KEY
                        .createSerializer(new SerializerConfigImpl())
                        .deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("type tag 9");
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> s = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        T read = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        // copying through the serializer gives the same bytes again
        DataOutputSerializer copied = new DataOutputSerializer(64);
        s.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        return read;
    }
}
