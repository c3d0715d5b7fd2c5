package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.ResultPosition;
import io.eql4j.compile.TimestampPrecision;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sequences (spec §6): join keys, maxspan, the latest-wins rule, {@code until}, {@code runs}, missing events,
 * result order and limits.
 */
class SequenceTest {

    private static final String AB =
            "sequence by user with maxspan=10s " + "[process where name == \"a\"] [process where name == \"b\"]";

    // ---- join keys ----

    @Test
    void sequenceByJoinsOnlyEqualKeys() {
        Timeline.query(AB)
                .at("00:00:01", "id=1 user=u1 category=process name=a")
                .at("00:00:02", "id=2 user=u2 category=process name=a")
                .at("00:00:03", "id=3 user=u3 category=process name=b")
                .at("00:00:05", "id=4 user=u1 category=process name=b")
                .at("00:00:06", "id=5 category=process name=b")
                .at("00:00:07", "id=6 user=u2 category=file name=b")
                .expect("1,4 by u1");
    }

    @Test
    void aMissingKeyDropsTheEventFromThatStage() {
        Timeline.query(AB)
                .at("00:00:01", "id=1 category=process name=a")
                .at("00:00:02", "id=2 category=process name=b")
                .at("00:00:03", "id=3 user=null category=process name=a")
                .at("00:00:04", "id=4 user=[] category=process name=b")
                .expectNone();
    }

    @Test
    void perStageKeysWithDifferentFieldNamesJoinByValue() {
        Timeline.query("sequence [process where name == \"a\"] by pid [process where name == \"b\"] by ppid")
                .at("00:00:01", "id=1 category=process name=a pid=10")
                .at("00:00:02", "id=2 category=process name=a pid=20")
                .at("00:00:03", "id=3 category=process name=b ppid=30 pid=10")
                .at("00:00:04", "id=4 category=process name=b ppid=10")
                .expect("1,4 by 10");
        Timeline.query("sequence by host [process where name == \"a\"] by pid [process where name == \"b\"] by ppid")
                .at("00:00:01", "id=1 host=h1 category=process name=a pid=10")
                .at("00:00:02", "id=2 host=h2 category=process name=b ppid=10")
                .at("00:00:03", "id=3 host=h1 category=process name=b ppid=10")
                .expect("1,3 by h1,10");
    }

    @Test
    void numericKeysOfDifferentJavaTypesJoin() {
        Timeline.query("sequence [any where name == \"a\"] by pid [any where name == \"b\"] by ppid")
                .at("00:00:01", Map.of("id", 1, "name", "a", "pid", 10))
                .at("00:00:02", Map.of("id", 2, "name", "b", "ppid", 10L))
                .expect("1,2 by 10");
        Match m = Timeline.query("sequence by pid [any where name == \"a\"] [any where name == \"b\"]")
                .at("00:00:01", Map.of("id", 1, "name", "a", "pid", (short) 7))
                .at("00:00:02", Map.of("id", 2, "name", "b", "pid", 7))
                .expect("1,2 by 7")
                .matches()
                .get(0);
        assertThat(m.joinKeys()).containsExactly(7L);
        assertThat(m.kind()).isEqualTo(Match.Kind.SEQUENCE);
    }

