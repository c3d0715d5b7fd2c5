package io.eql4j.internal.mapping;

import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.SlotReader;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.time.DateFormats;
import io.eql4j.internal.time.Timestamps;
import io.eql4j.mapping.FieldType;
import io.eql4j.mapping.MappedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads one field as one index mapping makes Elasticsearch index it (see {@code docs/mappings.md}): each value
 * converted to the mapped type (a value the type cannot hold is no value), explicit nulls read as the {@code
 * null_value}, dates in the mapping's formats turned into ISO-8601, and a {@code constant_keyword}'s value for
 * events without one. Immutable; shared by every engine running the plan.
 */
final class ValueReader implements SlotReader {

    private final FieldType type;
    private final Object nullValue;
    private final List<String> formats;
    private final int ignoreAbove;
    private final String constant;

    private ValueReader(FieldType type, Object nullValue, List<String> formats, int ignoreAbove, String constant) {
        this.type = type;
        this.formats = List.copyOf(formats);
        this.ignoreAbove = ignoreAbove;
        this.constant = constant;
        this.nullValue = nullValue == null ? null : convert(nullValue);
    }

    /** The reader for a field mapped as {@code field}, or null when the mapping changes nothing it reads. */
    static ValueReader of(MappedField field) {
        FieldType type = field.fieldType().orElse(null);
        if (type == null) {
            return null;
        }
        return new ValueReader(
                type,
                field.nullValue().orElse(null),
                field.formats(),
                field.ignoreAbove().orElse(-1),
                field.constantValue().orElse(null));
    }

    /** The reader for one field mapped differently by several indices: their formats in turn, a shared null_value. */
    static ValueReader merged(List<ValueReader> readers) {
        ValueReader first = readers.get(0);
        List<String> formats = new ArrayList<>();
        Object nullValue = first.nullValue;
        String constant = first.constant;
        int ignoreAbove = first.ignoreAbove;
        for (ValueReader r : readers) {
            if (r.formats.isEmpty()) {
                formats.addAll(List.of("strict_date_optional_time", "epoch_millis"));
            }
            for (String f : r.formats) {
                if (!formats.contains(f)) {
                    formats.add(f);
                }
            }
            nullValue = Objects.equals(nullValue, r.nullValue) ? nullValue : null;
            constant = Objects.equals(constant, r.constant) ? constant : null;
            ignoreAbove = r.ignoreAbove < 0 || ignoreAbove < 0 ? -1 : Math.max(ignoreAbove, r.ignoreAbove);
        }
        if (DateFormats.isDefault(formats)) {
            formats = List.of();
        }
        return new ValueReader(first.type, nullValue, formats, ignoreAbove, constant);
    }

    FieldType type() {
        return type;
    }

    List<String> formats() {
        return formats;
    }

    /** A description that is equal for readers that read alike. */
    String identity() {
        return type + "|" + nullValue + "|" + formats + "|" + ignoreAbove + "|" + constant;
    }

    /** Whether reading changes nothing: a type whose values are taken as they come, with no parameters. */
    boolean isIdentity() {
        return nullValue == null
                && constant == null
                && ignoreAbove < 0
                && formats.isEmpty()
                && (type == FieldType.IP || type == FieldType.DATE || type == FieldType.DATE_NANOS);
    }

    @Override
    public Object read(EvalContext ctx, int slot, Object value) {
        Object v = value;
        if (nullValue != null && ctx.event().hasNull(ctx.path(slot))) {
            v = with(v, nullValue);
        }
        if (v == null) {
            return constant;
        }
        if (v instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0, n = list.size(); i < n; i++) {
                Object e = list.get(i);
                Object c = convert(e);
                if (out == null && c != e) {
                    out = new ArrayList<>(n);
                    for (int j = 0; j < i; j++) {
                        out.add(list.get(j));
                    }
                }
                if (out != null && c != null) {
                    out.add(c);
                }
            }
            return out == null ? list : Values.normalize(out);
        }
        return convert(v);
    }

    private static Object with(Object value, Object extra) {
        if (value == null) {
            return extra;
        }
        List<Object> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            out.addAll(list);
        } else {
            out.add(value);
        }
        out.add(extra);
        return out;
    }

    /** One value as the type indexes it, or null when the type cannot hold it. */
    private Object convert(Object value) {
        switch (type) {
            case KEYWORD:
                String s = value instanceof String str ? str : Values.asString(value);
                if (constant != null) {
                    return constant;
                }
                return ignoreAbove >= 0 && s.length() > ignoreAbove ? null : s;
            case IP:
            case VERSION:
                return value instanceof String ? value : Values.asString(value);
            case LONG:
                return toLong(value);
            case DOUBLE:
                return toDouble(value);
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                if (value instanceof String str) {
                    return str.equals("true")
                            ? Boolean.TRUE
                            : str.equals("false") || str.isEmpty() ? Boolean.FALSE : null;
                }
                return null;
            default: // DATE, DATE_NANOS
                if (formats.isEmpty()) {
                    return value;
                }
                try {
                    return Timestamps.formatNanos(DateFormats.parse(Values.asString(value), formats));
                } catch (IllegalArgumentException notADate) {
                    return null;
                }
        }
    }

    private static Object toLong(Object value) {
        Number n = value instanceof Number num
                ? Values.canonicalNumber(num)
                : value instanceof String s ? Values.parseNumber(s) : null;
        if (n == null || n instanceof Long) {
            return n;
        }
        double d = n.doubleValue();
        // a fraction is cut off, as Elasticsearch coerces 99.7 into a long field
        return Double.isFinite(d) && Math.abs(d) < 0x1p63 ? (Object) (long) d : null;
    }

    private static Object toDouble(Object value) {
        if (value instanceof Double) {
            return value;
        }
        Number n = value instanceof Number num ? num : value instanceof String s ? Values.parseNumber(s) : null;
        return n == null ? null : n.doubleValue();
    }
}
