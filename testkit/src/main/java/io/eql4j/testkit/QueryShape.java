package io.eql4j.testkit;

import io.eql4j.ast.EventQuery;
import io.eql4j.ast.Query;
import io.eql4j.ast.SampleQuery;
import io.eql4j.ast.SequenceQuery;
import io.eql4j.ast.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * What an expected match of a query must look like (docs/rule-tests.md §5): one id per stage, with {@code runs}
 * expanded and without {@code until}; which stages are missing-event stages; how many join keys a match has.
 *
 * @param missing   per stage, whether it is a missing-event stage {@code ![...]}
 * @param keyCount  the number of join keys: the query's own {@code by} keys, then a stage's
 * @param eventQuery whether the query is an event query (one stage, no keys)
 */
record QueryShape(List<Boolean> missing, int keyCount, boolean eventQuery) {

    static QueryShape of(Query query) {
        if (query.body() instanceof EventQuery) {
            return new QueryShape(List.of(false), 0, true);
        }
        List<Stage> stages;
        int queryKeys;
        if (query.body() instanceof SequenceQuery s) {
            stages = s.stages();
            queryKeys = s.joinKeys().size();
        } else {
            SampleQuery s = (SampleQuery) query.body();
            stages = s.stages();
            queryKeys = s.joinKeys().size();
        }
        List<Boolean> missing = new ArrayList<>();
        for (Stage stage : stages) {
            for (int i = 0; i < stage.runs(); i++) {
                missing.add(stage.missing());
            }
        }
        // every stage has the same number of keys (the compiler checks it)
        return new QueryShape(
                List.copyOf(missing), queryKeys + stages.get(0).joinKeys().size(), false);
    }

    int stages() {
        return missing.size();
    }

    /** "a sequence of 3 stages" and the like, for messages. */
    String describe() {
        if (eventQuery) {
            return "an event query has one stage";
        }
        return "the query has " + stages() + (stages() == 1 ? " stage" : " stages");
    }
}
