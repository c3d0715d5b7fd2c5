package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.event.EventBytes;
import io.eql4j.event.JsonEventReader;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.runtime.SequenceState.Completed;
import io.eql4j.runtime.SequenceState.GuardedSeq;
import io.eql4j.runtime.SequenceState.KeyState;
import io.eql4j.runtime.SequenceState.PartialSeq;
import io.eql4j.runtime.SequenceState.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes an engine's whole state as bytes and reads it back into a fresh engine of the same plan (or, on a reload,
 * of a changed plan, keeping the state of the unchanged rules). The format is {@code docs/state-format.md}.
 */
final class StateCodec {

    static final byte[] MAGIC = "EQL4J-STATE\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * The version written; version 2 (without the entries set apart from a jump in time) and version 1 (without
     * eviction reports and events held for a time jump) are read too.
     */
    static final int VERSION = 3;

    private static final int T_NULL = 0;
    private static final int T_STRING = 1;
    private static final int T_LONG = 2;
    private static final int T_DOUBLE = 3;
    private static final int T_TRUE = 4;
    private static final int T_FALSE = 5;
    private static final int T_BIG_INTEGER = 6;
    private static final int T_BIG_DECIMAL = 7;
    private static final int T_KEY_NULL = 8;
    private static final int T_KEY = 9;
    private static final int T_KEY_NONE = 10;
    private static final int T_INT = 11;
    private static final int T_FLOAT = 12;

    private StateCodec() {}

    // ------------------------------------------------------------------ writing

    /** Writes the whole state of {@code core}. */
    static void write(EngineCore core, OutputStream out) throws IOException {
        EngineStats stats = core.stats();
        long expected =
                stats.pendingSequences() + stats.bufferedEvents() + stats.pendingDecisions() + 2 * stats.sampleKeys();
        Writer w = new Writer((int) Math.min(expected, 1 << 26));
        Bytes body = new Bytes();
        w.engine(core, body);
        PlanData plan = core.plan();
        RuleRunner[] runners = core.runners;
        for (int r = 0; r < runners.length; r++) {
            Bytes section = new Bytes();
            w.rule(runners[r], section);
            body.varLong(section.size());
            body.bytes(section);
        }
        // streamed: header and events straight out, with the checksum computed on the way
        CRC32 crc = new CRC32();
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
        java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(buffered, crc);
        Bytes head = new Bytes();
        head.raw(MAGIC, 0, MAGIC.length);
        head.varLong(VERSION);
        head.varLong(runners.length);
        for (CompiledRule rule : plan.compiledRules()) {
            head.string(rule.rule().ruleId());
            head.raw(plan.fingerprint(rule.index()), 0, 32);
            head.varLong(rule.kind().ordinal());
        }
        head.varLong(w.events.size());
        checked.write(head.buf, 0, head.size);
        for (Event e : w.events) {
            head.size = 0;
            int textLength = EventBytes.textLength(e);
            if (textLength >= 0) {
                // the text as read, written from where the event holds it
                head.varLong(1);
                head.varLong(JsonEventReader.lineNumber(e));
                head.varLong(textLength);
                checked.write(head.buf, 0, head.size);
                EventBytes.writeText(e, checked);
                continue;
            }
            byte[] json;
            try {
                json = EventBytes.json(e);
            } catch (IllegalArgumentException cannot) {
                throw new IllegalStateException("cannot snapshot the engine: " + cannot.getMessage(), cannot);
            }
            head.varLong(0);
            head.varLong(JsonEventReader.lineNumber(e));
            head.varLong(json.length);
            checked.write(head.buf, 0, head.size);
            checked.write(json, 0, json.length);
        }
        checked.write(body.buf, 0, body.size);
        int sum = (int) crc.getValue();
        buffered.write(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum});
        buffered.flush();
    }

    /** Writes sections; numbers the events it meets in the order it meets them. */
    static final class Writer {
        final Map<Event, Integer> ids;
        final List<Event> events;

        Writer(int expectedEvents) {
            ids = new IdentityHashMap<>(Math.max(16, expectedEvents));
            events = new ArrayList<>(Math.max(16, expectedEvents));
        }

        int ref(Event e) {
            Integer id = ids.get(e);
            if (id == null) {
                id = events.size();
                ids.put(e, id);
                events.add(e);
            }
            return id;
        }

        /** An event or null, as id + 1 (0 for null). */
        void event(Event e, Bytes out) {
            out.varLong(e == null ? 0 : ref(e) + 1L);
        }

        void events(Event[] es, Bytes out) {
            out.varLong(es.length);
            for (Event e : es) {
                event(e, out);
            }
        }

        void engine(EngineCore core, Bytes out) {
            out.varLong(core.eventNumber);
            out.varLong(core.processed);
            out.varLong(core.withoutTimestamp);
            out.varLong(core.late);
            out.varLong(core.ruleErrors);
            out.varLong(core.matches);
            out.bool(core.finished);
            EventClock c = core.clock;
            out.zLong(c.maxTs);
            out.zLong(c.watermark);
            out.zLong(c.nextSweep);
            out.zLong(c.lastTs);
            value(c.lastTiebreaker, out);
            out.varLong(c.lastNumber);
            out.varLong(c.skipped);
            List<EventClock.Buffered> buffered = c.bufferedInOrder();
            out.varLong(buffered.size());
            for (EventClock.Buffered b : buffered) {
                event(b.event(), out);
                out.zLong(b.ts());
                value(b.tiebreaker(), out);
                out.varLong(b.number());
                out.varLong(b.passed().length);
                for (int id : b.passed()) {
                    out.varLong(id);
                }
            }
            out.varLong(core.timeJumps);
            out.bool(c.provisional);
            out.varLong(c.support);
            event(core.firstEvent, out);
            out.varLong(core.firstNumber);
            held(c.unconfirmed, out);
            held(c.isolated, out);
        }

        /** Entries held for a jump in time, in arrival order. */
        private void held(List<EventClock.Buffered> entries, Bytes out) {
            out.varLong(entries.size());
            for (EventClock.Buffered b : entries) {
                event(b.event(), out);
                out.zLong(b.ts());
                value(b.tiebreaker(), out);
                out.varLong(b.number());
                int[] passed = b.passed() == null ? new int[0] : b.passed();
                out.varLong(passed.length);
                for (int id : passed) {
                    out.varLong(id);
                }
            }
        }

        void rule(RuleRunner runner, Bytes out) {
            out.varLong(runner.reportedEvictions);
            out.zLong(runner.nextEvictionReport);
            ResultPipeline p = runner.output;
            out.varLong(p.seen());
            out.bool(p.done());
            out.varLong(p.kept().size());
            for (Match m : p.kept()) {
                out.varLong(m.events().size());
                for (Event e : m.events()) {
                    event(e, out);
                }
                out.varLong(m.joinKeys().size());
                for (Object k : m.joinKeys()) {
                    value(k, out);
                }
            }
            if (runner instanceof SequenceRunner s) {
                sequence(s.state, out);
            } else if (runner instanceof SampleRunner s) {
                sample(s, out);
            }
        }

        void sequence(SequenceState st, Bytes out) {
            out.varLong(st.expired);
            out.varLong(st.evicted);
            // the key states: the live ones in queue order, then those only completed sequences still refer to
            List<KeyState> states = new ArrayList<>(st.keysInQueueOrder());
            // the numbers of key states are needed only by completed sequences, which are few or none
            boolean anyCompleted = !st.delivery.isEmpty() || !st.undecidedList.isEmpty();
            for (int i = 0; i < states.size() && !anyCompleted; i++) {
                anyCompleted = states.get(i).pending() != null;
            }
            Map<KeyState, Integer> stateIds = new IdentityHashMap<>(anyCompleted ? states.size() : 0);
            for (int i = 0; anyCompleted && i < states.size(); i++) {
                stateIds.put(states.get(i), i);
            }
            List<Completed> completed = new ArrayList<>();
            Map<Completed, Integer> completedIds = new IdentityHashMap<>();
            List<Iterable<Completed>> sources = new ArrayList<>();
            sources.add(st.delivery);
            sources.add(st.undecidedList);
            for (KeyState ks : states) {
                if (ks.pending() != null) {
                    sources.add(ks.pending());
                }
            }
            for (int i = 0; i < sources.size(); i++) {
                for (Completed c : sources.get(i)) {
                    if (!completedIds.containsKey(c)) {
                        completedIds.put(c, completed.size());
                        completed.add(c);
                        if (!stateIds.containsKey(c.state)) {
                            stateIds.put(c.state, states.size());
                            states.add(c.state);
                            if (c.state.pending() != null) {
                                sources.add(c.state.pending());
                            }
                        }
                    }
                }
            }
            int live = st.keys.size();
            out.varLong(states.size());
            out.varLong(live);
            for (KeyState ks : states) {
                value(ks.key, out);
                out.zLong(ks.lastTouch);
                out.zLong(ks.queuedAt);
                for (PartialSeq seq : ks.slots) {
                    if (seq == null) {
                        out.varLong(0);
                        continue;
                    }
                    out.varLong(seq instanceof GuardedSeq ? 2 : 1);
                    out.zLong(seq.startTs);
                    out.zLong(seq.lastTs);
                    events(seq.events, out);
                    if (seq instanceof GuardedSeq) {
                        out.zLong(seq.lastLeading());
                        out.bool(seq.doomed());
                    }
                }
                if (ks.missing != null) {
                    for (int t = 0; t < ks.missing.latest.length; t++) {
                        out.zLong(ks.missing.latest[t]);
                        out.zLong(ks.missing.previous[t]);
                    }
                }
            }
            out.varLong(completed.size());
            for (Completed c : completed) {
                out.varLong(stateIds.get(c.state));
                events(c.events, out);
                out.zLong(c.lastTs);
                out.zLong(c.deadline);
                out.varLong(c.verdict.ordinal());
            }
            for (KeyState ks : states) {
                if (ks.missing != null) {
                    List<Completed> pending = ks.missing.pending;
                    out.varLong(pending == null ? 0 : pending.size() + 1L);
                    if (pending != null) {
                        for (Completed c : pending) {
                            out.varLong(completedIds.get(c));
                        }
                    }
                }
            }
            out.varLong(st.delivery.size());
            for (Completed c : st.delivery) {
                out.varLong(completedIds.get(c));
            }
            out.varLong(st.undecidedList.size());
            for (Completed c : st.undecidedList) {
                out.varLong(completedIds.get(c));
            }
        }

        void sample(SampleRunner runner, Bytes out) {
            out.varLong(runner.evicted);
            out.varLong(runner.states.size());
            for (SampleRunner.KeyState ks : runner.states.values()) {
                sampleKey(ks, out);
            }
        }

        /** One sample key, as in a sample rule's section. */
        void sampleKey(SampleRunner.KeyState ks, Bytes out) {
            value(ks.key, out);
            out.bool(ks.done);
            out.varLong(ks.candidates.size());
            for (List<Event> list : ks.candidates) {
                out.varLong(list.size());
                for (Event e : list) {
                    event(e, out);
                }
            }
            out.varLong(ks.delivered.size());
            for (Event[] sample : ks.delivered) {
                events(sample, out);
            }
        }
    }

    /** A join key, tiebreaker or key value, with its type. */
    static void value(Object v, Bytes out) {
        if (v == null) {
            out.varLong(T_NULL);
        } else if (v instanceof String s) {
            out.varLong(T_STRING);
            out.string(s);
        } else if (v instanceof Long l) {
            out.varLong(T_LONG);
            out.zLong(l);
        } else if (v instanceof Integer i) {
            out.varLong(T_INT);
            out.zLong(i);
        } else if (v instanceof Double d) {
            out.varLong(T_DOUBLE);
            out.fixedLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            out.varLong(T_FLOAT);
            out.fixedInt(Float.floatToRawIntBits(f));
        } else if (v instanceof Boolean b) {
            out.varLong(b ? T_TRUE : T_FALSE);
        } else if (v instanceof BigInteger b) {
            out.varLong(T_BIG_INTEGER);
            out.string(b.toString());
        } else if (v instanceof BigDecimal b) {
            out.varLong(T_BIG_DECIMAL);
            out.string(b.toString());
        } else if (v == JoinKey.NULL) {
            out.varLong(T_KEY_NULL);
        } else if (v == JoinKey.NONE) {
            out.varLong(T_KEY_NONE);
        } else if (v instanceof JoinKey k) {
            Object[] values = k.stored();
            out.varLong(T_KEY);
            out.varLong(values.length);
            for (Object x : values) {
                value(x, out);
            }
        } else {
            throw new IllegalStateException(
                    "cannot snapshot a value of type " + v.getClass().getName());
        }
    }

    // ------------------------------------------------------------------ reading

    /** A snapshot checked and split into its parts, not yet applied to an engine. */
    static final class Snapshot {
        final List<String> ruleIds = new ArrayList<>();
        final List<byte[]> fingerprints = new ArrayList<>();
        final List<Integer> kinds = new ArrayList<>();
        /** Per event: where its JSON starts in {@link #data}, and its length. */
        int[] eventStart;

        int[] eventLength;
        long[] lines;
        /** Where the engine section starts, and each rule section's offset and length. */
        int engineStart;

        int[] sectionStart;
        int[] sectionLength;
        byte[] data;
        int version;
    }

    /**
     * Reads and checks a whole snapshot: magic, version, checksum, and that every part is within bounds.
     *
     * @throws StateException when it is not a complete snapshot this version reads
     */
    static Snapshot parse(byte[] data) throws StateException {
        if (data.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new StateException("not an eql4j state snapshot (it does not start with the snapshot header)");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        int stored = ((data[data.length - 4] & 0xff) << 24)
                | ((data[data.length - 3] & 0xff) << 16)
                | ((data[data.length - 2] & 0xff) << 8)
                | (data[data.length - 1] & 0xff);
        In in = new In(data, MAGIC.length, data.length - 4);
        if ((int) crc.getValue() != stored) {
            throw new StateException(
                    "the snapshot is truncated or corrupt (its checksum does not match; " + data.length + " bytes)");
        }
        long version = in.varLong();
        if (version < 1 || version > VERSION) {
            throw new StateException(
                    "the snapshot has format version " + version + "; this eql4j reads versions 1" + " to " + VERSION);
        }
        Snapshot s = new Snapshot();
        s.data = data;
        s.version = (int) version;
        int rules = in.count();
        for (int r = 0; r < rules; r++) {
            s.ruleIds.add(in.string());
            s.fingerprints.add(in.raw(32));
            s.kinds.add(in.count());
        }
        int events = in.count();
        if (events > data.length) {
            throw new StateException("the snapshot is corrupt: " + events + " events in " + data.length + " bytes");
        }
        s.eventStart = new int[events];
        s.eventLength = new int[events];
        s.lines = new long[events];
        for (int e = 0; e < events; e++) {
            in.varLong(); // text or written JSON: both are read back as JSON text
            s.lines[e] = in.varLong();
            s.eventLength[e] = in.count();
            s.eventStart[e] = in.pos;
            in.skip(s.eventLength[e]);
        }
        s.engineStart = in.pos;
        s.sectionStart = new int[rules];
        s.sectionLength = new int[rules];
        Reader skip = new Reader(in, null, s.version);
        skip.engine(null);
        for (int r = 0; r < rules; r++) {
            s.sectionLength[r] = in.count();
            s.sectionStart[r] = in.pos;
            in.skip(s.sectionLength[r]);
        }
        if (in.pos != in.end) {
            throw new StateException("the snapshot has " + (in.end - in.pos) + " bytes after its last section");
        }
        return s;
    }

    /**
     * Applies a parsed snapshot to a fresh core of {@code plan}. With {@code reload}, rules are matched by id and
     * fingerprint and the others start empty; without, the plan must be the snapshot's.
     */
    static ReloadReport apply(Snapshot s, EngineCore core, boolean reload) throws StateException {
        PlanData plan = core.plan();
        List<CompiledRule> rules = plan.compiledRules();
        Map<String, Integer> old = new HashMap<>();
        for (int r = 0; r < s.ruleIds.size(); r++) {
            old.put(s.ruleIds.get(r), r);
        }
        List<ReloadReport.RuleOutcome> outcomes = new ArrayList<>();
        int[] source = new int[rules.size()];
        List<String> differing = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CompiledRule rule : rules) {
            String id = rule.rule().ruleId();
            seen.add(id);
            Integer from = old.get(id);
            ReloadReport.Outcome outcome;
            if (from == null) {
                outcome = ReloadReport.Outcome.ADDED;
                source[rule.index()] = -1;
                differing.add(id + " (new)");
            } else if (!Arrays.equals(s.fingerprints.get(from), plan.fingerprint(rule.index()))
                    || s.kinds.get(from) != rule.kind().ordinal()) {
                outcome = ReloadReport.Outcome.RESET;
                source[rule.index()] = -1;
                differing.add(id + " (changed)");
            } else {
                outcome = ReloadReport.Outcome.KEPT;
                source[rule.index()] = from;
            }
            outcomes.add(new ReloadReport.RuleOutcome(id, outcome));
        }
        for (String id : s.ruleIds) {
            if (!seen.contains(id)) {
                outcomes.add(new ReloadReport.RuleOutcome(id, ReloadReport.Outcome.REMOVED));
                differing.add(id + " (removed)");
            }
        }
        boolean samePlan = differing.isEmpty() && s.ruleIds.size() == rules.size();
        for (int r = 0; samePlan && r < rules.size(); r++) {
            samePlan = source[r] == r;
        }
        if (!reload && !samePlan) {
            List<String> ids = new ArrayList<>();
            for (String d : differing) {
                ids.add(d.substring(0, d.lastIndexOf(" (")));
            }
            throw new StateException(
                    "the snapshot was taken with another plan: "
                            + (differing.isEmpty() ? "its rules are in another order" : String.join(", ", differing))
                            + "; restore it as a reload to keep the state of the unchanged rules",
                    ids,
                    null);
        }
        try {
            Event[] events = new Event[s.eventStart.length];
            JsonEventReader reader = JsonEventReader.forPlan(core.publicPlan());
            for (int e = 0; e < events.length; e++) {
                events[e] = reader.read(s.data, s.eventStart[e], s.eventLength[e]);
                EventBytes.restoreLine(events[e], s.lines[e]);
            }
            In in = new In(s.data, s.engineStart, s.data.length - 4);
            Reader reader2 = new Reader(in, events, s.version);
            reader2.engine(core);
            if (!samePlan) {
                core.redispatchBuffered();
            }
            for (CompiledRule rule : rules) {
                int from = source[rule.index()];
                if (from >= 0) {
                    In section = new In(s.data, s.sectionStart[from], s.sectionStart[from] + s.sectionLength[from]);
                    new Reader(section, events, s.version).rule(core.runners[rule.index()]);
                    if (section.pos != section.end) {
                        throw new StateException("rule [" + rule.rule().ruleId() + "]'s state has "
                                + (section.end - section.pos) + " bytes it does not use");
                    }
                }
            }
        } catch (StateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StateException("the snapshot is corrupt: " + e.getMessage(), e);
        }
        return new ReloadReport(outcomes);
    }

    /** Reads sections into a core's parts; with a null core, only checks and skips (for {@link #parse}). */
    static final class Reader {
        final In in;
        final Event[] events;
        final int version;

        Reader(In in, Event[] events, int version) {
            this.in = in;
            this.events = events;
            this.version = version;
        }

        Event event() throws StateException {
            long ref = in.varLong();
            if (ref == 0) {
                return null;
            }
            if (events == null) {
                return null;
            }
            return eventAt(ref);
        }

        Event eventAt(long ref) throws StateException {
            if (ref > events.length) {
                throw new StateException("the snapshot is corrupt: it refers to event " + ref + " of " + events.length);
            }
            return events[(int) ref - 1];
        }

        Event[] eventArray() throws StateException {
            Event[] out = new Event[in.count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = event();
            }
            return out;
        }

        void engine(EngineCore core) throws StateException {
            long eventNumber = in.varLong();
            long processed = in.varLong();
            long withoutTimestamp = in.varLong();
            long late = in.varLong();
            long ruleErrors = in.varLong();
            long matches = in.varLong();
            boolean finished = in.bool();
            long maxTs = in.zLong();
            long watermark = in.zLong();
            long nextSweep = in.zLong();
            long lastTs = in.zLong();
            Object lastTiebreaker = value(in);
            long lastNumber = in.varLong();
            long skipped = in.varLong();
            int n = in.count();
            List<EventClock.Buffered> buffered = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Event e = event();
                long ts = in.zLong();
                Object tie = value(in);
                long number = in.varLong();
                int[] passed = new int[in.count()];
                for (int p = 0; p < passed.length; p++) {
                    passed[p] = in.count();
                }
                buffered.add(new EventClock.Buffered(e, ts, tie, number, passed));
            }
            long timeJumps = 0;
            boolean provisional = false;
            long support = 0;
            Event firstEvent = null;
            long firstNumber = 0;
            List<EventClock.Buffered> held = new ArrayList<>();
            List<EventClock.Buffered> apart = new ArrayList<>();
            if (version >= 2) {
                timeJumps = in.varLong();
                provisional = in.bool();
                support = in.varLong();
                firstEvent = event();
                firstNumber = in.varLong();
                held(held);
            }
            if (version >= 3) {
                held(apart);
            }
            if (core == null) {
                return;
            }
            core.timeJumps = timeJumps;
            core.clock.provisional = provisional;
            core.firstEvent = firstEvent;
            core.firstNumber = firstNumber;
            core.clock.support = support;
            checkHeld(core, held);
            checkHeld(core, apart);
            core.clock.unconfirmed.addAll(held);
            core.clock.isolated.addAll(apart);
            core.eventNumber = eventNumber;
            core.processed = processed;
            core.withoutTimestamp = withoutTimestamp;
            core.late = late;
            core.ruleErrors = ruleErrors;
            core.matches = matches;
            core.finished = finished;
            EventClock c = core.clock;
            c.maxTs = maxTs;
            c.watermark = watermark;
            c.nextSweep = nextSweep;
            c.lastTs = lastTs;
            c.lastTiebreaker = lastTiebreaker;
            c.lastNumber = lastNumber;
            c.skipped = skipped;
            for (EventClock.Buffered b : buffered) {
                for (int id : b.passed()) {
                    if (id >= core.plan().filterCount()) {
                        throw new StateException("the snapshot is corrupt: filter " + id + " of a buffered event");
                    }
                }
                c.restoreBuffered(b);
            }
        }

        /** Entries held for a jump in time (see {@link Writer}), added to {@code into}. */
        private void held(List<EventClock.Buffered> into) throws StateException {
            int h = in.count();
            for (int i = 0; i < h; i++) {
                long ref = in.varLong();
                Event e = ref == 0 || events == null ? null : eventAt(ref);
                long ts = in.zLong();
                Object tie = value(in);
                long number = in.varLong();
                int[] passed = new int[in.count()];
                for (int p = 0; p < passed.length; p++) {
                    passed[p] = in.count();
                }
                into.add(new EventClock.Buffered(e, ts, tie, number, ref == 0 ? null : passed));
            }
        }

        private static void checkHeld(EngineCore core, List<EventClock.Buffered> held) throws StateException {
            for (EventClock.Buffered b : held) {
                if (b.passed() != null) {
                    for (int id : b.passed()) {
                        if (id >= core.plan().filterCount()) {
                            throw new StateException("the snapshot is corrupt: filter " + id + " of a held event");
                        }
                    }
                }
            }
        }

        void rule(RuleRunner runner) throws StateException {
            if (version >= 2) {
                runner.reportedEvictions = in.varLong();
                runner.nextEvictionReport = in.zLong();
            }
            ResultPipeline p = runner.output;
            long seen = in.varLong();
            p.restore(seen, in.bool());
            int ring = in.count();
            for (int i = 0; i < ring; i++) {
                Event[] es = eventArray();
                int keys = in.count();
                List<Object> keyValues = new ArrayList<>(keys);
                for (int k = 0; k < keys; k++) {
                    keyValues.add(value(in));
                }
                p.kept()
                        .addLast(new Match(
                                runner.rule.rule(),
                                runner.kind,
                                Collections.unmodifiableList(Arrays.asList(es)),
                                Collections.unmodifiableList(keyValues)));
            }
            if (runner instanceof SequenceRunner s) {
                sequence(s.state);
            } else if (runner instanceof SampleRunner s) {
                sample(s);
            }
        }

        void sequence(SequenceState st) throws StateException {
            st.expired = in.varLong();
            st.evicted = in.varLong();
            int n = in.count();
            int live = in.count();
            if (live > n) {
                throw new StateException("the snapshot is corrupt: " + live + " live keys of " + n);
            }
            KeyState[] states = new KeyState[n];
            st.keys = new HashMap<>(Math.max(16, live * 4 / 3 + 1));
            st.queue = new ArrayDeque<>(Math.max(16, live));
            st.live = 0;
            for (int i = 0; i < n; i++) {
                KeyState ks = new KeyState(value(in), st.stages, st.trackers, st.missingStages);
                ks.lastTouch = in.zLong();
                ks.queuedAt = in.zLong();
                for (int s = 0; s < st.stages; s++) {
                    int tag = in.count();
                    if (tag == 0) {
                        continue;
                    }
                    long start = in.zLong();
                    long last = in.zLong();
                    Event[] es = eventArray();
                    if (es.length != st.stages) {
                        throw new StateException("the snapshot is corrupt: a partial sequence of " + es.length
                                + " stages where the rule has " + st.stages);
                    }
                    if (tag == 2) {
                        ks.slots[s] = new GuardedSeq(es, start, last, in.zLong(), in.bool());
                    } else {
                        ks.slots[s] = new PartialSeq(es, start, last);
                    }
                    ks.live++;
                }
                if (ks.missing != null) {
                    for (int t = 0; t < st.trackers; t++) {
                        ks.missing.latest[t] = in.zLong();
                        ks.missing.previous[t] = in.zLong();
                    }
                }
                states[i] = ks;
                if (i < live) {
                    if (st.keys.put(ks.key, ks) != null) {
                        throw new StateException("the snapshot is corrupt: a join key twice");
                    }
                    st.queue.addLast(ks);
                    st.live += ks.live;
                    st.budget.used += ks.live;
                } else {
                    ks.removed = true;
                }
            }
            st.highWater = st.keys.size();
            int c = in.count();
            Completed[] completed = new Completed[c];
            for (int i = 0; i < c; i++) {
                int state = in.count();
                if (state >= n) {
                    throw new StateException("the snapshot is corrupt: a completed sequence of key " + state);
                }
                Event[] es = eventArray();
                long lastTs = in.zLong();
                long deadline = in.zLong();
                int verdict = in.count();
                if (verdict >= Verdict.values().length) {
                    throw new StateException("the snapshot is corrupt: verdict " + verdict);
                }
                completed[i] = new Completed(states[state], es, lastTs, deadline, Verdict.values()[verdict]);
            }
            for (KeyState ks : states) {
                if (ks.missing != null) {
                    int m = in.count();
                    if (m > 0) {
                        ks.missing.pending = new ArrayList<>(m - 1);
                        for (int i = 0; i < m - 1; i++) {
                            ks.missing.pending.add(completed(completed));
                        }
                    }
                }
            }
            int d = in.count();
            for (int i = 0; i < d; i++) {
                st.delivery.addLast(completed(completed));
            }
            int u = in.count();
            st.undecided = 0;
            for (int i = 0; i < u; i++) {
                Completed x = completed(completed);
                st.undecidedList.add(x);
                if (x.verdict == Verdict.PENDING) {
                    st.undecided++;
                }
            }
        }

        private Completed completed(Completed[] table) throws StateException {
            int i = in.count();
            if (i >= table.length) {
                throw new StateException("the snapshot is corrupt: completed sequence " + i + " of " + table.length);
            }
            return table[i];
        }

        void sample(SampleRunner runner) throws StateException {
            runner.evicted = in.varLong();
            int n = in.count();
            for (int i = 0; i < n; i++) {
                SampleRunner.KeyState ks = sampleKey();
                if (runner.states.put(ks.key, ks) == null) {
                    runner.budget.used++;
                }
            }
        }

        /** One sample key, as in a sample rule's section. */
        SampleRunner.KeyState sampleKey() throws StateException {
            Object key = value(in);
            boolean done = in.bool();
            int stages = in.count();
            SampleRunner.KeyState ks = new SampleRunner.KeyState(key, stages);
            ks.done = done;
            for (int s = 0; s < stages; s++) {
                int m = in.count();
                for (int j = 0; j < m; j++) {
                    ks.candidates.get(s).add(event());
                }
            }
            int delivered = in.count();
            for (int j = 0; j < delivered; j++) {
                ks.delivered.add(eventArray());
            }
            return ks;
        }
    }

    static Object value(In in) throws StateException {
        int tag = in.count();
        switch (tag) {
            case T_NULL:
                return null;
            case T_STRING:
                return in.string();
            case T_LONG:
                return in.zLong();
            case T_INT:
                return (int) in.zLong();
            case T_DOUBLE:
                return Double.longBitsToDouble(in.fixedLong());
            case T_FLOAT:
                return Float.intBitsToFloat(in.fixedInt());
            case T_TRUE:
                return Boolean.TRUE;
            case T_FALSE:
                return Boolean.FALSE;
            case T_BIG_INTEGER:
                return new BigInteger(in.string());
            case T_BIG_DECIMAL:
                return new BigDecimal(in.string());
            case T_KEY_NULL:
                return JoinKey.NULL;
            case T_KEY_NONE:
                return JoinKey.NONE;
            case T_KEY:
                Object[] values = new Object[in.count()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(in);
                }
                return JoinKey.of(values);
            default:
                throw new StateException("the snapshot is corrupt: unknown value type " + tag + " at byte " + in.pos);
        }
    }

    // ------------------------------------------------------------------ bytes

    /** A growable byte buffer with the encodings of the format. */
    static final class Bytes {
        byte[] buf = new byte[256];
        int size;

        int size() {
            return size;
        }

        private void room(int n) {
            if (size + n > buf.length) {
                long want = Math.max((long) buf.length * 2, (long) size + n);
                if (want > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("the state is too large to snapshot (over 2 GB)");
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        void raw(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        void bytes(Bytes other) {
            raw(other.buf, 0, other.size);
        }

        /** Unsigned LEB128. */
        void varLong(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        /** Signed, zigzag then LEB128: small magnitudes take few bytes. */
        void zLong(long v) {
            varLong((v << 1) ^ (v >> 63));
        }

        void bool(boolean b) {
            varLong(b ? 1 : 0);
        }

        void fixedInt(int v) {
            room(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void fixedLong(long v) {
            fixedInt((int) (v >>> 32));
            fixedInt((int) v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length);
            raw(b, 0, b.length);
        }
    }

    /** Reads the encodings of {@link Bytes}, refusing to read past its end. */
    static final class In {
        final byte[] buf;
        int pos;
        final int end;

        In(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        private StateException truncated() {
            return new StateException("the snapshot is truncated or corrupt: a value runs past the end of its"
                    + " section at byte " + pos);
        }

        long varLong() throws StateException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw truncated();
                }
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new StateException("the snapshot is corrupt: a number longer than 64 bits at byte " + pos);
        }

        /** A count or index: a varLong that fits an int and the bytes left. */
        int count() throws StateException {
            long v = varLong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new StateException("the snapshot is corrupt: count " + v + " at byte " + pos);
            }
            return (int) v;
        }

        long zLong() throws StateException {
            long v = varLong();
            return (v >>> 1) ^ -(v & 1);
        }

        boolean bool() throws StateException {
            long v = varLong();
            if (v > 1) {
                throw new StateException("the snapshot is corrupt: " + v + " where a yes/no belongs, at byte " + pos);
            }
            return v == 1;
        }

        int fixedInt() throws StateException {
            if (end - pos < 4) {
                throw truncated();
            }
            int v = ((buf[pos] & 0xff) << 24)
                    | ((buf[pos + 1] & 0xff) << 16)
                    | ((buf[pos + 2] & 0xff) << 8)
                    | (buf[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        long fixedLong() throws StateException {
            return ((long) fixedInt() << 32) | (fixedInt() & 0xFFFFFFFFL);
        }

        byte[] raw(int n) throws StateException {
            if (n < 0 || end - pos < n) {
                throw truncated();
            }
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }

        void skip(int n) throws StateException {
            if (n < 0 || end - pos < n) {
                throw truncated();
            }
            pos += n;
        }

        String string() throws StateException {
            int n = count();
            if (end - pos < n) {
                throw truncated();
            }
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }
}
