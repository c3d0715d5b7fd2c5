package io.eql4j.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results that turn "passes per second" into the rates the issue asks for: with
 * {@code Mode.Throughput}, JMH divides each counter by the iteration's time, so {@code ·events} reads events/s,
 * {@code ·bytes} bytes/s and {@code ·rules} rules/s, each with its own error bar.
 */
public final class Counters {

    private Counters() {}

    /** Events processed. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    /** Events and bytes of input processed. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class EventsAndBytes {
        public long events;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
            bytes = 0;
        }
    }

    /** Rules parsed or compiled. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rules {
        public long rules;

        @Setup(Level.Iteration)
        public void reset() {
            rules = 0;
        }
    }
}
