package io.eql4j.cli;

import io.eql4j.event.Event;
import io.eql4j.event.FieldPath;

/**
 * An event read from one input line: it answers field lookups from the parsed JSON, and keeps the line's text
 * (written back as it was, not re-serialized) and its number (for reports).
 */
final class InputEvent implements Event {

    private final Event parsed;
    private final String text;
    private final long line;

    InputEvent(Event parsed, String text, long line) {
        this.parsed = parsed;
        this.text = text;
        this.line = line;
    }

    @Override
    public Object field(FieldPath path) {
        return parsed.field(path);
    }

    /** The line's text, without its line terminator. */
    @Override
    public Object source() {
        return text;
    }

    /** The line's text, without its line terminator. */
    String text() {
        return text;
    }

    /** The 1-based line number in the input. */
    long line() {
        return line;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + text;
    }
}
