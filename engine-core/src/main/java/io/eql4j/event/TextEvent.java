package io.eql4j.event;

import java.nio.charset.StandardCharsets;

/** An event read from JSON text, which is its {@link #source()}: decoded from the bytes on first demand. */
abstract class TextEvent implements Event {

    final byte[] raw;
    private String text;
    /** The NDJSON line it was read from, or 0 (set by {@link JsonEventReader#readLines}). */
    long line;

    TextEvent(byte[] raw) {
        this.raw = raw;
    }

    /** The event's JSON text. */
    @Override
    public final Object source() {
        if (text == null) {
            text = new String(raw, StandardCharsets.UTF_8);
        }
        return text;
    }

    @Override
    public final String toString() {
        return (String) source();
    }
}
