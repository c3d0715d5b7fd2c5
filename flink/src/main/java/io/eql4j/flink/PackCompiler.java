package io.eql4j.flink;

import io.eql4j.rules.RuleFormatException;
import io.eql4j.runtime.ReloadReport;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The first step of a rule update, at parallelism 1 so that every update gets one place in one order: compiles the
 * update's files with the job's compile-time settings and either refuses it, with its errors at their places, on
 * {@link #REFUSED} (the running pack is untouched), or emits the next {@link LivePack}: the next generation, with each
 * rule's revision and what the update does to it. The running pack is kept in operator state, so that a restart from
 * a checkpoint compares the next update with the pack that runs.
 */
final class PackCompiler extends ProcessFunction<RulePackUpdate, LivePack> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    /** Refused updates. */
    static final OutputTag<RuleUpdateReport> REFUSED = new OutputTag<>("eql4j-refused-updates", LiveTypes.REPORT);

    private final LivePack initial;
    private transient LivePack current;
    private transient ListState<LivePack> state;

    PackCompiler(LivePack initial) {
        this.initial = initial;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("eql4j-running-pack", LiveTypes.PACK));
        current = initial;
        for (LivePack p : state.get()) {
            if (p.generation() > current.generation()) {
                current = p;
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(List.of(current));
    }

    @Override
    public void processElement(RulePackUpdate update, Context ctx, Collector<LivePack> out) {
        LivePack next;
        try {
            next = current.next(update.version(), compile(current.plan(), update));
        } catch (RuleFormatException e) {
            ctx.output(
                    REFUSED,
                    new RuleUpdateReport(
                            update.version(), current.generation(), new ReloadReport(List.of()), e.problems()));
            return;
        }
        current = next;
        out.collect(next);
    }

    /**
     * The update's pack, compiled with the settings of {@code running}. Every rule a pack can hold runs on Flink,
     * result limits included (see {@link LiveResultLimits}).
     *
     * @throws RuleFormatException with every problem at its place
     */
    static FlinkPlan compile(FlinkPlan running, RulePackUpdate update) {
        return running.withFiles(update.files());
    }
}
