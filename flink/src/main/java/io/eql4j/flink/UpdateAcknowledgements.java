package io.eql4j.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Acknowledges an accepted rule update once, when every parallel instance of the router has switched to its pack
 * (keyed by the pack's generation; counts the instances' {@link AppliedPack} reports). From then on every event read
 * is routed with the new pack. Counted in keyed state, so a restart from a checkpoint neither loses nor repeats an
 * acknowledgement (a router instance reports a pack once; after a restore it runs the pack it had at the checkpoint).
 */
final class UpdateAcknowledgements extends KeyedProcessFunction<Long, AppliedPack, RuleUpdateReport> {

    private static final long serialVersionUID = 1L;

    private transient ValueState<Integer> switched;

    @Override
    public void open(OpenContext context) {
        switched = getRuntimeContext().getState(new ValueStateDescriptor<>("eql4j-routers-switched", Types.INT));
    }

    @Override
    public void processElement(AppliedPack applied, Context ctx, Collector<RuleUpdateReport> out) throws Exception {
        Integer before = switched.value();
        int now = (before == null ? 0 : before) + 1;
        if (now >= applied.parallelism()) {
            switched.clear();
            out.collect(applied.pack().report());
        } else {
            switched.update(now);
        }
    }
}
