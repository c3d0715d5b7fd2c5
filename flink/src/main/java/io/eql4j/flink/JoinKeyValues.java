package io.eql4j.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The join-key values of one (rule, join key): the values the events of a sequence or sample share, in key order,
 * as typed values (never one concatenated string). Each value is {@code null} (an optional key without a value), a
 * {@link String}, a {@link Long}, a {@link Double} or a {@link Boolean}: the forms the engine gives keys. Empty for
 * event queries and queries without {@code by}.
 *
 * <p>Immutable. Equality, and so Flink's key groups, is by value and type: {@code 1L} and {@code 1.0} are different
 * keys here, as the engine's canonical numbers never give both for one value. The hash code depends only on the
 * values, so it is the same in every JVM (Flink partitions by it). Flink serialises it with its own
 * {@link org.apache.flink.api.common.typeutils.TypeSerializer} (see {@link FlinkTypes}), not Kryo.
 */
@TypeInfo(FlinkTypes.JoinKeyValuesFactory.class)
public final class JoinKeyValues {

    /** No key: event queries, and sequences and samples without {@code by}. */
    public static final JoinKeyValues NONE = new JoinKeyValues(new Object[0]);

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;

    private final Object[] values;
    private final int hash;

    private JoinKeyValues(Object[] values) {
        this.values = values;
        int h = 1;
        for (Object v : values) {
            h = 31 * h + (v == null ? 0 : v.hashCode()); // String, Long, Double, Boolean: value-based hashes
        }
        this.hash = h;
    }

    /**
     * The key of these values.
     *
     * @throws IllegalArgumentException for a value that is not null, a string, a long, a double or a boolean
     */
    public static JoinKeyValues of(List<?> values) {
        if (values.isEmpty()) {
            return NONE;
        }
        Object[] copy = values.toArray();
        for (Object v : copy) {
            if (v != null
                    && !(v instanceof String)
                    && !(v instanceof Long)
                    && !(v instanceof Double)
                    && !(v instanceof Boolean)) {
                throw new IllegalArgumentException("a join key value must be a string, a long, a double, a boolean "
                        + "or null; got a " + v.getClass().getSimpleName());
            }
        }
        return new JoinKeyValues(copy);
    }

    /** As {@link #of(List)}. */
    public static JoinKeyValues of(Object... values) {
        return of(Arrays.asList(values));
    }

    /** The values in key order, {@code null} for an optional key without value. Unmodifiable. */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The number of keys. */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinKeyValues k && hash == k.hash && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }

    /** Writes the values: a count, then per value a type tag and the value. */
    void write(DataOutputView out) throws IOException {
        out.writeInt(values.length);
        for (Object v : values) {
            writeValue(v, out);
        }
    }

    /** Reads what {@link #write} wrote. */
    static JoinKeyValues read(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return NONE;
        }
        if (n < 0) {
            throw new IOException("corrupt join key: " + n + " values");
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = readValue(in);
        }
        return new JoinKeyValues(values);
    }

    /** Writes one scalar (null, string, long, double or boolean) with its type tag. */
    static void writeValue(Object v, DataOutputView out) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(s, out);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else {
            throw new IOException("cannot write a " + v.getClass().getSimpleName() + " as a key value");
        }
    }

    /** Reads what {@link #writeValue} wrote. */
    static Object readValue(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return readString(in);
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                throw new IOException("corrupt key value: unknown type tag " + tag);
        }
    }

    /** A string of any length, as its UTF-8 bytes ({@code writeUTF} stops at 64 KB). */
    static void writeString(String s, DataOutputView out) throws IOException {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt string: length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A string or null: a presence flag, then the string. */
    static void writeNullableString(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(s, out);
        }
    }

    static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    /** The values as a list with nulls (for JSON output). */
    List<Object> asList() {
        return new ArrayList<>(Arrays.asList(values));
    }
}
