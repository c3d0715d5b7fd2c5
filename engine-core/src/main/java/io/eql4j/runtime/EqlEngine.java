package io.eql4j.runtime;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.PlanHolder;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a compiled {@link Plan} over one stream of events and delivers matches as soon as they are final.
 *
 * <p>Feed events with {@link #accept}; the engine orders them by (timestamp, tiebreaker, arrival) as
 * Elasticsearch does, within the {@linkplain EngineOptions#allowedLateness() allowed lateness}, evaluates every
 * rule once per event, and calls the {@link MatchListener} with each result. Time is the events' time, never the
 * wall clock: {@link #advanceTo} moves it forward without events, and {@link #finish} ends a bounded stream (which
 * decides trailing missing events and {@code tail}). Problems with single events (no timestamp, too late) are
 * reported to a {@link ProblemListener} and never stop the stream.
 *
 * <p>An engine is not thread-safe: feed it from one thread. Run one engine per stream (or per partition); engines
 * may share a plan.
 *
 * <pre>{@code
 * EqlEngine engine = EqlEngine.builder()
 *         .rules(RulePack.load(Path.of("rules")).orThrow())
 *         .onMatch(match -> System.out.println(match.rule().name() + " " + match.joinKeys()))
 *         .build();
 * engine.accept(Event.of(Map.of("@timestamp", Instant.now(), "event", Map.of("category", "process"))));
 * engine.finish();
 * }</pre>
 */
public final class EqlEngine {

    static {
        // partitioned runtimes (eql4j-flink) drive sequences and samples one join key at a time through it
        io.eql4j.internal.plan.KeyedDriver.register(new KeyedRules.Factory());
    }

    private final MatchListener listener;
    private final ProblemListener problems;
    private EngineCore core;

    private EqlEngine(EngineCore core, MatchListener listener, ProblemListener problems) {
        this.core = core;
        this.listener = listener;
        this.problems = problems;
    }

    /**
     * An engine that runs {@code plan} and calls {@code listener} with each match; problems are counted and logged
     * ({@link ProblemListener#logging()}).
     */
    public static EqlEngine create(Plan plan, MatchListener listener) {
        return create(plan, listener, ProblemListener.logging());
    }

    /**
     * An engine that runs {@code plan}, calls {@code listener} with each match and {@code problems} with each
     * problem, under the plan's default run-time options (see {@link #defaultRuntimeOptions}).
     */
    public static EqlEngine create(Plan plan, MatchListener listener, ProblemListener problems) {
        return create(plan, defaultRuntimeOptions(plan), listener, problems);
    }

    /** An engine that runs {@code plan} under {@code options}; one plan runs under any run-time options. */
    public static EqlEngine create(
            Plan plan, RuntimeOptions options, MatchListener listener, ProblemListener problems) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(problems, "problems");
        return new EqlEngine(
                new EngineCore(plan, Objects.requireNonNull(options, "options"), listener, problems),
                listener,
                problems);
    }

    /**
     * The run-time options engines of {@code plan} use when given none: the run-time part of the options it was
     * compiled with when those were {@link EngineOptions}, else {@link RuntimeOptions#defaults()}.
     */
    public static RuntimeOptions defaultRuntimeOptions(Plan plan) {
        return plan.options() instanceof EngineOptions both ? both.runtimeOptions() : RuntimeOptions.defaults();
    }

    static PlanData data(Plan plan) {
        if (!(Objects.requireNonNull(plan, "plan") instanceof PlanHolder holder)) {
            throw new IllegalArgumentException("not a plan made by EqlCompiler: " + plan);
        }
        return holder.planData();
    }

    /** A builder that compiles rules (or takes a plan) and creates an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /** The plan this engine runs. */
    public Plan plan() {
        return core.publicPlan();
    }

    /** The run-time options this engine runs under. */
    public RuntimeOptions runtimeOptions() {
        return core.runtimeOptions();
    }

    /**
     * Gives the engine the next event of the stream. Events in order are evaluated at once; events out of order
     * wait in the reorder buffer until the allowed lateness has passed.
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    public void accept(Event event) {
        core.accept(event);
    }

    /**
     * Moves event time forward to {@code time} without an event: events older than {@code time} minus the allowed
     * lateness are evaluated, windows that ended before it expire, and trailing missing events are decided. Events
     * held because their time jumped ahead ({@link RuntimeOptions#maxTimeJump()}) and not after {@code time} are
     * evaluated first: the caller's time needs no confirmation. An instant after 2262-04-11T23:47:16.854775807Z, the
     * latest time an event can have, moves time to that latest time (every later event is late); one before
     * 1677-09-21T00:12:43.145224192Z does nothing.
     */
    public void advanceTo(Instant time) {
        core.advanceTo(time);
    }

    /**
     * Ends the stream: evaluates every buffered event, decides what waited for more events (trailing missing
     * events, {@code tail}, samples in key order) and delivers the last matches. The engine accepts no more events.
     */
    public void finish() {
        core.finish();
    }

    /** The engine's counters and live state, now. */
    public EngineStats stats() {
        return core.stats();
    }

    /**
     * Writes the engine's whole state to {@code out}: the reorder buffer, every rule's partial sequences with their
     * events, missing-event trackers, sample candidates, result limits in progress, the counters and the event
     * clock, in the binary format of {@code docs/state-format.md}, naming the plan by a fingerprint of each rule.
     * The engine goes on unchanged. {@link #restore} continues from it.
     *
     * @throws IOException           when {@code out} fails
     * @throws IllegalStateException when an event cannot be stored (its source is not JSON text, a Map or a
     *                               JsonNode)
     */
    public void snapshot(OutputStream out) throws IOException {
        StateCodec.write(core, out);
    }

    /**
     * An engine that continues from a snapshot of an engine of the same plan: given the rest of the stream, it
     * delivers exactly the matches the snapshotted engine would have. The stream is read to its end.
     *
     * @throws StateException when the snapshot is truncated, corrupt, of another format version, or of another
     *                        plan (naming the rules that differ); no engine is made
     * @throws IOException    when {@code in} fails
     */
    public static EqlEngine restore(
            Plan plan, RuntimeOptions options, InputStream in, MatchListener listener, ProblemListener problems)
            throws IOException {
        return restore(plan, options, in, listener, problems, false).engine();
    }

    /**
     * An engine that continues from a snapshot taken with the same or another plan: rules whose compiled machine
     * is unchanged (same id and fingerprint) keep their state, changed and new rules start empty, removed rules'
     * state is dropped. The report says which rule got what.
     *
     * @throws StateException when the snapshot is truncated, corrupt or of another format version
     * @throws IOException    when {@code in} fails
     */
    public static Restored restoreReloading(
            Plan plan, RuntimeOptions options, InputStream in, MatchListener listener, ProblemListener problems)
            throws IOException {
        return restore(plan, options, in, listener, problems, true);
    }

    /** An engine restored from a snapshot, and what happened to each rule's state. */
    public record Restored(EqlEngine engine, ReloadReport report) {}

    private static Restored restore(
            Plan plan,
            RuntimeOptions options,
            InputStream in,
            MatchListener listener,
            ProblemListener problems,
            boolean reload)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(problems, "problems");
        StateCodec.Snapshot snapshot = StateCodec.parse(in.readAllBytes());
        EngineCore core = new EngineCore(plan, Objects.requireNonNull(options, "options"), listener, problems);
        ReloadReport report = StateCodec.apply(snapshot, core, reload);
        return new Restored(new EqlEngine(core, listener, problems), report);
    }

    /**
     * Continues this engine under {@code newPlan}, keeping the state of every rule whose compiled machine is
     * unchanged (same id and fingerprint): a sequence of such a rule that started before the reload completes after
     * it. Changed and new rules start empty; removed rules' state is dropped; buffered events are evaluated
     * against the new plan's filters. Run-time options stay. On any failure the engine is left as it was.
     *
     * @return what happened to each rule's state
     */
    public ReloadReport reload(Plan newPlan) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            StateCodec.write(core, bytes);
            EngineCore next = new EngineCore(newPlan, core.runtimeOptions(), listener, problems);
            ReloadReport report = StateCodec.apply(StateCodec.parse(bytes.toByteArray()), next, true);
            core = next;
            return report;
        } catch (IOException e) {
            throw new IllegalStateException("reloading failed: " + e.getMessage(), e);
        }
    }

    /** Makes every sequence rule report its decisions (for {@link EqlExplainer}). */
    void traceSequences(java.util.function.Function<CompiledRule, SequenceTrace> traces) {
        core.traceSequences(traces);
    }

    /**
     * Builds an {@link EqlEngine}: either from rules, compiled with {@link #options}, or from a compiled
     * {@link #plan}; run-time options from {@link #runtimeOptions}, else the defaults of the options or plan.
     * Contradictory calls are refused with a message when they are made.
     */
    public static final class Builder {
        private Plan plan;
        private final List<Rule> rules = new ArrayList<>();
        private final java.util.Set<String> ids = new java.util.HashSet<>();
        private EngineOptions options;
        private RuntimeOptions runtime;
        private MatchListener listener;
        private ProblemListener problems; // null: ProblemListener.logging(), one per engine

        private Builder() {}

        /**
         * Runs an already compiled plan (compiled with its own options).
         *
         * @throws IllegalStateException when rules, options or another plan were given
         */
        public Builder plan(Plan plan) {
            Objects.requireNonNull(plan, "plan");
            if (this.plan != null) {
                throw new IllegalStateException("a plan was already given; an engine runs one plan");
            }
            if (!rules.isEmpty()) {
                throw new IllegalStateException("rules were already given; give either rules or a compiled plan");
            }
            if (options != null) {
                throw new IllegalStateException("options(...) were given, but a compiled plan keeps the options it"
                        + " was compiled with; give run-time settings with runtimeOptions(...)");
            }
            this.plan = plan;
            return this;
        }

        /** Adds one query, as a rule whose id is {@code query}. */
        public Builder query(String query) {
            return query("query", query);
        }

        /**
         * Adds one query as a rule with this id.
         *
         * @throws IllegalStateException when a rule with the same id was given
         */
        public Builder query(String id, String query) {
            return rule(Rule.ofQuery(id, query));
        }

        /**
         * Adds one rule.
         *
         * @throws IllegalStateException when a plan or a rule with the same id was given
         */
        public Builder rule(Rule rule) {
            Objects.requireNonNull(rule, "rule");
            if (plan != null) {
                throw new IllegalStateException("a compiled plan was already given; give either rules or a plan");
            }
            if (!ids.add(rule.ruleId())) {
                throw new IllegalStateException("two rules with the id [" + rule.ruleId() + "]; give each its own"
                        + " id (query(id, text) for queries)");
            }
            rules.add(rule);
            return this;
        }

        /** Adds rules. */
        public Builder rules(List<Rule> more) {
            more.forEach(this::rule);
            return this;
        }

        /** Adds the rules of a pack. */
        public Builder rules(RulePack pack) {
            return rules(pack.rules());
        }

        /**
         * The options to compile the rules with, whose run-time part the engine uses unless
         * {@link #runtimeOptions} is given (default {@link EngineOptions#defaults()}).
         *
         * @throws IllegalStateException with a compiled plan, or when given twice
         */
        public Builder options(EngineOptions options) {
            Objects.requireNonNull(options, "options");
            if (plan != null) {
                throw new IllegalStateException("a compiled plan was given, which keeps the options it was compiled"
                        + " with; give run-time settings with runtimeOptions(...)");
            }
            if (this.options != null) {
                throw new IllegalStateException("options were already given");
            }
            this.options = options;
            return this;
        }

        /**
         * The run-time options (lateness, memory bounds, sample order) the engine runs under, overriding those of
         * {@link #options} or of the plan.
         *
         * @throws IllegalStateException when given twice
         */
        public Builder runtimeOptions(RuntimeOptions runtime) {
            Objects.requireNonNull(runtime, "runtime");
            if (this.runtime != null) {
                throw new IllegalStateException("run-time options were already given");
            }
            this.runtime = runtime;
            return this;
        }

        /** Receives each match (required). */
        public Builder onMatch(MatchListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Receives each problem with an event (default: {@link ProblemListener#logging()}, which logs them through
         * {@link System.Logger}; problems are counted in the stats either way).
         */
        public Builder onProblem(ProblemListener problems) {
            this.problems = Objects.requireNonNull(problems, "problems");
            return this;
        }

        /**
         * Compiles the rules (unless a plan was given) and creates the engine.
         *
         * @throws io.eql4j.parser.EqlException when a query does not parse or cannot run
         * @throws IllegalStateException        without a listener, or with neither rules nor a plan
         */
        public EqlEngine build() {
            if (listener == null) {
                throw new IllegalStateException("onMatch(listener) is required");
            }
            Plan p = plan != null
                    ? plan
                    : EqlCompiler.compile(rules, options != null ? options : EngineOptions.defaults());
            return create(
                    p,
                    runtime != null ? runtime : defaultRuntimeOptions(p),
                    listener,
                    problems != null ? problems : ProblemListener.logging());
        }
    }
}
