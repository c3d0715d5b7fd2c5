package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.CompileOptions;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.testsupport.Seeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bound on a jump in event time ({@link RuntimeOptions#maxTimeJump()}) on random streams: honest streams with
 * gaps far longer than the bound (and a first event decades early, sometimes) find with the default bound exactly
 * what they find without it, and nothing is reported; the same streams with forged far-future events slipped in
 * keep every honest match, with no event late. See docs/notes/engine.md, "One event cannot move time far".
 */
class TimeJumpPropertiesTest {

    /** Sequences with and without windows, {@code until}, a trailing missing event, an event query, a sample. */
    private static final List<String> QUERIES = List.of(
            "sequence by k with maxspan=3d [any where c == 1] [any where c == 2]",
            "sequence by k [any where c == 1] [any where c == 3] until [any where c == 4]",
            "sequence by k with maxspan=2h [any where c == 2] ![any where c == 3]",
            "sequence by k with maxspan=40d [any where c == 1] [any where c == 1] [any where c == 2]",
            "sequence with maxspan=1h [any where c == 3] [any where c == 4]",
            "any where c == 3",
            "any where c == 2 | head 3");

    private static final String SAMPLE = "sample by k [any where c == 1] [any where c == 2]";

    private static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long FORGED = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** One generated event: its id, time (epoch ms), join key and kind (5: no filter accepts it). */
    private record Ev(int id, long ts, String k, int c, boolean forged) {
        Event event(boolean tiebreaker) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("@timestamp", Instant.ofEpochMilli(ts).toString());
            m.put("id", id);
            m.put("k", k);
            m.put("c", c);
            if (tiebreaker) {
                m.put("tb", id);
            }
            return Event.of(m);
        }
    }

    private record Run(List<String> matches, List<EventProblem> problems) {}

    @Test
    void honestStreamsWithGapsBeyondTheBoundFindWhatTheyFindWithoutIt() {
        Seeded.check("honest gaps", 200, random -> {
            boolean tiebreaker = random.nextBoolean();
            Duration lateness = Seeded.oneOf(random, Duration.ZERO, Duration.ofSeconds(30), Duration.ofHours(1));
            List<Ev> events = arrival(honest(random, 0), lateness, random);
            List<String> queries = new ArrayList<>(QUERIES);
            queries.add(SAMPLE);
            Plan plan = plan(queries, tiebreaker);
            RuntimeOptions bounded =
                    RuntimeOptions.builder().allowedLateness(lateness).build();
            RuntimeOptions unbounded = bounded.toBuilder()
                    .maxTimeJump(RuntimeOptions.NO_TIME_JUMP_LIMIT)
                    .build();
            List<Event> stream = events.stream().map(e -> e.event(tiebreaker)).toList();
            Run without = run(plan, unbounded, stream);
            Run with = run(plan, bounded, stream);
            String what = "lateness " + lateness + ", tiebreaker " + tiebreaker + ", " + describe(events);
            assertThat(without.problems()).as("the stream is honest: %s", what).isEmpty();
            assertSame(with.matches(), without.matches(), what);
            assertThat(with.problems()).as(what).isEmpty();
            if (random.nextInt(10) == 0) {
                SnapshotCuts.assertSameAtEveryCut(plan, bounded, stream, what);
            }
        });
    }

    @Test
    void forgedFarFutureEventsLeaveEveryHonestMatch() {
        Seeded.check("forged jumps", 200, random -> {
            boolean tiebreaker = random.nextBoolean();
            Duration lateness = Seeded.oneOf(random, Duration.ZERO, Duration.ofSeconds(30), Duration.ofHours(1));
            List<Ev> honest = arrival(honest(random, 0), lateness, random);
            List<Ev> forged = new ArrayList<>(honest);
            // single forged events, each followed by an honest one: the stream does not confirm them
            int count = 1 + random.nextInt(3);
            int id = 10_000;
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                at.add(random.nextInt(4) == 0 ? 0 : random.nextInt(honest.size()));
            }
            at.sort(Comparator.reverseOrder());
            int previous = -1;
            for (int position : at) {
                if (position == previous) {
                    continue;
                }
                previous = position;
                long ts = FORGED + random.nextInt(1_000) * DAY;
                forged.add(
                        position, new Ev(id++, ts, Seeded.oneOf(random, "a", "b", "c"), 1 + random.nextInt(4), true));
            }
            // not head: a forged first event is evaluated at once (the stream's first time is provisional), and
            // takes a place that an honest event would have had
            Plan plan = plan(QUERIES.stream().filter(q -> !q.contains("| head")).toList(), tiebreaker);
            RuntimeOptions bounded =
                    RuntimeOptions.builder().allowedLateness(lateness).build();
            Run clean = run(
                    plan, bounded, honest.stream().map(e -> e.event(tiebreaker)).toList());
            List<Event> stream = forged.stream().map(e -> e.event(tiebreaker)).toList();
            Run attacked = run(plan, bounded, stream);
            String what = "lateness " + lateness + ", tiebreaker " + tiebreaker + ", " + describe(forged);
            assertThat(clean.problems()).as(what).isEmpty();
            assertSame(
                    attacked.matches().stream()
                            .filter(m -> !m.contains("\"id\":1000"))
                            .toList(),
                    clean.matches(),
                    what);
            assertThat(attacked.problems())
                    .as(what)
                    .allSatisfy(p -> assertThat(p.kind()).isEqualTo(EventProblem.Kind.TIME_JUMP));
            if (random.nextInt(10) == 0) {
                SnapshotCuts.assertSameAtEveryCut(plan, bounded, stream, what);
            }
        });
    }

    /**
     * Events in time order: mostly seconds apart, some at the same time, some days or months apart (far more than
     * the bound), sometimes a first event at the epoch; one in five accepted by no filter.
     */
    private static List<Ev> honest(Random random, int firstId) {
        int n = 20 + random.nextInt(80);
        List<Ev> out = new ArrayList<>();
        long ts = BASE;
        for (int i = 0; i < n; i++) {
            int roll = random.nextInt(100);
            if (i == 0 && roll < 15) {
                ts = 0; // as endgame-140: its first event at the epoch, the next ones decades later
            } else if (i == 1 && ts == 0) {
                ts = BASE;
            } else if (roll < 12) {
                ts += DAY + 1 + random.nextInt(60) * DAY + random.nextInt(1_000_000);
            } else if (roll < 16) {
                ts += DAY - 1 + random.nextInt(3); // about the bound
            } else if (roll >= 35) {
                ts += random.nextInt(120_000);
            }
            int c = random.nextInt(5) == 0 ? 5 : 1 + random.nextInt(4);
            out.add(new Ev(firstId + i, ts, Seeded.oneOf(random, "a", "b", "c"), c, false));
        }
        return out;
    }

    /**
     * The order the events arrive in: as generated at lateness 0; otherwise each delayed by up to half the lateness,
     * so that none is late without the bound.
     */
    private static List<Ev> arrival(List<Ev> events, Duration lateness, Random random) {
        if (lateness.isZero()) {
            return events;
        }
        long half = lateness.toMillis() / 2;
        Map<Ev, Long> arrives = new LinkedHashMap<>();
        for (Ev e : events) {
            arrives.put(e, e.ts() + (long) (random.nextDouble() * half));
        }
        List<Ev> out = new ArrayList<>(events);
        out.sort(Comparator.comparingLong(arrives::get));
        return out;
    }

    private static Plan plan(List<String> queries, boolean tiebreaker) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            rules.add(Rule.ofQuery("q" + i, queries.get(i)));
        }
        CompileOptions options =
                tiebreaker ? EngineOptions.builder().tiebreakerField("tb").build() : CompileOptions.defaults();
        return EqlCompiler.compile(rules, options);
    }

    private static Run run(Plan plan, RuntimeOptions options, List<Event> events) {
        List<String> matches = new ArrayList<>();
        List<EventProblem> problems = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(plan, options, m -> matches.add(SnapshotCuts.describe(m)), problems::add);
        for (Event e : events) {
            engine.accept(e);
        }
        engine.finish();
        return new Run(matches, problems);
    }

    /**
     * Each rule's matches are the expected ones, in order, and so are those of all the rules that need time (a
     * sample, which needs none, is matched as events arrive, so it interleaves with them as the events are let
     * through); if not, the message shows where they part first.
     */
    private static void assertSame(List<String> actual, List<String> expected, String what) {
        Map<String, List<String>> actualByRule = byRule(actual);
        Map<String, List<String>> expectedByRule = byRule(expected);
        for (String rule : expectedByRule.keySet()) {
            assertSameInOrder(
                    actualByRule.getOrDefault(rule, List.of()), expectedByRule.get(rule), what + "\nrule " + rule);
        }
        assertThat(actualByRule.keySet()).as(what).isEqualTo(expectedByRule.keySet());
        assertSameInOrder(
                actual.stream().filter(m -> !m.contains(" SAMPLE ")).toList(),
                expected.stream().filter(m -> !m.contains(" SAMPLE ")).toList(),
                what);
    }

    private static Map<String, List<String>> byRule(List<String> matches) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String m : matches) {
            out.computeIfAbsent(m.substring(0, m.indexOf(' ')), k -> new ArrayList<>())
                    .add(m);
        }
        return out;
    }

    private static void assertSameInOrder(List<String> actual, List<String> expected, String what) {
        int i = 0;
        while (i < actual.size() && i < expected.size() && actual.get(i).equals(expected.get(i))) {
            i++;
        }
        int from = Math.max(0, i - 2);
        assertThat(actual)
                .as(
                        "%s%nfirst difference at match %d of %d (expected %d); expected from %d:%n%s%nbut found:%n%s",
                        what,
                        i,
                        actual.size(),
                        expected.size(),
                        from,
                        String.join("\n", expected.subList(from, Math.min(expected.size(), i + 3))),
                        String.join("\n", actual.subList(from, Math.min(actual.size(), i + 3))))
                .isEqualTo(expected);
    }

    private static String describe(List<Ev> events) {
        StringBuilder sb = new StringBuilder("events (id time key kind):");
        for (Ev e : events) {
            sb.append(' ')
                    .append(e.id())
                    .append(e.forged() ? "!" : "")
                    .append('@')
                    .append(Instant.ofEpochMilli(e.ts()))
                    .append(':')
                    .append(e.k())
                    .append(e.c());
        }
        return sb.toString();
    }
}
