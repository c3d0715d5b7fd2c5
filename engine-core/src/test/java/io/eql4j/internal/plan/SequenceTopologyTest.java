package io.eql4j.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompiler;
import org.junit.jupiter.api.Test;

/** The machine of a sequence as the compiler derives it, checked without running a stream. */
class SequenceTopologyTest {

    @Test
    void plainSequenceFollowsStageByStage() {
        SequenceTopology t = SequenceTopology.of(false, false, false);
        assertThat(t.firstPositive()).isZero();
        assertThat(t.lastPositive()).isEqualTo(2);
        assertThat(t.previousPositive(0)).isEqualTo(-1);
        assertThat(t.previousPositive(1)).isZero();
        assertThat(t.previousPositive(2)).isEqualTo(1);
        assertThat(t.hasMissing()).isFalse();
        assertThat(t.trackers()).isZero();
        assertThat(t.describe()).isEqualTo("starts at stage 0, completes at stage 2; 1 follows 0; 2 follows 1");
    }

    @Test
    void leadingInnerAndTrailingMissingStages() {
        // ![a] [b] ![c] ![d] [e] ![f]
        SequenceTopology t = SequenceTopology.of(true, false, true, true, false, true);
        assertThat(t.firstPositive()).isEqualTo(1);
        assertThat(t.lastPositive()).isEqualTo(4);
        assertThat(t.leading()).containsExactly(0);
        assertThat(t.trackerOf(0)).isZero();
        assertThat(t.trackerOf(2)).isEqualTo(1);
        assertThat(t.trackerOf(3)).isEqualTo(2);
        assertThat(t.trackerOf(5)).isEqualTo(-1);
        assertThat(t.innerMissing(4)).containsExactly(1, 2);
        assertThat(t.innerMissing(1)).isEmpty();
        assertThat(t.previousPositive(4)).isEqualTo(1);
        assertThat(t.previousPositive(2)).isEqualTo(1);
        assertThat(t.trailing(5)).isTrue();
        assertThat(t.trailing(2)).isFalse();
        assertThat(t.trackers()).isEqualTo(3);
        assertThat(t.hasLeading()).isTrue();
        assertThat(t.hasTrailing()).isTrue();
        assertThat(t.missing(2)).isTrue();
        assertThat(t.missing(4)).isFalse();
        assertThat(t.describe())
                .isEqualTo("starts at stage 1, completes at stage 4; 4 follows 1 unless missing"
                        + " [2, 3] came between; leading missing [0]; trailing missing [5] (completed sequences wait for a"
                        + " verdict)");
    }

    @Test
    void onlyMissingStagesIsNoMachine() {
        assertThatThrownBy(() -> SequenceTopology.of(true, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCompilerPutsTheMachineInThePlanAndExplainPrintsIt() {
        PlanData plan = ((PlanHolder) EqlCompiler.compile("sequence by user with maxspan=1m [process where true]"
                        + " ![file where true] [network where true] with runs=2 until [process where stop]"))
                .planData();
        CompiledRule.Sequence rule =
                (CompiledRule.Sequence) plan.compiledRules().get(0);
        assertThat(rule.stages()).hasSize(4);
        assertThat(rule.maxSpan()).hasValue(60_000);
        assertThat(rule.until()).isPresent();
        assertThat(rule.topology()).isEqualTo(SequenceTopology.of(false, true, false, false));
        assertThat(rule.topology().innerMissing(2)).containsExactly(0);
        assertThat(plan.explain())
                .contains("  machine: starts at stage 0, completes at stage 3; 2 follows 0 unless"
                        + " missing [1] came between; 3 follows 2\n");
        PlanData noWindow =
                ((PlanHolder) EqlCompiler.compile("sequence [process where true] [file where true]")).planData();
        assertThat(((CompiledRule.Sequence) noWindow.compiledRules().get(0)).maxSpan())
                .isEmpty();
        assertThat(noWindow.explain()).contains("window: none");
    }
}
