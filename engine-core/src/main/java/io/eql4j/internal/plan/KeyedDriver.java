package io.eql4j.internal.plan;

import io.eql4j.event.Event;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs a plan's sequences and samples one (rule, join key) at a time, over that key's state as a value the caller
 * keeps (a partitioned runtime such as eql4j-flink keeps it in its keyed state). The caller has already evaluated the
 * filters and extracted the join keys (the same dispatcher and key extractors as the embedded engine) and gives
 * each key's events in event-time order; the driver holds nothing between calls but the compiled machines.
 *
 * <p>Internal: not exported by the module; the runtime supplies the implementation ({@link #create}).
 */
public interface KeyedDriver {

    /** Receives the results of one call: the events of a match, by stage, null for a missing event. */
    interface Results {
        void result(Event[] events);
    }

    /** A fresh, empty state for rule {@code rule} (a sequence or a sample) under one join key. */
    Object newState(int rule);

    /**
     * Runs one event of the key whose state is {@code state}: the stages (ascending) whose filters it passed with
     * that key, whether it passed {@code until}, its time in plan units (ignored by samples). Sequences need their
     * key's events in (time, tiebreaker, arrival) order.
     */
    void onEvent(int rule, Object state, int[] stages, boolean until, Event event, long ts, Results out);

    /** Event time has reached {@code now} (no event older than it will come): expire windows, decide verdicts. */
    void onTime(int rule, Object state, long now, Results out);

    /**
     * The event time after which {@link #onTime} has something to do for this state, or {@link Long#MAX_VALUE}: call
     * {@code onTime(now)} with a {@code now} greater than it.
     */
    long nextWake(int rule, Object state);

    /** Whether the state holds nothing (the caller may drop it). */
    boolean isEmpty(int rule, Object state);

    /**
     * A key's state as bytes: the engine's state encoding (docs/state-format.md) of that one key, after a header that
     * says its shape, so that it reads back without the plan. Events are written by {@code text}.
     */
    static byte[] write(Object state, Function<Event, String> text) {
        return factory().write(state, text);
    }

    /**
     * A key's state written by {@link #write}, events made by {@code event}.
     *
     * @throws IllegalArgumentException when the bytes are not such a state
     */
    static Object read(byte[] bytes, Function<String, Event> event) {
        return factory().read(bytes, event);
    }

    /**
     * Makes the runtime's driver for {@code plan}; samples keep at most {@code maxSamplesPerKey} per key. The runtime
     * registers its factory when its engine class ({@code EqlEngine}) is initialised: initialise it first.
     *
     * @throws IllegalStateException when no runtime registered a factory
     */
    static KeyedDriver create(PlanData plan, int maxSamplesPerKey) {
        return factory().create(plan, maxSamplesPerKey);
    }

    private static Factory factory() {
        Factory f = Holder.factory;
        if (f == null) {
            throw new IllegalStateException(
                    "no keyed driver registered: the eql4j runtime's engine class was not " + "initialised");
        }
        return f;
    }

    /** How the runtime makes drivers (registered once by the runtime, which the plan package must not import). */
    interface Factory {
        KeyedDriver create(PlanData plan, int maxSamplesPerKey);

        byte[] write(Object state, Function<Event, String> text);

        Object read(byte[] bytes, Function<String, Event> event);
    }

    /** Called by the runtime when it loads. */
    static void register(Factory f) {
        Holder.factory = Objects.requireNonNull(f, "factory");
    }

    /** Where the registered factory is kept. */
    final class Holder {
        static volatile Factory factory;

        private Holder() {}
    }
}
