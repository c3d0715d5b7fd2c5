package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Samples (spec §7): sets of distinct events, one per filter, sharing a join key; no time involved.
 */
class SampleTest {

    private static final String HOST = "sample by host [any where a == 1] [any where b == 1]";

    @Test
    void aSampleNeedsTheKeyInEveryFilter() {
        Timeline.query(HOST)
                .at("00:00:01", "id=1 host=h1 a=1")
                .at("00:00:02", "id=2 host=h2 b=1")
                .at("00:00:03", "id=3 host=h3 a=1")
                .at("00:00:04", "id=4 host=h1 b=1")
                .at("00:00:05", "id=5 b=1")
                .expect("1,4 by h1");
    }

    @Test
    void eventsFollowFilterOrderNotTimeOrder() {
        Timeline.query(HOST)
                .at("00:00:01", "id=1 host=h1 b=1")
                .at("00:00:02", "id=2 host=h1 a=1")
                .expect("2,1 by h1");
    }

    @Test
    void oneEventFillsOneFilterPerSample() {
        Timeline.query(HOST)
                .at("00:00:01", "id=1 host=h1 a=1 b=1")
                .at("00:00:02", "id=2 host=h2 a=1 b=1")
                .at("00:00:03", "id=3 host=h1 a=1")
                .expect("3,1 by h1");
    }

    @Test
    void oneSamplePerKeyByDefault() {
        Match m = Timeline.query(HOST)
                .at("00:00:01", "id=1 host=h1 a=1")
                .at("00:00:02", "id=2 host=h1 b=1")
                .at("00:00:03", "id=3 host=h1 a=1")
                .at("00:00:04", "id=4 host=h1 b=1")
                .expect("1,2 by h1")
                .matches()
                .get(0);
        assertThat(m.kind()).isEqualTo(Match.Kind.SAMPLE);
    }

    @Test
    void keysWithDifferentFieldNamesCompareByValue() {
        Timeline.query("sample [any where t == 1] by os [any where t == 2] by op_sys")
                .at("00:00:01", "id=1 t=1 os=win")
                .at("00:00:02", "id=2 t=2 os=win")
                .at("00:00:03", "id=3 t=2 op_sys=linux")
                .at("00:00:04", "id=4 t=2 op_sys=win")
                .expect("1,4 by win");
        Timeline.query("sample by user [any where t == 1] by os [any where t == 2] by op_sys")
                .at("00:00:01", "id=1 t=1 os=win user=u")
                .at("00:00:02", "id=2 t=2 op_sys=win user=v")
                .at("00:00:03", "id=3 t=2 op_sys=win user=u")
                .expect("1,3 by u,win");
    }

    @Test
    void requiredKeysMustHaveAValueAndOptionalOnesMayNot() {
        Timeline.query(HOST)
                .at("00:00:01", "id=1 a=1")
                .at("00:00:02", "id=2 b=1")
                .expectNone();
        Match m = Timeline.query("sample by ?host [any where a == 1] [any where b == 1]")
                .at("00:00:01", "id=1 a=1")
                .at("00:00:02", "id=2 b=1 host=h")
                .at("00:00:03", "id=3 b=1")
                .expect("1,3 by null")
                .matches()
                .get(0);
        assertThat(m.joinKeys()).isEqualTo(Arrays.asList((Object) null));
    }

    @Test
    void maxSamplesPerKey() {
        // twoSamplesPerKeyOutOfThree: a document may serve several samples of a key, never twice in one
        Timeline.query("sample by k [any where a == 1] [any where b == 1]")
                .options(o -> o.maxSamplesPerKey(2).orderSamplesByKey(true))
                .at("00:00:01", "id=1 k=x a=1")
                .at("00:00:02", "id=2 k=x a=1")
                .at("00:00:03", "id=3 k=x b=1")
                .at("00:00:04", "id=4 k=x b=1")
                .at("00:00:05", "id=5 k=y a=1 b=1")
                .expect("1,3 by x", "1,4 by x");
        // as completed: each sample goes out as soon as it exists, up to the maximum
        Timeline.query("sample by k [any where a == 1] [any where b == 1]")
                .options(o -> o.maxSamplesPerKey(2))
                .at("00:00:01", "id=1 k=x a=1")
                .at("00:00:02", "id=2 k=x b=1")
                .at("00:00:03", "id=3 k=x a=1")
                .at("00:00:04", "id=4 k=x b=1")
                .at("00:00:05", "id=5 k=x a=1")
                .expect("1,2 by x", "3,2 by x");
    }

