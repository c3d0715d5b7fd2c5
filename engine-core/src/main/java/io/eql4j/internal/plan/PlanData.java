package io.eql4j.internal.plan;

import io.eql4j.compile.Plan;
import io.eql4j.event.FieldPath;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import java.util.ArrayList;
import java.util.List;

/** The implementation of {@link Plan}: the compiled rules and the field table whose slots the runtime reads. */
public final class PlanData implements Plan {

    private final List<CompiledRule> compiledRules;
    private final FieldPath[] fieldTable;
    private final int timestampSlot;
    private final int tiebreakerSlot;
    private final EngineOptions options;

    /**
     * @param compiledRules  the compiled rules
     * @param fieldTable     the fields by slot
     * @param timestampSlot  the slot of the timestamp field
     * @param tiebreakerSlot the slot of the tiebreaker field, or -1
     * @param options        the options the rules were compiled with
     */
    public PlanData(List<CompiledRule> compiledRules, FieldPath[] fieldTable, int timestampSlot, int tiebreakerSlot,
                    EngineOptions options) {
        this.compiledRules = List.copyOf(compiledRules);
        this.fieldTable = fieldTable.clone();
        this.timestampSlot = timestampSlot;
        this.tiebreakerSlot = tiebreakerSlot;
        this.options = options;
    }

    public List<CompiledRule> compiledRules() {
        return compiledRules;
    }

    /** The fields by slot (a copy). */
    public FieldPath[] fieldTable() {
        return fieldTable.clone();
    }

    public int timestampSlot() {
        return timestampSlot;
    }

    public int tiebreakerSlot() {
        return tiebreakerSlot;
    }

    @Override
    public EngineOptions options() {
        return options;
    }

    @Override
    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>(compiledRules.size());
        for (CompiledRule r : compiledRules) {
            out.add(r.rule());
        }
        return out;
    }

    @Override
    public List<String> fields() {
        List<String> out = new ArrayList<>(fieldTable.length);
        for (FieldPath f : fieldTable) {
            out.add(f.name());
        }
        return out;
    }

    @Override
    public String explain() {
        return PlanExplainer.explain(this);
    }
}
