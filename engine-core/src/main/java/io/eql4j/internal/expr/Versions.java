package io.eql4j.internal.expr;

/**
 * The order of Elasticsearch's {@code version} field type: semantic versioning (numeric parts compared as
 * numbers, any number of them; a pre-release sorts before its release; pre-release identifiers compare
 * numerically when both are numeric, else as strings, numeric before alphanumeric; build metadata ignored).
 * Strings that are not versions sort after every version, among themselves as strings.
 */
final class Versions {

    private Versions() {}

    static int compare(String a, String b) {
        String[] x = parse(a);
        String[] y = parse(b);
        if (x == null || y == null) {
            if (x != null) {
                return -1;
            }
            if (y != null) {
                return 1;
            }
            return Values.compareStrings(a, b);
        }
        int c = compareDotted(x[0], y[0], false);
        if (c != 0) {
            return c;
        }
        if (x[1] == null || y[1] == null) {
            return x[1] == null ? (y[1] == null ? 0 : 1) : -1;
        }
        return compareDotted(x[1], y[1], true);
    }

    /** {release, prerelease or null}, or null when {@code v} is not a version. */
    private static String[] parse(String v) {
        String s = v;
        int plus = s.indexOf('+');
        if (plus >= 0) {
            s = s.substring(0, plus);
        }
        int dash = s.indexOf('-');
        String release = dash < 0 ? s : s.substring(0, dash);
        String pre = dash < 0 ? null : s.substring(dash + 1);
        if (release.isEmpty()
                || !release.matches("\\d+(\\.\\d+)*")
                || (pre != null && !pre.matches("[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*"))) {
            return null;
        }
        return new String[] {release, pre};
    }

    private static int compareDotted(String a, String b, boolean prerelease) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].chars().allMatch(Character::isDigit);
            boolean yn = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (xn && yn) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else if (xn != yn) {
                c = xn ? -1 : 1;
            } else {
                c = Values.compareStrings(x[i], y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