    @Test
    void orderSamplesByKeyDeliversAtTheEndInKeyOrderWithNullFirst() {
        Timeline t = Timeline.query("sample by ?k [any where a == 1] [any where b == 1]")
                .options(o -> o.orderSamplesByKey(true))
                .at("00:00:01", "id=1 k=doom a=1")
                .at("00:00:02", "id=2 k=doom b=1")
                .at("00:00:03", "id=3 k=GTA a=1")
                .at("00:00:04", "id=4 k=GTA b=1")
                .at("00:00:05", "id=5 a=1")
                .at("00:00:06", "id=6 b=1");
        Timeline.Run run = t.run();
        assertThat(run.delivered()).isEmpty();
        run.finish();
        assertThat(run.delivered()).containsExactly("5,6 by null", "3,4 by GTA", "1,2 by doom");
        // without it: as completed
        Timeline.query("sample by ?k [any where a == 1] [any where b == 1]")
                .at("00:00:01", "id=1 k=doom a=1")
                .at("00:00:02", "id=2 k=doom b=1")
                .at("00:00:03", "id=3 k=GTA a=1")
                .at("00:00:04", "id=4 k=GTA b=1")
                .at("00:00:05", "id=5 a=1")
                .at("00:00:06", "id=6 b=1")
                .expect("1,2 by doom", "3,4 by GTA", "5,6 by null");
    }

    @Test
    void numericKeysInKeyOrder() {
        Timeline.query("sample by n, s [any where a == 1] [any where b == 1]")
                .options(o -> o.orderSamplesByKey(true))
                .at("00:00:01", "id=1 n=10 s=x a=1")
                .at("00:00:02", "id=2 n=10 s=x b=1")
                .at("00:00:03", "id=3 n=9 s=y a=1")
                .at("00:00:04", "id=4 n=9 s=y b=1")
                .at("00:00:05", "id=5 n=9 s=x a=1")
                .at("00:00:06", "id=6 n=9 s=x b=1")
                .expect("5,6 by 9,x", "3,4 by 9,y", "1,2 by 10,x");
    }

    @Test
    void multiValuedKeys() {
        Timeline.query(HOST)
                .at("00:00:01", "id=1 host=[h1,h2] a=1")
                .at("00:00:02", "id=2 host=[h2,h3] b=1")
                .expect("1,2 by h2");
    }

    @Test
    void threeFiltersAndLimits() {
        String q = "sample by k [any where a == 1] [any where b == 1] [any where c == 1]";
        Timeline t = Timeline.query(q + " | head 1")
                .at("00:00:01", "id=1 k=x a=1 b=1 c=1")
                .at("00:00:02", "id=2 k=x b=1 c=1")
                .at("00:00:03", "id=3 k=y a=1")
                .at("00:00:04", "id=4 k=y b=1")
                .at("00:00:05", "id=5 k=x c=1")
                .at("00:00:06", "id=6 k=y c=1");
        t.expect("1,2,5 by x");
        Timeline.query(q)
                .at("00:00:01", "id=1 k=x a=1 b=1 c=1")
                .at("00:00:02", "id=2 k=x b=1 c=1")
                .at("00:00:03", "id=3 k=y a=1")
                .at("00:00:04", "id=4 k=y b=1")
                .at("00:00:05", "id=5 k=x c=1")
                .at("00:00:06", "id=6 k=y c=1")
                .expect("1,2,5 by x", "3,4,6 by y");
    }

    @Test
    void samplesRejectSequenceOptions() {
        assertThatThrownBy(() -> EqlCompiler.compile("sample by k [any where true] with runs=2 [any where true]"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("[with runs] is not supported");
    }
}
