package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The CIDR blocks of one {@code cidrMatch(ip, "block", ...)} call, parsed once into sorted, merged 128-bit
 * ranges (Lucene's IPv6 encoding, IPv4 as {@code ::ffff:a.b.c.d}), so IPv4 and IPv6 values and blocks mix as
 * in Elasticsearch's {@code CIDRUtils.isInRange} and {@code ip} field term queries: {@code 10.0.0.0/8}
 * contains {@code ::ffff:10.1.2.3}, {@code ::/0} contains every IPv4 address.
 *
 * <p>Immutable and thread-safe. An IPv4 value is parsed without allocation.
 */
public final class CidrMatcher {

    private final long[] lowerHigh;
    private final long[] lowerLow;
    private final long[] upperHigh;
    private final long[] upperLow;

    private final List<String> blocks;

    private CidrMatcher(List<long[]> ranges, List<String> blocks) {
        this.blocks = blocks;
        int n = ranges.size();
        lowerHigh = new long[n];
        lowerLow = new long[n];
        upperHigh = new long[n];
        upperLow = new long[n];
        for (int i = 0; i < n; i++) {
            long[] r = ranges.get(i);
            lowerHigh[i] = r[0];
            lowerLow[i] = r[1];
            upperHigh[i] = r[2];
            upperLow[i] = r[3];
        }
    }

    /**
     * Parses CIDR blocks ({@code "10.0.0.0/8"}, {@code "fe80::/10"}) and single addresses ({@code "::1"},
     * which are {@code /32} or {@code /128}) with Elasticsearch's rules ({@code InetAddresses.parseCidr}).
     *
     * @param blocks the blocks, at least one
     * @return the matcher
     * @throws IllegalArgumentException for a block that is not an IP literal, has a malformed or out-of-range
     *                                  prefix length, or is an IPv4-mapped IPv6 address with a prefix length
     */
    public static CidrMatcher of(Collection<String> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("cidrMatch needs at least one CIDR block");
        }
        List<long[]> ranges = new ArrayList<>(blocks.size());
        for (String block : blocks) {
            ranges.add(range(Objects.requireNonNull(block, "CIDR block")));
        }
        ranges.sort((a, b) -> compare(a[0], a[1], b[0], b[1]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && compare(r[0], r[1], last[2], last[3]) <= 0) {
                if (compare(r[2], r[3], last[2], last[3]) > 0) {
                    last[2] = r[2];
                    last[3] = r[3];
                }
            } else {
                merged.add(r.clone());
            }
        }
        return new CidrMatcher(merged, List.copyOf(blocks));
    }

    /**
     * Whether the value is an IP address inside one of the blocks.
     *
     * @param ip an IP literal (IPv4, IPv6, IPv4-mapped IPv6, optionally with a {@code %scope})
     * @return true when inside; false when outside, null, or not an IP literal
     */
    public boolean contains(String ip) {
        return Boolean.TRUE.equals(test(ip));
    }

    /**
     * {@link #contains} with three-valued logic: null when the value is null or not an IP literal, as a
     * malformed value of an Elasticsearch {@code ip} field is absent from the index.
     *
     * @param ip the value
     * @return true, false, or null
     */
    public Boolean test(String ip) {
        if (ip == null) {
            return null;
        }
        long high;
        long low;
        long v4 = ip.indexOf(':') < 0 ? IpAddresses.parseV4(ip, 0, ip.length()) : -1;
        if (v4 >= 0) {
            high = IpAddresses.V4_MAPPED_HIGH;
            low = IpAddresses.V4_MAPPED_LOW_PREFIX | v4;
        } else {
            long[] address = new long[2];
            if (IpAddresses.parse(ip, address) == IpAddresses.INVALID) {
                return null;
            }
            high = address[0];
            low = address[1];
        }
        // the last range starting at or below the address is the only candidate (ranges are disjoint)
        int lo = 0;
        int hi = lowerHigh.length - 1;
        int candidate = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(lowerHigh[mid], lowerLow[mid], high, low) <= 0) {
                candidate = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return candidate >= 0 && compare(high, low, upperHigh[candidate], upperLow[candidate]) <= 0;
    }

    /**
     * Whether the text is an IP literal for Elasticsearch's {@code ip} type.
     *
     * @param text any string
     * @return true for a valid IPv4 or IPv6 literal
     */
    public static boolean isIpAddress(String text) {
        return IpAddresses.parse(text, new long[2]) != IpAddresses.INVALID;
    }

    /** {lowerHigh, lowerLow, upperHigh, upperLow} of a block. */
    private static long[] range(String block) {
        long[] address = new long[2];
        if (!block.contains("/")) {
            if (IpAddresses.parse(block, address) == IpAddresses.INVALID) {
                throw notAnIp(block);
            }
            return new long[] {address[0], address[1], address[0], address[1]};
        }
        String[] fields = block.split("/"); // String.split semantics, as ES: trailing empty fields vanish
        if (fields.length != 2) {
            throw new IllegalArgumentException("Expected [ip/prefix] but was [" + block + "]");
        }
        int family = IpAddresses.parse(fields[0], address);
        if (family == IpAddresses.INVALID) {
            throw notAnIp(fields[0]);
        }
        if (family == IpAddresses.V4 && fields[0].contains(":")) {
            throw new IllegalArgumentException("CIDR notation is not allowed with IPv6-mapped IPv4 address ["
                    + fields[0] + "] as it introduces ambiguity as to whether the prefix length should be"
                    + " interpreted as a v4 prefix length or a v6 prefix length");
        }
        int prefixLength;
        try {
            prefixLength = Integer.parseInt(fields[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid prefix length [" + fields[1] + "] in [" + block + "]", e);
        }
        int bits = family == IpAddresses.V4 ? 32 : 128;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("Illegal prefix length [" + prefixLength + "] in [" + block
                    + "]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges");
        }
        int prefix128 = prefixLength + (128 - bits);
        long maskHigh = prefix128 >= 64 ? -1L : prefix128 == 0 ? 0L : -1L << (64 - prefix128);
        long maskLow = prefix128 <= 64 ? 0L : prefix128 == 128 ? -1L : -1L << (128 - prefix128);
        return new long[] {address[0] & maskHigh, address[1] & maskLow, address[0] | ~maskHigh, address[1] | ~maskLow};
    }

    private static IllegalArgumentException notAnIp(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IP string literal.");
    }

    /** Unsigned comparison of two 128-bit values. */
    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int c = Long.compareUnsigned(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }

    @Override
    public String toString() {
        return "cidrMatch" + blocks;
    }
}
