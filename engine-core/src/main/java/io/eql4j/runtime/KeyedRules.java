package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.KeyedDriver;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.ResultLimit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The runtime's {@link KeyedDriver}: one {@link SequenceRunner} or {@link SampleRunner} per rule, without result
 * limits (they span keys), driven over one key's state at a time. A sequence key's state is a {@link SequenceState}
 * holding that one key; a sample key's state is its {@link SampleRunner.KeyState}. Not thread-safe: one per task.
 */
final class KeyedRules implements KeyedDriver {

    /** The key a state is stored under inside its {@link SequenceState}: the caller knows the real one. */
    private static final Object KEY = JoinKey.NONE;

    private final RuleRunner[] runners;
    private Results current;

    KeyedRules(PlanData plan, int maxSamplesPerKey) {
        List<CompiledRule> rules = plan.compiledRules();
        this.runners = new RuleRunner[rules.size()];
        RuntimeOptions sampleOptions =
                RuntimeOptions.builder().maxSamplesPerKey(maxSamplesPerKey).build();
        MatchListener listener = match -> current.result(match.events().toArray(Event[]::new));
        for (CompiledRule rule : rules) {
            if (rule instanceof CompiledRule.Sequence s) {
                runners[rule.index()] = new SequenceRunner(
                        s, plan, listener, Integer.MAX_VALUE, StateBudget.unlimited(), ResultLimit.NONE);
            } else if (rule instanceof CompiledRule.Sample s) {
                runners[rule.index()] =
                        new SampleRunner(s, plan, listener, sampleOptions, StateBudget.unlimited(), ResultLimit.NONE);
            }
        }
    }

    private SequenceRunner sequence(int rule, Object state) {
        if (!(runners[rule] instanceof SequenceRunner runner)) {
            throw new IllegalArgumentException("rule " + rule + " is not a sequence");
        }
        runner.state = (SequenceState) state;
        return runner;
    }

    private SampleRunner sample(int rule) {
        if (!(runners[rule] instanceof SampleRunner runner)) {
            throw new IllegalArgumentException("rule " + rule + " is not a sample");
        }
        return runner;
    }

    @Override
    public Object newState(int rule) {
        RuleRunner r = runners[rule];
        if (r instanceof SequenceRunner s) {
            return new SequenceState(s.state.stages, s.state.trackers, s.state.missingStages, StateBudget.unlimited());
        }
        if (r instanceof SampleRunner s) {
            return new SampleRunner.KeyState(KEY, r.rule.stages().size());
        }
        throw new IllegalArgumentException("rule " + rule + " is an event query: it has no keyed state");
    }

    @Override
    public void onEvent(int rule, Object state, int[] stages, boolean until, Event event, long ts, Results out) {
        current = out;
        try {
            if (runners[rule] instanceof SampleRunner s) {
                s.onKeyedEvent((SampleRunner.KeyState) state, stages, event);
            } else {
                sequence(rule, state).onKeyedEvent(KEY, stages, until, event, ts);
            }
        } finally {
            current = null;
        }
    }

    @Override
    public void onTime(int rule, Object state, long now, Results out) {
        if (runners[rule] instanceof SampleRunner) {
            return;
        }
        current = out;
        try {
            sequence(rule, state).onTime(now);
        } finally {
            current = null;
        }
    }

    @Override
    public long nextWake(int rule, Object state) {
        return runners[rule] instanceof SampleRunner
                ? Long.MAX_VALUE
                : sequence(rule, state).nextWake();
    }

    @Override
    public boolean isEmpty(int rule, Object state) {
        if (state instanceof SequenceState st) {
            return st.keys.isEmpty() && st.delivery.isEmpty() && st.undecidedList.isEmpty();
        }
        return false; // a sample key remembers what it delivered, so that it never delivers it twice
    }

    /** Makes drivers, and writes and reads key states (registered by {@link EqlEngine}). */
    static final class Factory implements KeyedDriver.Factory {
        @Override
        public KeyedDriver create(PlanData plan, int maxSamplesPerKey) {
            return new KeyedRules(plan, maxSamplesPerKey);
        }

        private static final int SEQUENCE = 1;
        private static final int SAMPLE = 2;

        @Override
        public byte[] write(Object state, Function<Event, String> text) {
            StateCodec.Writer w = new StateCodec.Writer(4);
            StateCodec.Bytes body = new StateCodec.Bytes();
            if (state instanceof SequenceState st) {
                body.varLong(SEQUENCE);
                body.varLong(st.stages);
                body.varLong(st.trackers);
                body.bool(st.missingStages);
                w.sequence(st, body);
            } else if (state instanceof SampleRunner.KeyState ks) {
                body.varLong(SAMPLE);
                w.sampleKey(ks, body);
            } else {
                throw new IllegalArgumentException("not a key's state: " + state);
            }
            StateCodec.Bytes all = new StateCodec.Bytes();
            all.varLong(w.events.size());
            for (Event e : w.events) {
                all.string(text.apply(e));
            }
            all.bytes(body);
            return Arrays.copyOf(all.buf, all.size);
        }

        @Override
        public Object read(byte[] bytes, Function<String, Event> event) {
            try {
                StateCodec.In in = new StateCodec.In(bytes, 0, bytes.length);
                Event[] events = new Event[in.count()];
                for (int i = 0; i < events.length; i++) {
                    events[i] = event.apply(in.string());
                }
                StateCodec.Reader r = new StateCodec.Reader(in, events, StateCodec.VERSION);
                Object state;
                int kind = in.count();
                if (kind == SEQUENCE) {
                    int stages = in.count();
                    int trackers = in.count();
                    SequenceState st = new SequenceState(stages, trackers, in.bool(), StateBudget.unlimited());
                    r.sequence(st);
                    state = st;
                } else if (kind == SAMPLE) {
                    state = r.sampleKey();
                } else {
                    throw new StateException("the key's state is corrupt: kind " + kind);
                }
                if (in.pos != bytes.length) {
                    throw new StateException(
                            "the key's state is corrupt: " + (bytes.length - in.pos) + " bytes after its end");
                }
                return state;
            } catch (StateException e) {
                throw new IllegalArgumentException("a key's state cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
