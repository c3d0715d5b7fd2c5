package io.eql4j.internal.match;

/**
 * Literal IP address parsing with the grammar of Elasticsearch's {@code InetAddresses.forString} (a port of
 * Guava's), without any name lookup: dotted-quad IPv4 (no leading zeros, octets 0-255), IPv6 with one
 * optional {@code ::}, hextets of any number of hex digits up to {@code ffff}, an optional trailing
 * dotted-quad, and an optional {@code %scope} suffix that is ignored. Non-ASCII text is rejected.
 *
 * <p>Addresses are returned as 128 bits (two longs, high then low) in Lucene's {@code InetAddressPoint}
 * encoding: an IPv4 address {@code a.b.c.d} is {@code ::ffff:a.b.c.d}. Like {@code InetAddress.getByAddress},
 * an IPv6 text denoting an IPv4-mapped address ({@code ::ffff:a.b.c.d}) is an IPv4 address.
 */
final class IpAddresses {

    /** {@link #parse} result: not an IP literal. */
    static final int INVALID = 0;
    /** {@link #parse} result: IPv4, or IPv4-mapped IPv6. */
    static final int V4 = 4;
    /** {@link #parse} result: other IPv6. */
    static final int V6 = 6;

    static final long V4_MAPPED_HIGH = 0L;
    static final long V4_MAPPED_LOW_PREFIX = 0x0000_FFFF_0000_0000L;

    private IpAddresses() {}

    /**
     * Parses an IP literal.
     *
     * @param s   the text
     * @param out receives the address: {@code out[0]} high 64 bits, {@code out[1]} low 64 bits
     * @return {@link #V4}, {@link #V6} or {@link #INVALID}
     */
    static int parse(String s, long[] out) {
        int end = s.length();
        int percent = s.indexOf('%');
        if (percent >= 0) {
            if (percent == s.length() - 1) {
                return INVALID; // empty scope id
            }
            end = percent;
        }
        boolean hasDot = false;
        int lastColon = -1;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return INVALID;
            } else if (c == '.') {
                hasDot = true;
            } else if (c == ':') {
                if (hasDot) {
                    return INVALID; // colons must not follow dots
                }
                lastColon = i;
            }
        }
        if (lastColon < 0) {
            long v4 = hasDot ? parseV4(s, 0, end) : -1;
            if (v4 < 0) {
                return INVALID;
            }
            out[0] = V4_MAPPED_HIGH;
            out[1] = V4_MAPPED_LOW_PREFIX | v4;
            return V4;
        }
        long tail = -1;
        int v6End = end;
        if (hasDot) {
            tail = parseV4(s, lastColon + 1, end);
            if (tail < 0) {
                return INVALID;
            }
            v6End = lastColon + 1; // the dotted quad stands for the last two hextets
        }
        if (!parseV6(s, v6End, tail, out)) {
            return INVALID;
        }
        return out[0] == V4_MAPPED_HIGH && (out[1] >>> 32) == 0xFFFFL ? V4 : V6;
    }

    /** A dotted quad in {@code s[from, to)} as an unsigned 32-bit value, or -1. */
    static long parseV4(String s, int from, int to) {
        long value = 0;
        int octets = 0;
        int digits = 0;
        int current = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (octets == 3 || digits == 0) {
                    return -1;
                }
                value = value << 8 | current;
                octets++;
                current = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && current == 0) {
                    return -1; // leading zero
                }
                current = current * 10 + (c - '0');
                digits++;
                if (current > 255) {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        if (octets != 3 || digits == 0) {
            return -1;
        }
        return value << 8 | current;
    }

    /**
     * The hex part of an IPv6 literal in {@code s[0, end)}; when {@code tail >= 0} it ends with a colon and
     * the 32 bits of {@code tail} follow as two more hextets.
     */
    private static boolean parseV6(String s, int end, long tail, long[] out) {
        int[] hextets = new int[8];
        int count = 0;
        int compressedAt = -1;
        int hextetStart = 0;
        int current = 0;
        int len = tail >= 0 ? end + 1 : end; // a virtual last hextet stands in for the dotted quad
        if (len < 2 || s.charAt(0) == ':' && s.charAt(1) != ':') {
            return false;
        }
        if (tail < 0 && s.charAt(end - 1) == ':' && s.charAt(end - 2) != ':') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                if (hextetStart == i) {
                    if (compressedAt >= 0 && i != 1) {
                        return false; // a second "::"
                    }
                    compressedAt = count;
                } else {
                    if (count == 8) {
                        return false;
                    }
                    hextets[count++] = current;
                    current = 0;
                }
                hextetStart = i + 1;
            } else {
                int d = Character.digit(c, 16);
                if (d < 0) {
                    return false;
                }
                current = current * 16 + d;
                if (current > 0xFFFF) {
                    return false;
                }
            }
        }
        if (tail >= 0) {
            if (count > 6) {
                return false;
            }
            hextets[count++] = (int) (tail >>> 16);
            hextets[count++] = (int) (tail & 0xFFFF);
        } else if (hextetStart < end) {
            if (count == 8) {
                return false;
            }
            hextets[count++] = current;
        }
        if (compressedAt >= 0) {
            if (count == 8) {
                return false; // "::" must stand for at least one zero hextet
            }
            int shift = 8 - count;
            for (int k = count - 1; k >= compressedAt; k--) {
                hextets[k + shift] = hextets[k];
                hextets[k] = 0;
            }
        } else if (count != 8) {
            return false;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = hi << 16 | hextets[k];
            lo = lo << 16 | hextets[k + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }
}
