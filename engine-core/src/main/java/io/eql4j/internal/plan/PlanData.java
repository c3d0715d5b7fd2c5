package io.eql4j.internal.plan;

import io.eql4j.event.FieldPath;
import io.eql4j.internal.expr.SlotReader;
import io.eql4j.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled plan as the runtime reads it: the compiled rules, their filters and dispatchers, and the field table
 * whose slots the runtime reads. The public {@code Plan} holds one (see {@link PlanHolder}).
 */
public final class PlanData implements SlotReader.Source {

    private final List<CompiledRule> compiledRules;
    private final FieldPath[] fieldTable;
    private final int timestampSlot;
    private final int tiebreakerSlot;
    private final String timestampField;
    private final long nanosPerUnit;
    /** The compile-time options as text, part of every rule's fingerprint. */
    private final String optionsText;

    private final int memoCount;
    /** Every distinct filter of every rule (the runs of a term share one), by global id. */
    private final List<StagePlan> filters = new ArrayList<>();
    /** Per rule: per stage, the global id of its filter. */
    private final int[][] stageFilters;
    /** Per rule: the global id of its until filter, or -1. */
    private final int[] untilFilters;
    /** Per filter id: the index of its rule. */
    private final int[] filterRule;

    private final Dispatcher timedDispatcher;
    private final Dispatcher untimedDispatcher;
    /** Per slot, how the index mappings make the field read, or null when no field needs it. */
    private final SlotReader[] slotReaders;

    private final byte[][] fingerprints;

    /**
     * @param compiledRules  the compiled rules
     * @param fieldTable     the fields by slot
     * @param timestampSlot  the slot of the timestamp field
     * @param tiebreakerSlot the slot of the tiebreaker field, or -1
     * @param memoCount      how many field predicates are shared by several filters (see {@link Interner})
     * @param timestampField the name of the timestamp field, for messages
     * @param nanosPerUnit   the nanoseconds in one unit of event time (the precision)
     * @param optionsText    the compile-time options as text, part of every rule's fingerprint
     */
    public PlanData(
            List<CompiledRule> compiledRules,
            FieldPath[] fieldTable,
            int timestampSlot,
            int tiebreakerSlot,
            int memoCount,
            String timestampField,
            long nanosPerUnit,
            String optionsText) {
        this(
                compiledRules,
                fieldTable,
                timestampSlot,
                tiebreakerSlot,
                memoCount,
                timestampField,
                nanosPerUnit,
                optionsText,
                null);
    }

    /**
     * As {@link #PlanData(List, FieldPath[], int, int, int, String, long, String)}, with the fields' readers.
     *
     * @param slotReaders per slot, how the field is read (see {@link SlotReader}), or null when no field needs it
     */
    public PlanData(
            List<CompiledRule> compiledRules,
            FieldPath[] fieldTable,
            int timestampSlot,
            int tiebreakerSlot,
            int memoCount,
            String timestampField,
            long nanosPerUnit,
            String optionsText,
            SlotReader[] slotReaders) {
        this.slotReaders = slotReaders == null ? null : slotReaders.clone();
        this.memoCount = memoCount;
        this.compiledRules = List.copyOf(compiledRules);
        this.fieldTable = fieldTable.clone();
        this.timestampSlot = timestampSlot;
        this.tiebreakerSlot = tiebreakerSlot;
        this.timestampField = timestampField;
        this.nanosPerUnit = nanosPerUnit;
        this.optionsText = optionsText;
        this.fingerprints = new byte[this.compiledRules.size()][];
        this.stageFilters = new int[this.compiledRules.size()][];
        this.untilFilters = new int[this.compiledRules.size()];
        List<Integer> owners = new ArrayList<>();
        for (CompiledRule rule : this.compiledRules) {
            List<StagePlan> stages = rule.stages();
            int[] ids = new int[stages.size()];
            for (int i = 0; i < stages.size(); i++) {
                StagePlan stage = stages.get(i);
                ids[i] = stage.filter() == stage.index() ? add(stage, rule, owners) : ids[stage.filter()];
            }
            stageFilters[rule.index()] = ids;
            untilFilters[rule.index()] =
                    rule.until().isPresent() ? add(rule.until().get(), rule, owners) : -1;
        }
        this.filterRule = owners.stream().mapToInt(Integer::intValue).toArray();
        boolean[] timed = new boolean[filters.size()];
        boolean[] untimed = new boolean[filters.size()];
        for (int id = 0; id < filters.size(); id++) {
            boolean sample = this.compiledRules.get(filterRule[id]).kind() == CompiledRule.Kind.SAMPLE;
            (sample ? untimed : timed)[id] = true;
        }
        this.timedDispatcher = new Dispatcher(filters, timed);
        this.untimedDispatcher = new Dispatcher(filters, untimed);
    }

