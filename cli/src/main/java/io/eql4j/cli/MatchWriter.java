package io.eql4j.cli;

import io.eql4j.runtime.Match;

/** Writes each match to standard output in one of {@code run}'s {@code --format}s. */
interface MatchWriter {

    void write(Match match);

    /** Writes what is still buffered. */
    void flush();
}
