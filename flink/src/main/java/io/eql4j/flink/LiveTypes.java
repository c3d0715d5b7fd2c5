package io.eql4j.flink;

import io.eql4j.rules.RuleProblem;
import io.eql4j.runtime.ReloadReport;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Type information of the live rule-update types, none of them Kryo: {@link RuleUpdateReport} and the routed records
 * of a live job ({@link RuleEvent} with its revision) field by field; the rule packs themselves ({@link RulePackUpdate},
 * {@link LivePack}, {@link AppliedPack}), which travel rarely and hold rule texts, as Java serialisation.
 */
public final class LiveTypes {

    private LiveTypes() {}

    /** A live job's routed records: a {@link RuleEvent} and the revision of its rule's definition. */
    static final TypeInformation<RuleEvent> LIVE_RULE_EVENT =
            new FlinkTypes.RecordTypeInfo<>(RuleEvent.class, LiveRuleEventSerializer.INSTANCE, false);
    /** The type information of {@link RulePackUpdate}. */
    public static final TypeInformation<RulePackUpdate> UPDATE =
            new FlinkTypes.RecordTypeInfo<>(RulePackUpdate.class, UpdateSerializer.INSTANCE, false);
    /** The type information of {@link RuleUpdateReport}. */
    public static final TypeInformation<RuleUpdateReport> REPORT =
            new FlinkTypes.RecordTypeInfo<>(RuleUpdateReport.class, ReportSerializer.INSTANCE, false);

    static final TypeInformation<LivePack> PACK =
            new FlinkTypes.RecordTypeInfo<>(LivePack.class, PackSerializer.INSTANCE, false);
    static final TypeInformation<AppliedPack> APPLIED =
            new FlinkTypes.RecordTypeInfo<>(AppliedPack.class, AppliedSerializer.INSTANCE, false);