    /**
     * A fingerprint of rule {@code rule}'s compiled machine (SHA-256): its kind, every stage, key, condition as
     * compiled, until, window and limit, and the compile-time options; not its id, name or other metadata. Two rules
     * with the same fingerprint keep the same state for the same events, so a snapshot's state of one can continue
     * under the other.
     */
    public byte[] fingerprint(int rule) {
        byte[] f = fingerprints[rule];
        if (f == null) {
            CompiledRule r = compiledRules.get(rule);
            String text = PlanExplainer.explain(r, this);
            // the first line names the rule: metadata, not machine
            String machine = r.kind() + "\n" + text.substring(text.indexOf('\n') + 1) + "\n" + optionsText;
            try {
                f = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(machine.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java has no SHA-256", e);
            }
            fingerprints[rule] = f;
        }
        return f.clone();
    }

    private int add(StagePlan filter, CompiledRule rule, List<Integer> owners) {
        filters.add(filter);
        owners.add(rule.index());
        return filters.size() - 1;
    }

    @Override
    public SlotReader[] slotReaders() {
        return slotReaders == null ? null : slotReaders.clone();
    }

    /** How many shared field predicates remember their result per event. */
    public int memoCount() {
        return memoCount;
    }

    /** How many distinct filters the plan has. */
    public int filterCount() {
        return filters.size();
    }

    /** For rule {@code rule}: per stage, the global id of its filter. */
    public int[] stageFilters(int rule) {
        return stageFilters[rule].clone();
    }

    /** For rule {@code rule}: the global id of its until filter, or -1. */
    public int untilFilter(int rule) {
        return untilFilters[rule];
    }

    /** The index of the rule that filter {@code id} belongs to. */
    public int ruleOf(int filterId) {
        return filterRule[filterId];
    }

    /** The dispatcher over the filters of event queries and sequences (evaluated in event-time order). */
    public Dispatcher timedDispatcher() {
        return timedDispatcher;
    }

    /** The dispatcher over the filters of samples (evaluated as events arrive). */
    public Dispatcher untimedDispatcher() {
        return untimedDispatcher;
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

    /** The name of the timestamp field. */
    public String timestampField() {
        return timestampField;
    }

    /** The nanoseconds in one unit of event time. */
    public long nanosPerUnit() {
        return nanosPerUnit;
    }

    /** The rules, in plan order. */
    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>(compiledRules.size());
        for (CompiledRule r : compiledRules) {
            out.add(r.rule());
        }
        return out;
    }

    /** The fields by slot. */
    public List<FieldPath> fieldPaths() {
        return List.of(fieldTable);
    }

    /** The names of the fields by slot. */
    public List<String> fields() {
        List<String> out = new ArrayList<>(fieldTable.length);
        for (FieldPath f : fieldTable) {
            out.add(f.name());
        }
        return out;
    }

    /** The plan for people. */
    public String explain() {
        return PlanExplainer.explain(this);
    }
}
