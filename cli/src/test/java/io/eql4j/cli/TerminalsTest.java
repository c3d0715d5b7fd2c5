package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalsTest {

    @Test
    void aDescriptorIsATerminalWhenItPointsAtATerminalDevice() {
        assertThat(Terminals.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(Terminals.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(Terminals.isTerminalDevice("/dev/console")).isTrue();
        assertThat(Terminals.isTerminalDevice("pipe:[123456]")).isFalse();
        assertThat(Terminals.isTerminalDevice("/tmp/matches.ndjson")).isFalse();
        assertThat(Terminals.isTerminalDevice("/dev/null")).isFalse();
        assertThat(Terminals.isTerminalDevice("socket:[1]")).isFalse();
    }

    @Test
    void progressFollowsStandardErrorOnly() {
        // the test JVM's standard error is a pipe or a file to surefire, never a terminal
        Boolean err = Terminals.isTerminal(2);
        if (err != null) {
            assertThat(err).isFalse();
            assertThat(Terminals.detect().stderr()).isFalse();
        }
    }
}
