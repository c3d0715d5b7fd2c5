package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.testsupport.Seeded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine against a naive reference written straight from the spec (§6.4 pseudo-code, §6.5 missing events,
 * §6.6 order, §3.5 limits) on random small streams: a few keys, 2-4 terms with random conditions over a tiny
 * alphabet (three-valued logic included), random {@code runs}, {@code maxspan}, {@code until}, missing terms,
 * {@code head}/{@code tail}, timestamps with ties ordered by a tiebreaker (sometimes null), and arrival out of
 * order within the allowed lateness.
 *
 * <p>The reference keeps explicit lists per key and stage and searches the whole sorted stream for missing
 * events; it knows nothing of the engine's slots, trackers, buffers or deadlines.
 */
class SequencePropertiesTest {

    // ---- the model: events, conditions, terms ----

    /**
     * One event; {@code cat} is x, y, xy (both, as an array) or null; the join-key fields {@code k} and {@code j}
     * hold null, one value, or a list of distinct values.
     */
    record Ev(int id, long ts, Long tb, List<String> k, List<String> j, String cat, Long c, String d) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("@timestamp", Timeline.iso(Timeline.time(ts)));
            if (tb != null) {
                m.put("tb", tb);
            }
            putKey(m, "k", k);
            putKey(m, "j", j);
            if (cat != null) {
                m.put("event", Map.of("category", cat.equals("xy") ? List.of("x", "y") : cat));
            }
            if (c != null) {
                m.put("c", c);
            }
            if (d != null) {
                m.put("d", d);
            }
            return m;
        }

        private static void putKey(Map<String, Object> m, String field, List<String> values) {
            if (!values.isEmpty()) {
                m.put(field, values.size() == 1 ? values.get(0) : values);
            }
        }

        /** The values of a key field (none when absent). */
        List<String> keys(String field) {
            return field.equals("k") ? k : j;
        }

        boolean hasCategory(String category) {
            return category == null || (cat != null && cat.contains(category));
        }
    }

    /** A condition in EQL and its three-valued meaning (null = unknown). */
    interface Cond {
        String eql();

        Boolean eval(Ev e);
    }

    record Atom(String eql, java.util.function.Function<Ev, Boolean> meaning) implements Cond {
        @Override
        public Boolean eval(Ev e) {
            return meaning.apply(e);
        }

        @Override
        public String toString() {
            return eql;
        }
    }

    record Not(Cond operand) implements Cond {
        @Override
        public String eql() {
            return "not (" + operand.eql() + ")";
        }

        @Override
        public Boolean eval(Ev e) {
            Boolean b = operand.eval(e);
            return b == null ? null : !b;
        }
    }

    record Junction(boolean and, Cond left, Cond right) implements Cond {
        @Override
        public String eql() {
            return "(" + left.eql() + (and ? " and " : " or ") + right.eql() + ")";
        }

        @Override
        public Boolean eval(Ev e) {
            Boolean a = left.eval(e);
            Boolean b = right.eval(e);
            if (and) {
                if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
                    return false;
                }
                return a == null || b == null ? null : true;
            }
            if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
                return true;
            }
            return a == null || b == null ? null : false;
        }
    }

    /**
     * A term: {@code [cat where cond] by field} (category null = any), repeated {@code runs} times, maybe missing.
     */
    record Term(String cat, Cond cond, String by, int runs, boolean missing) {
        String eql(boolean withBy) {
            return (missing ? "![" : "[") + (cat == null ? "any" : cat) + " where " + cond.eql() + "]"
                    + (withBy ? " by " + by : "") + (runs > 1 ? " with runs=" + runs : "");
        }

        boolean matches(Ev e) {
            return e.hasCategory(cat) && Boolean.TRUE.equals(cond.eval(e));
        }
    }

    /** A random sequence query and stream; {@code sequenceBy} writes the key once when every term uses k. */
    record Scenario(
            List<Term> terms,
            Term until,
            long maxspan,
            String pipe,
            boolean sequenceBy,
            List<Ev> arrival,
            Duration lateness) {
        String query() {
            StringBuilder q = new StringBuilder(sequenceBy ? "sequence by k" : "sequence");
            if (maxspan >= 0) {
                q.append(" with maxspan=").append(maxspan).append("ms");
            }
            for (Term t : terms) {
                q.append(' ').append(t.eql(!sequenceBy));
            }
            if (until != null) {
                q.append(" until ").append(until.eql(!sequenceBy));
            }
            return q.append(pipe).toString();
        }

        Scenario with(Term until, long maxspan, String pipe) {
            return new Scenario(terms, until, maxspan, pipe, sequenceBy, arrival, lateness);
        }

        @Override
        public String toString() {
            return query() + "\nlateness " + lateness + "\narrival:\n"
                    + arrival.stream().map(Ev::toString).collect(Collectors.joining("\n"));
        }
    }

    // ---- the property ----

    @Test
    void theEngineAgreesWithTheReference() {
        Seeded.check("theEngineAgreesWithTheReference", 1500, r -> agreesWithTheReference(scenario(r)));
    }

    private static void agreesWithTheReference(Scenario s) {
        Timeline t =
                Timeline.query(s.query()).options(o -> o.tiebreakerField("tb").allowedLateness(s.lateness()));
        s.arrival().forEach(e -> t.event(e.toMap()));
        Timeline.Run run = t.run().finish();
        assertThat(run.problems()).as("problems of\n%s", s).isEmpty();
        assertThat(run.delivered()).as("matches of\n%s", s).containsExactlyElementsOf(reference(s));
    }

    /**
     * The random streams cut at every event (inside partial sequences, with events buffered at lateness > 0, just
     * before maxspan and trailing missing-event deadlines), snapshotted and restored into a fresh engine: the same
     * matches as one uninterrupted run. Seeded: {@code -Deql4j.test.seed=N} repeats a failure.
     */
    @Test
    void snapshotsAnywhereChangeNothing() {
        long seed = Long.getLong("eql4j.test.seed", System.nanoTime());
        Random r = new Random(seed);
        int withPending = 0;
        for (int i = 0; i < 300; i++) {
            Scenario s = scenario(r);
            io.eql4j.compile.Plan plan = io.eql4j.compile.EqlCompiler.compile(
                    s.query(),
                    io.eql4j.compile.CompileOptions.builder()
                            .tiebreakerField("tb")
                            .build());
            RuntimeOptions options =
                    RuntimeOptions.builder().allowedLateness(s.lateness()).build();
            List<io.eql4j.event.Event> events = new ArrayList<>();
            s.arrival().forEach(e -> events.add(io.eql4j.event.Event.of(e.toMap())));
            SnapshotCuts.assertSameAtEveryCut(
                    plan,
                    options,
                    events,
                    "seed " + seed + " (-Deql4j.test.seed=" + seed + "), scenario " + i + ":\n" + s);
            EqlEngine probe = EqlEngine.create(plan, options, m -> {}, p -> {});
            for (io.eql4j.event.Event e : events) {
                probe.accept(e);
                if (probe.stats().pendingSequences() > 0 || probe.stats().pendingDecisions() > 0) {
                    withPending++;
                    break;
                }
            }
        }
        assertThat(withPending)
                .as("scenarios whose cuts fall inside pending sequences")
                .isGreaterThan(60);
    }

    /** The generator must keep producing the cases that matter, or the property proves little. */
    @Test
    void theScenariosCoverTheInterestingCases() {
        Random r = new Random(1);
        int withMatches = 0;
        int withPlaceholders = 0;
        int untilMatters = 0;
        int maxspanMatters = 0;
        int leadingAndTrailing = 0;
        int pipeMatters = 0;
        int sameEventsOtherKey = 0;
        for (int i = 0; i < 2000; i++) {
            Scenario s = scenario(r);
            List<String> out = reference(s);
            withMatches += out.isEmpty() ? 0 : 1;
            withPlaceholders += out.stream().anyMatch(m -> m.contains("-")) ? 1 : 0;
            for (int m = 1; m < out.size(); m++) {
                if (out.get(m).split(" ")[0].equals(out.get(m - 1).split(" ")[0])) {
                    sameEventsOtherKey++;
                    break;
                }
            }
            boolean anyMissing = s.terms().stream().anyMatch(Term::missing);
            if (s.until() != null
                    && !reference(s.with(null, s.maxspan(), s.pipe())).equals(out)) {
                untilMatters++;
            }
            if (s.maxspan() >= 0
                    && !anyMissing
                    && !reference(s.with(s.until(), -1, s.pipe())).equals(out)) {
                maxspanMatters++;
            }
            if (s.terms().get(0).missing()
                    && s.terms().get(s.terms().size() - 1).missing()
                    && !out.isEmpty()) {
                leadingAndTrailing++;
            }
            if (!s.pipe().isEmpty()
                    && !reference(s.with(s.until(), s.maxspan(), "")).equals(out)) {
                pipeMatters++;
            }
        }
        String counts = "matches " + withMatches + ", placeholders " + withPlaceholders + ", until " + untilMatters
                + ", maxspan " + maxspanMatters + ", both ends " + leadingAndTrailing + ", pipes " + pipeMatters
                + ", same events by several keys " + sameEventsOtherKey;
        assertThat(withMatches).as(counts).isGreaterThan(500);
        assertThat(withPlaceholders).as(counts).isGreaterThan(300);
        assertThat(untilMatters).as(counts).isGreaterThan(50);
        assertThat(maxspanMatters).as(counts).isGreaterThan(100);
        assertThat(leadingAndTrailing).as(counts).isGreaterThan(35);
        assertThat(pipeMatters).as(counts).isGreaterThan(80);
        assertThat(sameEventsOtherKey).as(counts).isGreaterThan(50);
    }

    // ---- the reference ----

    /** A partial or complete sequence: its key, and the event (index in ordinal order) per stage, -1 where none. */
    static final class Seq {
        final String key;
        final int[] at;
        final int start;
        int ordinal;

        Seq(String key, int stages, int start) {
            this.key = key;
            this.at = new int[stages];
            java.util.Arrays.fill(at, -1);
            this.start = start;
            this.ordinal = start;
        }
    }

    /** The reference's state while it reads the stream. */
    static final class Reference {
        final Scenario s;
        final List<Ev> events;
        final List<Term> stages = new ArrayList<>();
        final List<Integer> positive = new ArrayList<>();
        /** Per key, per positive stage: the in-flight sequences whose last matched stage it is, oldest first. */
        final Map<String, Map<Integer, List<Seq>>> groups = new HashMap<>();
        /** Per key: the ordinals of its until events. */
        final Map<String, List<Integer>> untils = new HashMap<>();

        final List<Seq> completed = new ArrayList<>();

        Reference(Scenario s) {
            this.s = s;
            // events in ordinal order: timestamp, tiebreaker (null last), arrival
            List<Ev> arrival = s.arrival();
            Map<Ev, Integer> arrivalIndex = new HashMap<>();
            for (int i = 0; i < arrival.size(); i++) {
                arrivalIndex.put(arrival.get(i), i);
            }
            this.events = new ArrayList<>(arrival);
            events.sort(Comparator.comparingLong(Ev::ts)
                    .thenComparing(Ev::tb, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(arrivalIndex::get));
            for (Term term : s.terms()) {
                for (int r = 0; r < term.runs(); r++) {
                    stages.add(term);
                }
            }
            for (int i = 0; i < stages.size(); i++) {
                if (!stages.get(i).missing()) {
                    positive.add(i);
                }
            }
        }

        int first() {
            return positive.get(0);
        }

        int last() {
            return positive.get(positive.size() - 1);
        }

        List<String> run() {
            for (int o = 0; o < events.size(); o++) {
                Ev e = events.get(o);
                // one (key, event) entry per key value; an event without a value takes no part in that term
                if (s.until() != null && s.until().matches(e)) {
                    for (String key : e.keys(s.until().by())) {
                        untils.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
                    }
                }
                for (int pi = positive.size() - 1; pi >= 0; pi--) {
                    Term stage = stages.get(positive.get(pi));
                    if (stage.matches(e)) {
                        for (String key : e.keys(stage.by())) {
                            step(pi, key, o);
                        }
                    }
                }
            }
            // completed sequences in order of their last event, then of their key
            completed.sort(Comparator.<Seq>comparingInt(q -> q.ordinal).thenComparing(q -> q.key));
            List<String> out = new ArrayList<>();
            for (Seq seq : completed) {
                if (acceptedWithMissingEvents(seq)) {
                    out.add(render(seq));
                }
            }
            if (s.pipe().startsWith(" | head ")) {
                return out.subList(
                        0, Math.min(out.size(), Integer.parseInt(s.pipe().substring(8))));
            }
            if (s.pipe().startsWith(" | tail ")) {
                return out.subList(
                        Math.max(0, out.size() - Integer.parseInt(s.pipe().substring(8))), out.size());
            }
            return out;
        }

        /** §6.4 for event {@code o} with key {@code key} at the {@code pi}-th positive stage. */
        void step(int pi, String key, int o) {
            int st = positive.get(pi);
            Map<Integer, List<Seq>> byStage = groups.computeIfAbsent(key, k -> new HashMap<>());
            Seq seq;
            if (st == first()) {
                seq = new Seq(key, stages.size(), o);
            } else {
                List<Seq> g = byStage.getOrDefault(positive.get(pi - 1), new ArrayList<>());
                int latest = -1;
                for (int i = 0; i < g.size(); i++) {
                    if (g.get(i).ordinal < o) {
                        latest = i;
                    }
                }
                if (latest < 0) {
                    return;
                }
                seq = g.get(latest);
                g.subList(0, latest + 1).clear();
                if (s.maxspan() >= 0
                        && events.get(o).ts() - events.get(seq.start).ts() > s.maxspan()) {
                    return;
                }
                Integer u = null;
                for (int x : untils.getOrDefault(key, List.of())) {
                    if (x < o) {
                        u = x;
                    }
                }
                if (u != null && seq.ordinal <= u) {
                    return;
                }
            }
            seq.at[st] = o;
            seq.ordinal = o;
            if (st == last()) {
                completed.add(seq);
            } else {
                byStage.computeIfAbsent(st, x -> new ArrayList<>()).add(seq);
            }
        }

        /** Spec §6.5, literally: search the whole stream for events of each missing stage with the same key. */
        boolean acceptedWithMissingEvents(Seq seq) {
            int first = first();
            int last = last();
            String key = seq.key;
            long startTs = events.get(seq.at[first]).ts();
            long lastTs = events.get(seq.at[last]).ts();
            Long lastLeading = null;
            Long firstTrailing = null;
            for (int m = 0; m < stages.size(); m++) {
                if (!stages.get(m).missing()) {
                    continue;
                }
                long prevTs = Long.MIN_VALUE;
                long nextTs = Long.MAX_VALUE;
                if (m > first && m < last) {
                    for (int p = m - 1; p >= 0; p--) {
                        if (seq.at[p] >= 0) {
                            prevTs = events.get(seq.at[p]).ts();
                            break;
                        }
                    }
                    for (int p = m + 1; p < stages.size(); p++) {
                        if (seq.at[p] >= 0) {
                            nextTs = events.get(seq.at[p]).ts();
                            break;
                        }
                    }
                }
                for (Ev e : events) {
                    if (!e.keys(stages.get(m).by()).contains(key)
                            || !stages.get(m).matches(e)) {
                        continue;
                    }
                    if (m < first && e.ts() < startTs) {
                        lastLeading = lastLeading == null ? e.ts() : Math.max(lastLeading, e.ts());
                    } else if (m > last && e.ts() > lastTs) {
                        firstTrailing = firstTrailing == null ? e.ts() : Math.min(firstTrailing, e.ts());
                    } else if (m > first && m < last && prevTs < e.ts() && e.ts() < nextTs) {
                        return false;
                    }
                }
            }
            boolean leadingStage = stages.get(0).missing();
            boolean trailingStage = stages.get(stages.size() - 1).missing();
            long span = s.maxspan();
            if (lastLeading == null && firstTrailing == null) {
                return true;
            }
            if (leadingStage && lastLeading == null) {
                return true;
            }
            if (trailingStage && firstTrailing == null) {
                return true;
            }
            if (leadingStage && trailingStage) {
                return firstTrailing - lastLeading > span;
            }
            if (leadingStage) {
                return lastTs - lastLeading > span;
            }
            return firstTrailing - startTs > span;
        }

        String render(Seq seq) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < seq.at.length; i++) {
                sb.append(i == 0 ? "" : ",")
                        .append(
                                seq.at[i] < 0
                                        ? "-"
                                        : String.valueOf(events.get(seq.at[i]).id()));
            }
            return sb.append(" by ").append(seq.key).toString();
        }
    }

    static List<String> reference(Scenario s) {
        return new Reference(s).run();
    }

    // ---- generation ----

    static Scenario scenario(Random r) {
        long maxspan = r.nextInt(3) == 0 ? -1 : 500L * (1 + r.nextInt(6));
        int termCount = 2 + r.nextInt(3);
        boolean sequenceBy = r.nextBoolean();
        List<Term> terms = new ArrayList<>();
        int stageCount = 0;
        for (int i = 0; i < termCount; i++) {
            int runs = r.nextInt(5) == 0 ? 2 + r.nextInt(2) : 1;
            if (stageCount + runs > 6) {
                runs = 1;
            }
            stageCount += runs;
            boolean missing = maxspan >= 0 && r.nextInt(3) == 0;
            terms.add(new Term(category(r), condition(r, 2), keyField(r, sequenceBy), runs, missing));
        }
        if (terms.stream().allMatch(Term::missing)) {
            int i = r.nextInt(terms.size());
            Term t = terms.get(i);
            terms.set(i, new Term(t.cat(), t.cond(), t.by(), t.runs(), false));
        }
        Term until =
                r.nextInt(4) == 0 ? new Term(category(r), condition(r, 1), keyField(r, sequenceBy), 1, false) : null;
        String pipe = switch (r.nextInt(6)) {
            case 0 -> " | head " + (1 + r.nextInt(3));
            case 1 -> " | tail " + (1 + r.nextInt(3));
            default -> "";
        };

        int count = 5 + r.nextInt(26);
        List<Ev> events = new ArrayList<>();
        List<Long> tiebreakers = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            tiebreakers.add(i);
        }
        java.util.Collections.shuffle(tiebreakers, r);
        long ts = 0;
        long[] gaps = {0, 0, 500, 500, 1000, 2000, 3000};
        for (int i = 0; i < count; i++) {
            ts += gaps[r.nextInt(gaps.length)];
            String[] cats = {"x", "x", "y", "xy", null};
            Long c = r.nextInt(5) == 0 ? null : (long) r.nextInt(3);
            String d = switch (r.nextInt(4)) {
                case 0 -> null;
                case 1 -> "a";
                case 2 -> "A";
                default -> "b";
            };
            List<String> k = keyValues(r);
            List<String> j = r.nextBoolean() ? k : keyValues(r);
            events.add(new Ev(
                    i + 1,
                    ts,
                    r.nextInt(8) == 0 ? null : tiebreakers.get(i),
                    k,
                    j,
                    cats[r.nextInt(cats.length)],
                    c,
                    d));
        }
        // arrival: either any order with a lateness beyond the whole stream, or each event delayed by less
        // than the lateness, so that none is late
        Duration lateness;
        List<Ev> arrival = new ArrayList<>(events);
        if (r.nextBoolean()) {
            lateness = Duration.ofDays(1);
            java.util.Collections.shuffle(arrival, r);
        } else {
            long l = 1 + r.nextInt(3000);
            lateness = Duration.ofMillis(l);
            Map<Ev, Long> arrivesAt = new HashMap<>();
            for (Ev e : events) {
                arrivesAt.put(e, e.ts() + (long) r.nextInt((int) l));
            }
            arrival.sort(Comparator.comparing(arrivesAt::get));
        }
        return new Scenario(terms, until, maxspan, pipe, sequenceBy, arrival, lateness);
    }

    private static String keyField(Random r, boolean sequenceBy) {
        return sequenceBy || r.nextBoolean() ? "k" : "j";
    }

    /** No value, one value, or (now and then) two distinct values. */
    private static List<String> keyValues(Random r) {
        String[] keys = {"k1", "k1", "k1", "k2", "k2", "k3"};
        int kind = r.nextInt(8);
        if (kind == 0) {
            return List.of();
        }
        String one = keys[r.nextInt(keys.length)];
        if (kind == 1) {
            String other = keys[r.nextInt(keys.length)];
            return other.equals(one) ? List.of(one) : List.of(one, other);
        }
        return List.of(one);
    }

    private static String category(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "x";
            case 1 -> "y";
            default -> null;
        };
    }

    private static Cond condition(Random r, int depth) {
        if (depth > 0 && r.nextInt(3) == 0) {
            switch (r.nextInt(3)) {
                case 0:
                    return new Not(condition(r, depth - 1));
                case 1:
                    return new Junction(true, condition(r, depth - 1), condition(r, depth - 1));
                default:
                    return new Junction(false, condition(r, depth - 1), condition(r, depth - 1));
            }
        }
        long v = r.nextInt(3);
        long w = r.nextInt(3);
        switch (r.nextInt(13)) {
            case 0:
                return new Atom("c == " + v, e -> e.c() == null ? null : e.c() == v);
            case 1:
                return new Atom("c != " + v, e -> e.c() == null ? null : e.c() != v);
            case 2:
                return new Atom("c < " + v, e -> e.c() == null ? null : e.c() < v);
            case 3:
                return new Atom("c >= " + v, e -> e.c() == null ? null : e.c() >= v);
            case 4:
                return new Atom("c in (" + v + ", " + w + ")", e -> e.c() == null ? null : e.c() == v || e.c() == w);
            case 5:
                return new Atom("d == \"a\"", e -> e.d() == null ? null : e.d().equals("a"));
            case 6:
                return new Atom("d : \"a\"", e -> e.d() == null ? null : e.d().equalsIgnoreCase("a"));
            case 7:
                return new Atom("d != \"b\"", e -> e.d() == null ? null : !e.d().equals("b"));
            case 8:
                return new Atom("c == null", e -> e.c() == null);
            default:
                return new Atom("true", e -> true);
        }
    }
}
