package io.eql4j.internal.plan;

/**
 * Implemented by the compiler's public plans, so that the runtime reaches the compiled rules without the plan
 * package depending on the public API (see {@code PackageCyclesTest}).
 */
public interface PlanHolder {

    /** The compiled rules, filters, dispatchers and field table. */
    PlanData planData();
}
