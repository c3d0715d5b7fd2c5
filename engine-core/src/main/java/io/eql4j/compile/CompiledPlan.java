package io.eql4j.compile;

import io.eql4j.event.FieldPath;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.PlanHolder;
import io.eql4j.rules.Rule;
import java.util.List;

/** The {@link Plan} that {@link EqlCompiler} makes: the compiled data and the options it was compiled with. */
final class CompiledPlan implements Plan, PlanHolder {

    private final PlanData data;
    private final CompileOptions options;

    CompiledPlan(PlanData data, CompileOptions options) {
        this.data = data;
        this.options = options;
    }

    @Override
    public PlanData planData() {
        return data;
    }

    @Override
    public List<Rule> rules() {
        return data.rules();
    }

    @Override
    public CompileOptions options() {
        return options;
    }

    @Override
    public List<String> fields() {
        return data.fields();
    }

    @Override
    public List<FieldPath> fieldPaths() {
        return data.fieldPaths();
    }

    @Override
    public String explain() {
        return data.explain();
    }

    @Override
    public String toString() {
        return "Plan" + data.rules().stream().map(Rule::ruleId).toList();
    }
}
