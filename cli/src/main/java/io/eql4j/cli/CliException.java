package io.eql4j.cli;

/**
 * A problem with what the user asked for (a missing file, an unreadable rule, a query that does not compile) that
 * ends the command with exit code {@link Main#USAGE}. Its message is shown after the command's name, without a
 * stack trace; details, such as positions in files, are printed before it is thrown.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
