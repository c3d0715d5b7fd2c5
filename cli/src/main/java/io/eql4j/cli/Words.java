package io.eql4j.cli;

/** Counts in words, singular or plural as the number asks: {@code 1 rule}, {@code 2 rules}, {@code 0 matches}. */
final class Words {

    private Words() {}

    /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1. */
    static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** {@code n} and {@code singular} or {@code plural}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