    /** Used through {@code @TypeInfo} on {@link RulePackUpdate}. */
    public static final class UpdateFactory extends TypeInfoFactory<RulePackUpdate> {
        @Override
        public TypeInformation<RulePackUpdate> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return UPDATE;
        }
    }

    /** Used through {@code @TypeInfo} on {@link RuleUpdateReport}. */
    public static final class ReportFactory extends TypeInfoFactory<RuleUpdateReport> {
        @Override
        public TypeInformation<RuleUpdateReport> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return REPORT;
        }
    }

    /** Writes a live job's {@link RuleEvent}: its revision, then the record as {@link FlinkTypes.RuleEventSerializer}. */
    public static final class LiveRuleEventSerializer extends FlinkTypes.ImmutableSerializer<RuleEvent> {
        private static final long serialVersionUID = 1L;
        static final LiveRuleEventSerializer INSTANCE = new LiveRuleEventSerializer();

        @Override
        public RuleEvent createInstance() {
            return null;
        }

        @Override
        public void serialize(RuleEvent record, DataOutputView out) throws IOException {
            out.writeLong(record.revision());
            FlinkTypes.RuleEventSerializer.INSTANCE.serialize(record, out);
        }

        @Override
        public RuleEvent deserialize(DataInputView in) throws IOException {
            long revision = in.readLong();
            return FlinkTypes.RuleEventSerializer.INSTANCE.deserialize(in).withRevision(revision);
        }

        @Override
        public TypeSerializerSnapshot<RuleEvent> snapshotConfiguration() {
            return new LiveRuleEventSnapshot();
        }
    }

    /** The snapshot of {@link LiveRuleEventSerializer} (layout version 1). */
    public static final class LiveRuleEventSnapshot extends SimpleTypeSerializerSnapshot<RuleEvent> {
        public LiveRuleEventSnapshot() {
            super(() -> LiveRuleEventSerializer.INSTANCE);
        }
    }

    /**
     * Writes {@link RuleUpdateReport}: version, generation, the outcomes (rule id and outcome), the errors (source,
     * line, column, message).
     */
    public static final class ReportSerializer extends FlinkTypes.ImmutableSerializer<RuleUpdateReport> {
        private static final long serialVersionUID = 1L;
        static final ReportSerializer INSTANCE = new ReportSerializer();

        @Override
        public RuleUpdateReport createInstance() {
            return null;
        }

        @Override
        public void serialize(RuleUpdateReport r, DataOutputView out) throws IOException {
            out.writeUTF(r.version());
            out.writeLong(r.generation());
            out.writeInt(r.changes().rules().size());
            for (ReloadReport.RuleOutcome o : r.changes().rules()) {
                out.writeUTF(o.ruleId());
                out.writeByte(o.outcome().ordinal());
            }
            out.writeInt(r.errors().size());
            for (RuleProblem p : r.errors()) {
                out.writeUTF(p.source());
                out.writeInt(p.line());
                out.writeInt(p.column());
                JoinKeyValues.writeString(p.message(), out);
            }
        }

        @Override
        public RuleUpdateReport deserialize(DataInputView in) throws IOException {
            String version = in.readUTF();
            long generation = in.readLong();
            int n = in.readInt();
            List<ReloadReport.RuleOutcome> rules = new ArrayList<>(Math.min(n, 4096));
            for (int i = 0; i < n; i++) {
                rules.add(new ReloadReport.RuleOutcome(in.readUTF(), ReloadReport.Outcome.values()[in.readByte()]));
            }
            int m = in.readInt();
            List<RuleProblem> errors = new ArrayList<>(Math.min(m, 4096));
            for (int i = 0; i < m; i++) {
                errors.add(new RuleProblem(in.readUTF(), in.readInt(), in.readInt(), JoinKeyValues.readString(in)));
            }
            return new RuleUpdateReport(version, generation, new ReloadReport(rules), errors);
        }

        @Override
        public TypeSerializerSnapshot<RuleUpdateReport> snapshotConfiguration() {
            return new ReportSnapshot();
        }
    }

    /** The snapshot of {@link ReportSerializer} (layout version 1). */
    public static final class ReportSnapshot extends SimpleTypeSerializerSnapshot<RuleUpdateReport> {
        public ReportSnapshot() {
            super(() -> ReportSerializer.INSTANCE);
        }
    }

    /** Writes an immutable serialisable value as Java serialisation (length, bytes). */
    abstract static class JavaSerialized<T extends Serializable> extends FlinkTypes.ImmutableSerializer<T> {
        private static final long serialVersionUID = 1L;

        private final Class<T> type;

        JavaSerialized(Class<T> type) {
            this.type = type;
        }

        @Override
        public T createInstance() {
            return null;
        }

        @Override
        public void serialize(T value, DataOutputView out) throws IOException {
            byte[] bytes = InstantiationUtil.serializeObject(value);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public T deserialize(DataInputView in) throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                return type.cast(
                        InstantiationUtil.deserializeObject(bytes, loader != null ? loader : type.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IOException("cannot read a " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@link RulePackUpdate} as Java serialisation. */
    public static final class UpdateSerializer extends JavaSerialized<RulePackUpdate> {
        private static final long serialVersionUID = 1L;
        static final UpdateSerializer INSTANCE = new UpdateSerializer();

        UpdateSerializer() {
            super(RulePackUpdate.class);
        }

        @Override
        public TypeSerializerSnapshot<RulePackUpdate> snapshotConfiguration() {
            return new UpdateSnapshot();
        }
    }

    /** The snapshot of {@link UpdateSerializer}. */
    public static final class UpdateSnapshot extends SimpleTypeSerializerSnapshot<RulePackUpdate> {
        public UpdateSnapshot() {
            super(() -> UpdateSerializer.INSTANCE);
        }
    }

    /** {@link LivePack} as Java serialisation. */
    public static final class PackSerializer extends JavaSerialized<LivePack> {
        private static final long serialVersionUID = 1L;
        static final PackSerializer INSTANCE = new PackSerializer();

        PackSerializer() {
            super(LivePack.class);
        }

        @Override
        public TypeSerializerSnapshot<LivePack> snapshotConfiguration() {
            return new PackSnapshot();
        }
    }

    /** The snapshot of {@link PackSerializer}. */
    public static final class PackSnapshot extends SimpleTypeSerializerSnapshot<LivePack> {
        public PackSnapshot() {
            super(() -> PackSerializer.INSTANCE);
        }
    }

    /** {@link AppliedPack} as Java serialisation. */
    public static final class AppliedSerializer extends JavaSerialized<AppliedPack> {
        private static final long serialVersionUID = 1L;
        static final AppliedSerializer INSTANCE = new AppliedSerializer();

        AppliedSerializer() {
            super(AppliedPack.class);
        }

        @Override
        public TypeSerializerSnapshot<AppliedPack> snapshotConfiguration() {
            return new AppliedSnapshot();
        }
    }

    /** The snapshot of {@link AppliedSerializer}. */
    public static final class AppliedSnapshot extends SimpleTypeSerializerSnapshot<AppliedPack> {
        public AppliedSnapshot() {
            super(() -> AppliedSerializer.INSTANCE);
        }
    }
}