    @Test
    void keyCountMismatchIsACompileError() {
        assertThatThrownBy(() -> EqlCompiler.compile("sequence [any where true] by a [any where true]"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("Inconsistent number of join keys");
        assertThatThrownBy(() -> EqlCompiler.compile(
                        "sequence by a [any where true] by b [any where true] until [any where true]"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("Inconsistent number of join keys");
    }

    @Test
    void multiValuedKeysGiveOneEntryPerValue() {
        Timeline.query("sequence by tag [any where x == 1] [any where x == 2]")
                .at("00:00:01", "id=1 x=1 tag=[t1,t2]")
                .at("00:00:02", "id=2 x=2 tag=[t2,t3]")
                .at("00:00:03", "id=3 x=2 tag=t1")
                .expect("1,2 by t2", "1,3 by t1");
    }

    @Test
    void multiValuedKeysMakeTheCartesianProduct() {
        Timeline.query("sequence by x, y [any where s == 1] [any where s == 2]")
                .at("00:00:01", "id=1 s=1 x=[1,2] y=[a,b]")
                .at("00:00:02", "id=2 s=2 x=2 y=b")
                .at("00:00:03", "id=3 s=2 x=1 y=a")
                .at("00:00:04", "id=4 s=2 x=2 y=a")
                .at("00:00:05", "id=5 s=2 x=1 y=c")
                .expect("1,2 by 2,b", "1,3 by 1,a", "1,4 by 2,a");
    }

    @Test
    void duplicateKeyValuesGiveNoDuplicateResults() {
        Timeline.query("sequence by tag [any where x == 1] [any where x == 2]")
                .at("00:00:01", "id=1 x=1 tag=[t1,t1]")
                .at("00:00:02", "id=2 x=2 tag=[t1,t1,t1]")
                .expect("1,2 by t1");
    }

    @Test
    void sequencesEndingAtTheSameEventAreOrderedByKey() {
        Timeline.query("sequence by tag [any where x == 1] [any where x == 2]")
                .at("00:00:01", "id=1 x=1 tag=t4")
                .at("00:00:02", "id=2 x=1 tag=[t3,t1]")
                .at("00:00:03", "id=3 x=2 tag=[t4,t3,t1]")
                .expect("2,3 by t1", "2,3 by t3", "1,3 by t4");
    }

    @Test
    void optionalKeysJoinNullWithNull() {
        Timeline.query("sequence by ?k [any where x == 1] [any where x == 2]")
                .at("00:00:01", "id=1 x=1")
                .at("00:00:02", "id=2 x=2 k=v")
                .at("00:00:03", "id=3 x=2")
                .at("00:00:04", "id=4 x=1 k=v")
                .at("00:00:05", "id=5 x=2 k=v")
                .expect("1,3 by null", "4,5 by v");
        Match m = Timeline.query("sequence by ?k, h [any where x == 1] [any where x == 2]")
                .at("00:00:01", "id=1 x=1 h=1")
                .at("00:00:02", "id=2 x=2 h=1")
                .expect("1,2 by null,1")
                .matches()
                .get(0);
        assertThat(m.joinKeys()).isEqualTo(Arrays.asList(null, 1L));
    }

    // ---- maxspan ----

    @Test
    void maxspanIsInclusiveAtTheBoundary() {
        Timeline.query(AB)
                .at("00:00:00", "id=1 user=u1 category=process name=a")
                .at("00:00:10", "id=2 user=u1 category=process name=b")
                .at("00:00:20", "id=3 user=u2 category=process name=a")
                .at("00:00:30.001", "id=4 user=u2 category=process name=b")
                .expect("1,2 by u1");
    }

    @Test
    void maxspanAtNanosecondPrecision() {
        String query = "sequence with maxspan=1s [any where x == 1] [any where x == 2]";
        Timeline.query(query)
                .options(o -> o.timestampPrecision(TimestampPrecision.NANOS))
                .at("00:00:00.000000500", "id=1 x=1")
                .at("00:00:01.000000500", "id=2 x=2")
                .at("00:00:02.000000000", "id=3 x=1")
                .at("00:00:03.000000001", "id=4 x=2")
                .expect("1,2");
        // the same stream at millisecond precision: 3 and 4 are 1000 ms apart
        Timeline.query(query)
                .at("00:00:00.000000500", "id=1 x=1")
                .at("00:00:01.000000500", "id=2 x=2")
                .at("00:00:02.000000000", "id=3 x=1")
                .at("00:00:03.000000001", "id=4 x=2")
                .expect("1,2", "3,4");
    }

    @Test
    void maxspanIsMeasuredFromTheFirstEventAtEveryStage() {
        Timeline.query("sequence with maxspan=10s [any where x == 1] [any where x == 2] [any where x == 3]")
                .at("00:00:00", "id=1 x=1")
                .at("00:00:11", "id=2 x=2")
                .at("00:00:12", "id=3 x=3")
                .at("00:00:20", "id=4 x=1")
                .at("00:00:25", "id=5 x=2")
                .at("00:00:30.001", "id=6 x=3")
                .at("00:00:40", "id=7 x=1")
                .at("00:00:41", "id=8 x=2")
                .at("00:00:50", "id=9 x=3")
                .expect("7,8,9");
    }

    @Test
    void aRejectedCandidateIsConsumed() {
        Timeline.query(AB)
                .at("00:00:00", "id=1 user=u1 category=process name=a")
                .at("00:00:11", "id=2 user=u1 category=process name=b")
                .at("00:00:12", "id=3 user=u1 category=process name=b")
                .expectNone();
    }

    // ---- latest wins ----

    @Test
    void theDocsWorkedExample() {
        // spec §6.7: 2 overwrites 1; 5 finds nothing at stage A (4 took it); 11 finds nothing at stage B
        Timeline.query("sequence by user.name [process where name == \"attrib\"] [process where name == \"bash\"] "
                        + "[process where name == \"cat\"]")
                .at("00:00:01", "id=1 user.name=root category=process name=attrib")
                .at("00:00:02", "id=2 user.name=root category=process name=attrib")
                .at("00:00:03", "id=3 user.name=elkbee category=process name=bash")
                .at("00:00:04", "id=4 user.name=root category=process name=bash")
                .at("00:00:05", "id=5 user.name=root category=process name=bash")
                .at("00:00:06", "id=6 user.name=elkbee category=process name=attrib")
                .at("00:00:07", "id=7 user.name=root category=process name=attrib")
                .at("00:00:08", "id=8 user.name=elkbee category=process name=bash")
                .at("00:00:09", "id=9 user.name=root category=process name=cat")
                .at("00:00:10", "id=10 user.name=elkbee category=process name=cat")
                .at("00:00:11", "id=11 user.name=root category=process name=cat")
                .expect("2,4,9 by root", "6,8,10 by elkbee");
    }

    @Test
    void anEventCanServeSeveralStagesOfDifferentSequences() {
        Timeline.query("sequence [any where true] [any where true] [any where true]")
                .at("00:00:01", "id=1")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3")
                .at("00:00:04", "id=4")
                .at("00:00:05", "id=5")
                .expect("1,2,3", "2,3,4", "3,4,5");
    }

    @Test
    void equalTimestampsFollowArrivalOrder() {
        Timeline.query("sequence [any where x == 1] [any where x == 2]")
                .at("00:00:01", "id=1 x=1")
                .at("00:00:01", "id=2 x=2")
                .at("00:00:01", "id=3 x=2")
                .expect("1,2");
    }

    // ---- until ----

    private static final String UNTIL = "sequence by u [any where x == 1] [any where x == 2] [any where x == 3] "
            + "until [any where stop == true]";

    @Test
    void untilBetweenTwoEventsKillsTheSequence() {
        Timeline.query(UNTIL)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:03", "id=3 u=a stop=true")
                .at("00:00:04", "id=4 u=a x=3")
                .expectNone();
    }

    @Test
    void untilAfterTheLastEventHasNoEffect() {
        Timeline.query(UNTIL)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:03", "id=3 u=a x=3")
                .at("00:00:04", "id=4 u=a stop=true")
                .expect("1,2,3 by a");
    }

    @Test
    void untilOfAnotherKeyHasNoEffect() {
        Timeline.query(UNTIL)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=b stop=true")
                .at("00:00:03", "id=3 u=a x=2")
                .at("00:00:04", "id=4 stop=true")
                .at("00:00:05", "id=5 u=a x=3")
                .expect("1,3,5 by a");
    }

    @Test
    void anUntilEventThatIsAnIntermediateEventKills() {
        Timeline.query(UNTIL)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2 stop=true")
                .at("00:00:03", "id=3 u=a x=3")
                .expectNone();
        Timeline.query(UNTIL)
                .at("00:00:01", "id=1 u=a x=1 stop=true")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:03", "id=3 u=a x=3")
                .expectNone();
    }

    @Test
    void anUntilEventThatCompletesTheSequenceDoesNotKill() {
        Timeline.query(UNTIL)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:03", "id=3 u=a x=3 stop=true")
                .expect("1,2,3 by a");
    }

    @Test
    void untilKillsOnlyWhatIsPendingThen() {
        Timeline.query(UNTIL)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a stop=true")
                .at("00:00:03", "id=3 u=a x=1")
                .at("00:00:04", "id=4 u=a x=2")
                .at("00:00:05", "id=5 u=a x=3")
                .expect("3,4,5 by a");
    }

    @Test
    void untilKeysWithOtherFieldNamesCompareByValue() {
        Timeline.query("sequence [any where x == 1] by pid [any where x == 2] by pid until [any where x == 9] by ppid")
                .at("00:00:01", "id=1 x=1 pid=10")
                .at("00:00:02", "id=2 x=1 pid=20")
                .at("00:00:03", "id=3 x=9 ppid=10 pid=20")
                .at("00:00:04", "id=4 x=2 pid=10")
                .at("00:00:05", "id=5 x=2 pid=20")
                .expect("2,5 by 20");
    }

    // ---- runs ----

    @Test
    void runsRepeatAStage() {
        String query = "sequence by u [any where x == 1] with runs=3 [any where x == 2]";
        Timeline.query(query)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=1")
                .at("00:00:03", "id=3 u=a x=2")
                .expectNone();
        Timeline.query(query)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=1")
                .at("00:00:03", "id=3 u=a x=1")
                .at("00:00:04", "id=4 u=a x=2")
                .expect("1,2,3,4 by a");
        // latest wins at every repeated stage: the newest three
        Timeline.query(query)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=1")
                .at("00:00:03", "id=3 u=a x=1")
                .at("00:00:04", "id=4 u=a x=1")
                .at("00:00:05", "id=5 u=a x=2")
                .expect("2,3,4,5 by a");
    }

    @Test
    void oneTermWithRunsIsNEventsWithinATime() {
        Timeline.query("sequence by host with maxspan=5s [authentication where outcome == \"failure\"] with runs=3")
                .at("00:00:00", "id=1 host=h category=authentication outcome=failure")
                .at("00:00:01", "id=2 host=h category=authentication outcome=failure")
                .at("00:00:01.500", "id=3 host=h category=authentication outcome=success")
                .at("00:00:02", "id=4 host=h category=authentication outcome=failure")
                .at("00:00:10", "id=5 host=h category=authentication outcome=failure")
                .at("00:00:11", "id=6 host=h category=authentication outcome=failure")
                .at("00:00:12", "id=7 host=g category=authentication outcome=failure")
                .at("00:00:15", "id=8 host=h category=authentication outcome=failure")
                .at("00:00:17", "id=9 host=h category=authentication outcome=failure")
                .expect("1,2,4 by h", "5,6,8 by h");
    }

    // ---- missing events ----

    private static final String LEADING =
            "sequence by u with maxspan=10s " + "![any where x == 0] [any where x == 1] [any where x == 2]";
    private static final String INNER =
            "sequence by u with maxspan=10s " + "[any where x == 1] ![any where x == 0] [any where x == 2]";
    private static final String TRAILING =
            "sequence by u with maxspan=10s " + "[any where x == 1] [any where x == 2] ![any where x == 0]";

    @Test
    void missingEventsNeedMaxspan() {
        assertThatThrownBy(() -> EqlCompiler.compile("sequence [any where x == 1] ![any where x == 0]"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("requires [with maxspan]");
    }

    @Test
    void leadingMissingEvent() {
        // a leading event within maxspan of the last event rejects
        Timeline.query(LEADING)
                .at("00:00:00", "id=1 u=a x=0")
                .at("00:00:05", "id=2 u=a x=1")
                .at("00:00:06", "id=3 u=a x=2")
                .expectNone();
        // ... beyond maxspan of it, it does not (strictly greater)
        Timeline.query(LEADING)
                .at("00:00:00", "id=1 u=a x=0")
                .at("00:00:05", "id=2 u=a x=1")
                .at("00:00:10.001", "id=3 u=a x=2")
                .at("00:00:20", "id=4 u=a x=1")
                .at("00:00:30", "id=5 u=a x=2")
                .expect("-,2,3 by a", "-,4,5 by a");
        // none at all, another key's, or one at the same time as the first event: accepted
        Timeline.query(LEADING)
                .at("00:00:00", "id=1 u=b x=0")
                .at("00:00:05", "id=2 u=a x=1")
                .at("00:00:06", "id=3 u=a x=2")
                .at("00:00:07", "id=4 u=c x=0")
                .at("00:00:07", "id=5 u=c x=1")
                .at("00:00:08", "id=6 u=c x=2")
                .expect("-,2,3 by a", "-,5,6 by c");
        // the latest leading event counts
        Timeline.query(LEADING)
                .at("00:00:00", "id=1 u=a x=0")
                .at("00:00:09", "id=2 u=a x=0")
                .at("00:00:15", "id=3 u=a x=1")
                .at("00:00:16", "id=4 u=a x=2")
                .expectNone();
    }

    @Test
    void innerMissingEvent() {
        Timeline.query(INNER)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=0")
                .at("00:00:03", "id=3 u=a x=2")
                .expectNone();
        Timeline.query(INNER)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=b x=0")
                .at("00:00:03", "id=3 u=a x=2")
                .at("00:00:04", "id=4 u=a x=0")
                .expect("1,-,3 by a");
        // strictly between: at the same time as a neighbour it is not inside
        Timeline.query(INNER)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:01", "id=2 u=a x=0")
                .at("00:00:03", "id=3 u=a x=0")
                .at("00:00:03", "id=4 u=a x=2")
                .at("00:00:05", "id=5 u=a x=1")
                .at("00:00:05", "id=6 u=a x=0")
                .at("00:00:06", "id=7 u=a x=2")
                .expect("1,-,4 by a", "5,-,7 by a");
    }

    @Test
    void aDiscardedSequenceStaysConsumed() {
        Timeline.query(INNER)
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=0")
                .at("00:00:03", "id=3 u=a x=2")
                .at("00:00:04", "id=4 u=a x=2")
                .expectNone();
    }

    @Test
    void trailingMissingEventWithinMaxspanOfTheFirstRejects() {
        Timeline.query(TRAILING)
                .at("00:00:00", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:10", "id=3 u=a x=0")
                .expectNone();
        Timeline.query(TRAILING)
                .at("00:00:00", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:02", "id=3 u=a x=0")
                .at("00:00:10.001", "id=4 u=a x=0")
                .expect("1,2,- by a");
    }

    @Test
    void aTrailingMissingEventIsDecidedOnlyWhenTimePassesTheWindow() {
        Timeline.Run run = Timeline.query(TRAILING)
                .at("00:00:00", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .run();
        assertThat(run.delivered()).isEmpty();
        assertThat(run.stats().pendingDecisions()).isEqualTo(1);
        run.advanceTo("00:00:10");
        assertThat(run.delivered())
                .as("an x=0 at 00:00:10 could still reject it")
                .isEmpty();
        run.advanceTo("00:00:10.001");
        assertThat(run.delivered()).containsExactly("1,2,- by a");
        assertThat(run.stats().pendingDecisions()).isZero();

        // a later event of another key moves time as well
        run = Timeline.query(TRAILING)
                .at("00:00:00", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:09", "id=3 u=b x=5")
                .run();
        assertThat(run.delivered()).isEmpty();
        run.at("00:00:11", "id=4 u=b x=5");
        assertThat(run.delivered()).containsExactly("1,2,- by a");

        // and so does the end of the stream
        run = Timeline.query(TRAILING)
                .at("00:00:00", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .run();
        assertThat(run.delivered()).isEmpty();
        run.finish();
        assertThat(run.delivered()).containsExactly("1,2,- by a");
    }

    @Test
    void aTrailingHitRejectsOnlyItsKey() {
        Timeline.Run run = Timeline.query(TRAILING)
                .at("00:00:00", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:05", "id=3 u=b x=1")
                .at("00:00:06", "id=4 u=b x=2")
                .run();
        run.advanceTo("00:00:12");
        assertThat(run.delivered()).containsExactly("1,2,- by a");
        run.at("00:00:14", "id=5 u=b x=0");
        run.advanceTo("00:00:30");
        assertThat(run.delivered()).containsExactly("1,2,- by a");
    }

    @Test
    void anUndecidedSequenceHoldsBackLaterResults() {
        // a (last event 9 s, window until 15 s) comes before b (last event 9.5 s, window until 10 s)
        Timeline t = Timeline.query(TRAILING)
                .at("00:00:00", "id=1 u=b x=1")
                .at("00:00:05", "id=2 u=a x=1")
                .at("00:00:09", "id=3 u=a x=2")
                .at("00:00:09.500", "id=4 u=b x=2");
        Timeline.Run run = t.run().advanceTo("00:00:12");
        assertThat(run.delivered()).as("b is decided but must wait for a").isEmpty();
        run.advanceTo("00:00:15.001");
        assertThat(run.delivered()).containsExactly("2,3,- by a", "1,4,- by b");
        // when a is rejected instead, b goes out at once
        run = t.run().advanceTo("00:00:12");
        run.at("00:00:13", "id=5 u=a x=0");
        assertThat(run.delivered()).containsExactly("1,4,- by b");
    }

    @Test
    void leadingAndTrailingMissingEvents() {
        String query = "sequence by u with maxspan=10s "
                + "![any where x == 0] [any where x == 1] [any where x == 2] ![any where x == 9]";
        // both hits: accepted only when they are more than maxspan apart
        Timeline.query(query)
                .at("00:00:00", "id=1 u=a x=0")
                .at("00:00:05", "id=2 u=a x=1")
                .at("00:00:06", "id=3 u=a x=2")
                .at("00:00:10", "id=4 u=a x=9")
                .expectNone();
        Timeline.query(query)
                .at("00:00:00", "id=1 u=a x=0")
                .at("00:00:05", "id=2 u=a x=1")
                .at("00:00:06", "id=3 u=a x=2")
                .at("00:00:10.001", "id=4 u=a x=9")
                .expect("-,2,3,- by a");
        // no leading hit: stage 0 is missing and nothing precedes, whatever follows
        Timeline.query(query)
                .at("00:00:05", "id=2 u=a x=1")
                .at("00:00:06", "id=3 u=a x=2")
                .at("00:00:07", "id=4 u=a x=9")
                .expect("-,2,3,- by a");
    }

    @Test
    void runsOnAMissingStage() {
        Timeline.query("sequence by u with maxspan=10s [any where x == 1] ![any where x == 0] with runs=2 "
                        + "[any where x == 2]")
                .at("00:00:01", "id=1 u=a x=1")
                .at("00:00:02", "id=2 u=a x=2")
                .at("00:00:03", "id=3 u=b x=1")
                .at("00:00:04", "id=4 u=b x=0")
                .at("00:00:05", "id=5 u=b x=2")
                .expect("1,-,-,2 by a");
    }

    // ---- result order and limits ----

    @Test
    void resultsAreOrderedByTheirLastEvent() {
        Timeline.query(AB)
                .at("00:00:01", "id=1 user=u1 category=process name=a")
                .at("00:00:02", "id=2 user=u2 category=process name=a")
                .at("00:00:03", "id=3 user=u2 category=process name=b")
                .at("00:00:04", "id=4 user=u1 category=process name=b")
                .expect("2,3 by u2", "1,4 by u1");
    }

    private static Timeline fiveSequences(String query) {
        Timeline t = Timeline.query(query);
        for (int i = 1; i <= 5; i++) {
            t.at(Timeline.time(i * 1000L), "id=" + (2 * i - 1) + " x=1");
            t.at(Timeline.time(i * 1000L + 500), "id=" + (2 * i) + " x=2");
        }
        return t;
    }

    @Test
    void headAndTail() {
        String q = "sequence [any where x == 1] [any where x == 2]";
        fiveSequences(q).expect("1,2", "3,4", "5,6", "7,8", "9,10");
        fiveSequences(q + " | head 2").expect("1,2", "3,4");
        fiveSequences(q + " | tail 2").expect("7,8", "9,10");
        fiveSequences(q + " | head 4 | tail 2").expect("5,6", "7,8");
        fiveSequences(q + " | tail 4 | head 2").expect("3,4", "5,6");
        fiveSequences(q + " | head 3 | head 5").expect("1,2", "3,4", "5,6");
        fiveSequences(q + " | tail 0").expectNone();
        fiveSequences(q).options(o -> o.size(2)).expect("1,2", "3,4");
        fiveSequences(q)
                .options(o -> o.size(2).resultPosition(ResultPosition.TAIL))
                .expect("7,8", "9,10");
        // with a first pipe, size is a limit of the same kind underneath it
        fiveSequences(q + " | tail 3").options(o -> o.size(2)).expect("7,8", "9,10");
        fiveSequences(q + " | head 3")
                .options(o -> o.size(2).resultPosition(ResultPosition.TAIL))
                .expect("1,2", "3,4");
        // fewer results than head asks for: the last of them (spec §3.5)
        fiveSequences(q + " | head 8 | tail 2").expect("7,8", "9,10");
    }

    @Test
    void headDeliversAtOnceAndTailAtTheEnd() {
        Timeline.Run head = fiveSequences("sequence [any where x == 1] [any where x == 2] | head 2")
                .run();
        assertThat(head.delivered()).containsExactly("1,2", "3,4");
        Timeline.Run tail = fiveSequences("sequence [any where x == 1] [any where x == 2] | tail 2")
                .run();
        assertThat(tail.delivered()).isEmpty();
        tail.finish();
        assertThat(tail.delivered()).containsExactly("7,8", "9,10");
    }

    @Test
    void eventQueryHeadThenTailWithFewerResultsFoldsIntoAnOffset() {
        // spec §3.5: ES folds head 5 | tail 2 into offset 3, limit 2 for event queries; 4 events leave #4 only
        Timeline.query("any where true | head 5 | tail 2")
                .at("00:00:01", "id=1")
                .at("00:00:02", "id=2")
                .at("00:00:03", "id=3")
                .at("00:00:04", "id=4")
                .expect("4");
    }

    @Test
    void matchesCarryTheRule() {
        List<Match> matches = Timeline.query(AB)
                .at("00:00:01", "id=1 user=u1 category=process name=a")
                .at("00:00:02", "id=2 user=u1 category=process name=b")
                .expect("1,2 by u1")
                .matches();
        assertThat(matches.get(0).rule().ruleId()).isEqualTo("query");
        assertThat(matches.get(0).rule().query()).isEqualTo(AB);
    }
}
