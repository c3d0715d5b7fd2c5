package io.eql4j.testkit;

import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Runs a plan over a bounded list of events on a fresh engine, as a rule test does. */
final class Runs {

    private Runs() {}

    /**
     * Feeds {@code events} in order, ends the input, and returns what the engine reported.
     *
     * @param idOf the id text of an event given (events come back in matches as the same objects)
     */
    static Matches run(Plan plan, List<? extends Event> events, Function<Event, String> idOf) {
        List<ActualMatch> matches = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(plan, m -> matches.add(actual(m, idOf)), p -> problems.add(p.toString()));
        for (Event e : events) {
            engine.accept(e);
        }
        engine.finish();
        return new Matches(matches, problems);
    }

    private static ActualMatch actual(Match m, Function<Event, String> idOf) {
        List<String> ids = new ArrayList<>(m.events().size());
        for (Event e : m.events()) {
            ids.add(e == null ? null : idOf.apply(e));
        }
        List<String> keys = new ArrayList<>(m.joinKeys().size());
        for (Object k : m.joinKeys()) {
            keys.add(ExpectSyntax.keyText(k));
        }
        return new ActualMatch(ids, keys, m);
    }
}
