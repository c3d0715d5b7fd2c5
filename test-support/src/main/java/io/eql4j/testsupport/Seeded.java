package io.eql4j.testsupport;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Property tests with seeded random generation, in plain JUnit: {@link #check} runs a property a number of times,
 * each time with a {@link Random} of its own seed, and when one run fails it says which seed and how to replay it.
 *
 * <p>The seeds of a test are {@code base}, {@code base + 1}, ..., where {@code base} is the system property
 * {@value #PROPERTY} when it is set, and otherwise new for every run (so that CI keeps exploring). Running again
 * with {@code -Deql4j.seed=S}, S the seed the failure printed, runs the failing case first.
 */
public final class Seeded {

    /** The system property that fixes the first seed. */
    public static final String PROPERTY = "eql4j.seed";

    private Seeded() {
    }

    /** The first seed: {@value #PROPERTY} when set, else a fresh one. */
    public static long baseSeed() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Long.parseLong(configured.trim());
        }
        return new Random().nextLong();
    }

    /**
     * Runs {@code property} {@code tries} times with seeded randoms; a failure is rethrown as an
     * {@link AssertionError} that names the property, the seed and the replay command, with the failure as cause.
     */
    public static void check(String property, int tries, Consumer<Random> body) {
        long base = baseSeed();
        for (int i = 0; i < tries; i++) {
            long seed = base + i;
            try {
                body.accept(new Random(seed));
            } catch (AssertionError | RuntimeException | StackOverflowError e) {
                throw new AssertionError(property + " failed on try " + (i + 1) + " of " + tries + " with seed "
                        + seed + "; replay with -D" + PROPERTY + "=" + seed + ": " + e.getMessage(), e);
            }
        }
    }

    /** One of the values, chosen by {@code random}. */
    @SafeVarargs
    public static <T> T oneOf(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A string of 0 to {@code maxUnits} units drawn from {@code units}. */
    public static String join(Random random, String[] units, int maxUnits) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(maxUnits + 1); n > 0; n--) {
            sb.append(units[random.nextInt(units.length)]);
        }
        return sb.toString();
    }

    private static final long[] LONG_EDGES = {0, 1, -1, 2, -2, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
        Long.MAX_VALUE - 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32, -(1L << 32)};

    /** Any long, an edge value (0, ±1, the extremes of long and int...) one time in four. */
    public static long anyLong(Random random) {
        return random.nextInt(4) == 0 ? LONG_EDGES[random.nextInt(LONG_EDGES.length)] : random.nextLong();
    }

    /** An int in {@code [min, max]}, both included. */
    public static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private static final char[] CHAR_EDGES = {'a', 'A', 'z', 'Z', '0', ' ', '.', '*', '?', '\\', '"', '\n', '\u00e9',
        '\u00c9', '\u212a', '\u0130', '\u0131', '\ud83d', '\ude00', '\uffff', '\u0000'};

    /**
     * A string of up to {@code maxLength} chars: mostly ASCII letters and the edge chars above (a surrogate half
     * alone, letters whose case folds oddly), sometimes any char at all.
     */
    public static String anyString(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(8);
            if (kind < 3) {
                sb.append((char) ('a' + random.nextInt(3)));
            } else if (kind < 6) {
                sb.append(CHAR_EDGES[random.nextInt(CHAR_EDGES.length)]);
            } else if (kind < 7 && i + 1 < length) {
                sb.appendCodePoint(0x1F600 + random.nextInt(16));
                i++;
            } else {
                sb.append((char) random.nextInt(Character.MAX_VALUE + 1));
            }
        }
        return sb.toString();
    }
}
