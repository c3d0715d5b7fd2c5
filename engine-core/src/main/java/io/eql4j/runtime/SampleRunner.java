package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.ResultLimit;
import io.eql4j.internal.plan.StagePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample rule (docs/notes/engine.md, "Samples"): per join key, a few candidate events per filter; a sample is a set of distinct events,
 * one per filter, in filter order. Time plays no part. Samples are delivered as soon as they are complete, or,
 * with {@link RuntimeOptions#orderSamplesByKey()}, at the end of the stream in ascending key order (nulls first) as
 * Elasticsearch returns them.
 */
final class SampleRunner extends RuleRunner {

    /** The candidates of one join key. */
    static final class KeyState {
        final Object key;
        final List<List<Event>> candidates;
        final List<Event[]> delivered = new ArrayList<>(1);
        boolean done;

        KeyState(Object key, int stages) {
            this.key = key;
            this.candidates = new ArrayList<>(stages);
            for (int i = 0; i < stages; i++) {
                candidates.add(new ArrayList<>(2));
            }
        }
    }

    private final StagePlan[] stages;
    private final int maxSamples;
    private final int perStage;
    private final boolean orderByKey;
    private final int maxKeys;
    /** The keys, least recently used first. */
    final Map<Object, KeyState> states = new LinkedHashMap<>(16, 0.75f, true);

    final StateBudget budget;
    private final List<KeyState> touched = new ArrayList<>();
    long evicted;

    SampleRunner(
            CompiledRule.Sample rule,
            PlanData plan,
            MatchListener listener,
            RuntimeOptions options,
            StateBudget budget) {
        this(rule, plan, listener, options, budget, rule.limit());
    }

    SampleRunner(
            CompiledRule.Sample rule,
            PlanData plan,
            MatchListener listener,
            RuntimeOptions options,
            StateBudget budget,
            ResultLimit limit) {
        super(rule, plan, listener, Match.Kind.SAMPLE, limit);
        this.budget = budget;
        this.stages = rule.stages().toArray(StagePlan[]::new);
        this.maxSamples = options.maxSamplesPerKey();
        this.perStage = maxSamples * stages.length;
        this.orderByKey = options.orderSamplesByKey();
        this.maxKeys = options.maxPendingSequences();
    }

    @Override
    boolean needsTime() {
        return false;
    }

    @Override
    void onEvent(EvalContext ctx, Event event, long ts) {
        if (output.done()) {
            return;
        }
        for (int s = 0; s < stages.length; s++) {
            if (!passed(s)) {
                continue;
            }
            Object keys = stages[s].keys().extract(ctx);
            if (keys instanceof List<?> many) {
                for (Object key : many) {
                    add(key, s, event);
                }
            } else if (keys != null) {
                add(keys, s, event);
            }
        }
        if (!orderByKey) {
            if (touched.size() > 1) {
                // one event completing samples of several keys delivers them in key order, as a partitioned
                // runtime can reproduce (docs/notes/engine.md, "Samples")
                touched.sort((x, y) -> compareKeys(x.key, y.key));
            }
            for (KeyState ks : touched) {
                deliverNew(ks);
            }
        }
        touched.clear();
    }

    private void add(Object key, int stage, Event event) {
        KeyState ks = states.get(key);
        if (ks == null) {
            if (states.size() >= maxKeys) {
                evictTo(maxKeys - 1L);
            }
            ks = new KeyState(key, stages.length);
            states.put(key, ks);
            budget.used++;
        }
        if (ks.done) {
            return;
        }
        List<Event> list = ks.candidates.get(stage);
        if (list.size() < perStage && !containsSame(list, event)) {
            list.add(event);
            if (!touched.contains(ks)) {
                touched.add(ks);
            }
        }
    }

    /**
     * Adds one event of one join key to that key's candidates (see {@link KeyedRules}) under the stages it passed,
     * and delivers the key's new samples at once, as {@link #onEvent} does without {@code orderSamplesByKey}.
     */
    void onKeyedEvent(KeyState ks, int[] passedStages, Event event) {
        if (output.done() || ks.done) {
            return;
        }
        boolean added = false;
        for (int s : passedStages) {
            List<Event> list = ks.candidates.get(s);
            if (list.size() < perStage && !containsSame(list, event)) {
                list.add(event);
                added = true;
            }
        }
        if (added) {
            deliverNew(ks);
        }
    }

    private static boolean containsSame(List<Event> events, Event event) {
        for (Event e : events) {
            if (e == event) {
                return true;
            }
        }
        return false;
    }

    /** Delivers the key's samples that were not delivered before. */
    private void deliverNew(KeyState ks) {
        for (Event[] sample : samples(ks)) {
            if (!delivered(ks, sample)) {
                ks.delivered.add(sample);
                emit(sample, ks.key);
            }
        }
        if (ks.delivered.size() >= maxSamples) {
            ks.done = true;
            ks.candidates.forEach(List::clear);
        }
    }

    private static boolean delivered(KeyState ks, Event[] sample) {
        for (Event[] d : ks.delivered) {
            if (sameEvents(d, sample)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameEvents(Event[] a, Event[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Up to {@code maxSamples} combinations of distinct events, one per stage, by backtracking in stage order. */
    private List<Event[]> samples(KeyState ks) {
        List<Event[]> out = new ArrayList<>(maxSamples);
        backtrack(ks, 0, new Event[stages.length], out);
        return out;
    }

    private void backtrack(KeyState ks, int stage, Event[] current, List<Event[]> out) {
        if (out.size() >= maxSamples) {
            return;
        }
        if (stage == stages.length) {
            out.add(current.clone());
            return;
        }
        for (Event candidate : ks.candidates.get(stage)) {
            boolean used = false;
            for (int i = 0; i < stage; i++) {
                used |= current[i] == candidate;
            }
            if (!used) {
                current[stage] = candidate;
                backtrack(ks, stage + 1, current, out);
                if (out.size() >= maxSamples) {
                    return;
                }
            }
        }
    }

    @Override
    void finish() {
        if (orderByKey && !output.done()) {
            List<KeyState> ordered = new ArrayList<>(states.values());
            ordered.sort(Comparator.comparing(ks -> ks.key, SampleRunner::compareKeys));
            for (KeyState ks : ordered) {
                for (Event[] sample : samples(ks)) {
                    emit(sample, ks.key);
                }
            }
        }
        budget.used -= states.size();
        states.clear();
        super.finish();
    }

    /** Elasticsearch's composite-aggregation order: value by value, nulls first, strings by byte order. */
    static int compareKeys(Object a, Object b) {
        return JoinKey.compareValuesFirstNull(a, b);
    }

    @Override
    long sampleKeys() {
        return states.size();
    }

    @Override
    long evicted() {
        return evicted;
    }

    @Override
    void evictTo(long max) {
        Iterator<KeyState> eldest = states.values().iterator();
        while (states.size() > max && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
            budget.used--;
            evicted++;
        }
    }
}
