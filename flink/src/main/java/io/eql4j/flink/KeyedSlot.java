package io.eql4j.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What {@link KeyedDetection} keeps per (rule, join key) in Flink keyed state: the key's records that wait for the
 * watermark (a sequence runs its key's events in event-time order), and the engine's state of that key (partial
 * sequences, missing-event trackers, completed sequences waiting for a verdict; or a sample key's candidates), as the
 * engine keeps it, or null before the key's first event ran.
 *
 * <p>It names the fingerprint of the rule's compiled machine, so that a restore under a changed rule pack keeps the
 * state of unchanged rules and starts changed ones empty.
 *
 * <p>Mutable; Flink copies it (when a checkpoint runs while it changes) and writes it with {@link Serializer}: the
 * buffered records with {@link FlinkTypes.RuleEventSerializer}, the engine state in the engine's own state encoding
 * (docs/state-format.md), events as their JSON text. No Kryo.
 */
final class KeyedSlot {

    /**
     * The fingerprint of the rule's compiled machine that this state belongs to: after a restore under a changed
     * rule pack, a rule whose machine changed finds a state of another fingerprint and starts empty.
     */
    String fingerprint;
    /** Records waiting for the watermark, in arrival order (sorted when they run). */
    final List<RuleEvent> buffer;
    /** The engine's state of the key, or null. */
    Object state;

    KeyedSlot(String fingerprint, List<RuleEvent> buffer, Object state) {
        this.fingerprint = fingerprint;
        this.buffer = buffer;
        this.state = state;
    }

    KeyedSlot(String fingerprint) {
        this(fingerprint, new ArrayList<>(2), null);
    }

    /** The serializer of {@link KeyedSlot}: layout version 1. */
    static final class Serializer extends TypeSerializerSingleton<KeyedSlot> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public KeyedSlot createInstance() {
            return new KeyedSlot("");
        }

        @Override
        public KeyedSlot copy(KeyedSlot from) {
            // a deep copy through the bytes: a checkpoint may be writing the original while the key changes
            try {
                DataOutputSerializer out = new DataOutputSerializer(256);
                serialize(from, out);
                return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
            } catch (IOException e) {
                throw new IllegalStateException("copying a key's state failed: " + e.getMessage(), e);
            }
        }

        @Override
        public KeyedSlot copy(KeyedSlot from, KeyedSlot reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(KeyedSlot slot, DataOutputView out) throws IOException {
            out.writeUTF(slot.fingerprint);
            out.writeInt(slot.buffer.size());
            for (RuleEvent e : slot.buffer) {
                FlinkTypes.RuleEventSerializer.INSTANCE.serialize(e, out);
            }
            if (slot.state == null) {
                out.writeInt(-1);
            } else {
                byte[] bytes = EngineSeam.writeKeyState(slot.state);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }

        @Override
        public KeyedSlot deserialize(DataInputView in) throws IOException {
            String fingerprint = in.readUTF();
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("a key's state is corrupt: " + n + " buffered records");
            }
            List<RuleEvent> buffer = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                buffer.add(FlinkTypes.RuleEventSerializer.INSTANCE.deserialize(in));
            }
            int len = in.readInt();
            Object state = null;
            if (len >= 0) {
                byte[] bytes = new byte[len];
                in.readFully(bytes);
                try {
                    state = EngineSeam.readKeyState(bytes);
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            return new KeyedSlot(fingerprint, buffer, state);
        }

        @Override
        public KeyedSlot deserialize(KeyedSlot reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            serialize(deserialize(source), target);
        }

        @Override
        public TypeSerializerSnapshot<KeyedSlot> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The snapshot of {@link Serializer} (layout version 1). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<KeyedSlot> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
