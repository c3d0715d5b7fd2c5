package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.EventBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks that a stream cut anywhere, snapshotted, restored into a fresh engine and fed the rest gives exactly the
 * matches of one uninterrupted run. The cuts are chosen from what the uninterrupted run held after each event:
 * before the first event, after the last, and the first, a middle and the last event index at which partial
 * sequences were pending, events waited in the reorder buffer, completed sequences waited for a trailing verdict,
 * or sample keys were held.
 */
public final class SnapshotCuts {

    private SnapshotCuts() {}

    /** A match as text: rule, kind, each event's source, join keys. */
    public static String describe(Match m) {
        StringBuilder sb = new StringBuilder(m.rule().ruleId()).append(' ').append(m.kind());
        for (Event e : m.events()) {
            sb.append(" | ")
                    .append(e == null ? "-" : new String(EventBytes.json(e), java.nio.charset.StandardCharsets.UTF_8));
        }
        return sb.append(" keys ").append(m.joinKeys()).toString();
    }

    /** The matches of one uninterrupted run, and the cut points it suggests. */
    public static List<Integer> cuts(Plan plan, RuntimeOptions options, List<Event> events, List<String> matches) {
        EqlEngine engine = EqlEngine.create(plan, options, m -> matches.add(describe(m)), p -> {});
        List<Integer> pending = new ArrayList<>();
        List<Integer> buffered = new ArrayList<>();
        List<Integer> decisions = new ArrayList<>();
        List<Integer> samples = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            engine.accept(events.get(i));
            EngineStats s = engine.stats();
            int cut = i + 1;
            if (s.pendingSequences() > 0) {
                pending.add(cut);
            }
            if (s.bufferedEvents() > 0) {
                buffered.add(cut);
            }
            if (s.pendingDecisions() > 0) {
                decisions.add(cut);
            }
            if (s.sampleKeys() > 0) {
                samples.add(cut);
            }
        }
        engine.finish();
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, events.size()));
        for (List<Integer> kind : List.of(pending, buffered, decisions, samples)) {
            if (!kind.isEmpty()) {
                cuts.add(kind.get(0));
                cuts.add(kind.get(kind.size() / 2));
                cuts.add(kind.get(kind.size() - 1));
            }
        }
        return new ArrayList<>(cuts);
    }

    /**
     * Asserts that cutting the stream at each of {@code cuts} alone, and at all of them in one run (snapshot,
     * restore, go on, snapshot again ...), gives the uninterrupted matches.
     */
    public static void assertSameAcrossCuts(Plan plan, RuntimeOptions options, List<Event> events, String what) {
        List<String> expected = new ArrayList<>();
        List<Integer> cuts = cuts(plan, options, events, expected);
        for (int cut : cuts) {
            assertThat(run(plan, options, events, List.of(cut)))
                    .as("%s cut at event %d of %d", what, cut, events.size())
                    .isEqualTo(expected);
        }
        assertThat(run(plan, options, events, cuts))
                .as("%s cut at all of %s", what, cuts)
                .isEqualTo(expected);
    }

    /** As {@link #assertSameAcrossCuts}, with a cut at every event index (for small streams). */
    public static void assertSameAtEveryCut(Plan plan, RuntimeOptions options, List<Event> events, String what) {
        List<String> expected = new ArrayList<>();
        cuts(plan, options, events, expected);
        List<Integer> all = new ArrayList<>();
        for (int cut = 0; cut <= events.size(); cut++) {
            all.add(cut);
            assertThat(run(plan, options, events, List.of(cut)))
                    .as("%s%ncut at event %d of %d", what, cut, events.size())
                    .isEqualTo(expected);
        }
        assertThat(run(plan, options, events, all))
                .as("%s%ncut at every event", what)
                .isEqualTo(expected);
    }

    /** Runs the stream, snapshotting and restoring into a fresh engine at each cut. */
    public static List<String> run(Plan plan, RuntimeOptions options, List<Event> events, List<Integer> cuts) {
        List<String> matches = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(plan, options, m -> matches.add(describe(m)), p -> {});
        int next = 0;
        for (int i = 0; i <= events.size(); i++) {
            if (next < cuts.size() && cuts.get(next) == i) {
                engine = roundTrip(engine, plan, options, matches);
                next++;
            }
            if (i < events.size()) {
                engine.accept(events.get(i));
            }
        }
        engine.finish();
        return matches;
    }

    private static EqlEngine roundTrip(EqlEngine engine, Plan plan, RuntimeOptions options, List<String> matches) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            engine.snapshot(bytes);
            return EqlEngine.restore(
                    plan,
                    options,
                    new ByteArrayInputStream(bytes.toByteArray()),
                    m -> matches.add(describe(m)),
                    p -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
