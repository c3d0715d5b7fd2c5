package io.eql4j.cli;

import java.util.regex.Pattern;

/** Words quoted for a POSIX shell, so that a command printed for a user runs as shown when pasted. */
final class Shell {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private Shell() {}

    /** {@code word} as is when the shell leaves it alone, else in single quotes. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
