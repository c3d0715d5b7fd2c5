package io.eql4j.bench.stream;

import io.eql4j.ast.Expression;
import io.eql4j.ast.FunctionCall;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Produces field values from what a query compares the field with. */
interface ValueGen {

    /** A value; may differ from call to call (wildcards, prefixes). */
    Object sample(SplittableRandom rnd);

    /** A literal value. */
    record Fixed(Object value) implements ValueGen {
        @Override
        public Object sample(SplittableRandom rnd) {
            return value;
        }
    }

    /** A {@code :}/{@code like} pattern or {@code wildcard()} argument: {@code *} and {@code ?} become plausible text. */
    record Wildcard(String pattern) implements ValueGen {
        @Override
        public Object sample(SplittableRandom rnd) {
            StringBuilder sb = new StringBuilder(pattern.length() + 8);
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '*') {
                    sb.append(word(rnd, rnd.nextInt(0, 9)));
                } else if (c == '?') {
                    sb.append((char) ('a' + rnd.nextInt(26)));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
    }

    /** {@code startsWith}, {@code endsWith}, {@code stringContains}: the literal with text before and/or after it. */
    record Affix(String literal, boolean before, boolean after) implements ValueGen {
        @Override
        public Object sample(SplittableRandom rnd) {
            return (before ? word(rnd, rnd.nextInt(1, 9)) : "") + literal + (after ? word(rnd, rnd.nextInt(1, 9)) : "");
        }
    }

    /** {@code cidrMatch}: an IPv4 address inside the block (IPv6 blocks give their network address). */
    record Cidr(String block) implements ValueGen {
        @Override
        public Object sample(SplittableRandom rnd) {
            int slash = block.indexOf('/');
            String address = slash < 0 ? block : block.substring(0, slash);
            String[] parts = address.split("\\.");
            if (parts.length != 4 || slash < 0) {
                return address;
            }
            int prefix = Integer.parseInt(block.substring(slash + 1));
            long ip = 0;
            for (String p : parts) {
                ip = ip << 8 | Integer.parseInt(p);
            }
            long hostBits = prefix >= 32 ? 0 : (1L << (32 - prefix)) - 1;
            ip = (ip & ~hostBits & 0xffffffffL) | (rnd.nextLong() & hostBits);
            return (ip >>> 24 & 255) + "." + (ip >>> 16 & 255) + "." + (ip >>> 8 & 255) + "." + (ip & 255);
        }
    }

    /** A pattern literal: a wildcard when it has {@code *} or {@code ?}, else itself. */
    static ValueGen pattern(String literal) {
        return literal.indexOf('*') >= 0 || literal.indexOf('?') >= 0 ? new Wildcard(literal) : new Fixed(literal);
    }

    /**
     * The values that make a string function of a field true, as (field, generator) pairs; empty for functions that
     * are not of that kind.
     */
    static List<Map.Entry<String, ValueGen>> ofFunction(FunctionCall f) {
        List<Map.Entry<String, ValueGen>> out = new ArrayList<>();
        if (f.arguments().isEmpty()) {
            return out;
        }
        String field = Harvest.fieldName(f.arguments().get(0));
        if (field == null) {
            return out;
        }
        String name = f.name().toLowerCase(Locale.ROOT);
        for (Expression arg : f.arguments().subList(1, f.arguments().size())) {
            if (!(Harvest.literal(arg) instanceof String s)) {
                continue;
            }
            ValueGen gen;
            switch (name) {
                case "startswith":
                    gen = new Affix(s, false, true);
                    break;
                case "endswith":
                    gen = new Affix(s, true, false);
                    break;
                case "stringcontains":
                    gen = new Affix(s, true, true);
                    break;
                case "wildcard":
                    gen = pattern(s);
                    break;
                case "cidrmatch":
                    gen = new Cidr(s);
                    break;
                default:
                    return out;
            }
            out.add(new SimpleImmutableEntry<>(field, gen));
        }
        return out;
    }

    /** Lower-case letters and digits. */
    static String word(SplittableRandom rnd, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            int x = rnd.nextInt(36);
            c[i] = (char) (x < 26 ? 'a' + x : '0' + x - 26);
        }
        return new String(c);
    }
}
