package io.eql4j.compile;

import io.eql4j.ast.EventFilter;
import io.eql4j.ast.EventQuery;
import io.eql4j.ast.Expression;
import io.eql4j.ast.Field;
import io.eql4j.ast.Pipe;
import io.eql4j.ast.Query;
import io.eql4j.ast.SampleQuery;
import io.eql4j.ast.SequenceQuery;
import io.eql4j.ast.Stage;
import io.eql4j.internal.expr.CompareOp;
import io.eql4j.internal.expr.Expr;
import io.eql4j.internal.expr.FieldPredicates;
import io.eql4j.internal.expr.FieldValue;
import io.eql4j.internal.mapping.FieldCatalog;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.FieldTable;
import io.eql4j.internal.plan.Interner;
import io.eql4j.internal.plan.KeyExtractor;
import io.eql4j.internal.plan.PredicateKey;
import io.eql4j.internal.plan.ResultLimit;
import io.eql4j.internal.plan.StagePlan;
import io.eql4j.internal.time.DateFormats;
import io.eql4j.internal.time.Timestamps;
import io.eql4j.mapping.FieldType;
import io.eql4j.parser.EqlParseException;
import io.eql4j.parser.EqlParser;
import io.eql4j.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Compiles one rule's query into a {@link CompiledRule}. */
final class RuleCompiler {

    private static final EqlParser PARSER = new EqlParser();

    private final Rule rule;
    private final CompileOptions options;
    private final FieldTable fields;
    private final ExprCompiler expressions;
    private final String categoryField;

    private final Interner interner;
    private final FieldCatalog catalog;
    /** Whether the query being compiled is a sample (its date keys are epoch milliseconds). */
    private boolean sample;

    private RuleCompiler(
            Rule rule, CompileOptions options, FieldTable fields, Interner interner, FieldCatalog catalog) {
        this.rule = rule;
        this.options = options;
        this.fields = fields;
        this.interner = interner;
        this.catalog = catalog;
        this.expressions = new ExprCompiler(rule.query(), rule.ruleId(), fields, options, interner, catalog);
        this.categoryField =
                rule.eventCategoryOverride().filter(f -> !f.isBlank()).orElse(options.categoryField());
    }

    /**
     * Parses and compiles {@code rule}, adding the fields it reads to {@code fields} and sharing its field
     * predicates with the plan's other rules through {@code interner}.
     *
     * @throws EqlCompileException when the query does not parse or cannot run
     */
    public static CompiledRule compile(
            Rule rule, int index, CompileOptions options, FieldTable fields, Interner interner) {
        return compile(
                rule,
                index,
                options,
                fields,
                interner,
                FieldCatalog.of(options.mappings(), options.fieldTypes(), options.strictFields()));
    }

    /** As {@link #compile(Rule, int, CompileOptions, FieldTable, Interner)}, with the plan's field catalog. */
    public static CompiledRule compile(
            Rule rule, int index, CompileOptions options, FieldTable fields, Interner interner, FieldCatalog catalog) {
        Query query;
        try {
            query = PARSER.parse(rule.query());
        } catch (EqlParseException e) {
            throw new EqlCompileException(e, rule.query(), rule.ruleId());
        }
        try {
            return new RuleCompiler(rule, options, fields, interner, catalog).compile(query, index);
        } catch (EqlCompileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // the contract is that compiling throws EqlCompileException only (docs/limits.md): anything else is
            // reported against the query, in our words
            throw new EqlCompileException(
                    e instanceof StackOverflowError
                            ? "Query too large or too deeply nested to compile"
                            : "Cannot compile the query because of an internal error; please report it with the query",
                    rule.query(),
                    query.span(),
                    rule.ruleId());
        }
    }

    private CompiledRule compile(Query query, int index) {
        List<StagePlan> stages = new ArrayList<>();
        StagePlan until = null;
        long maxSpan = -1;
        CompiledRule.Kind kind;
        if (query.body() instanceof EventQuery q) {
            kind = CompiledRule.Kind.EVENT;
            stages.add(stage(0, q.filter(), List.of(), false));
        } else if (query.body() instanceof SequenceQuery q) {
            kind = CompiledRule.Kind.SEQUENCE;
            for (Stage s : q.stages()) {
                // the runs of a term share one compiled filter, which the runtime evaluates once per event
                StagePlan first = stage(stages.size(), s.filter(), concat(q.joinKeys(), s.joinKeys()), s.missing());
                for (int r = 0; r < s.runs(); r++) {
                    stages.add(new StagePlan(
                            stages.size(),
                            first.index(),
                            first.category(),
                            first.categoryTest(),
                            first.condition(),
                            first.keys(),
                            first.missing(),
                            first.text()));
                }
            }
            if (q.until() != null) {
                until = stage(
                        -1, q.until().filter(), concat(q.joinKeys(), q.until().joinKeys()), false);
            }
            if (q.maxSpan() != null) {
                maxSpan = Math.multiplyExact(q.maxSpan().toDuration().toMillis(), 1_000_000L)
                        / options.timestampPrecision().nanosPerUnit();
            }
        } else {
            SampleQuery q = (SampleQuery) query.body();
            kind = CompiledRule.Kind.SAMPLE;
            sample = true;
            for (Stage s : q.stages()) {
                stages.add(stage(stages.size(), s.filter(), concat(q.joinKeys(), s.joinKeys()), false));
            }
        }
        ResultLimit limit = limit(query, kind);
        switch (kind) {
            case EVENT:
                return new CompiledRule.EventQuery(index, rule, stages.get(0), limit);
            case SEQUENCE:
                return new CompiledRule.Sequence(
                        index,
                        rule,
                        stages,
                        java.util.Optional.ofNullable(until),
                        maxSpan < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(maxSpan),
                        limit);
            default:
                return new CompiledRule.Sample(index, rule, stages, limit);
        }
    }

    private static List<Expression> concat(List<Expression> a, List<Expression> b) {
        List<Expression> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private StagePlan stage(int index, EventFilter filter, List<Expression> keys, boolean missing) {
        Expr categoryTest = null;
        if (!filter.isAny()) {
            FieldCatalog.Resolved category = catalog.resolve(categoryField);
            if (category.problem() != null) {
                // "<category> where" reads the category field: it must be a field the query may use
                throw new EqlCompileException(category.problem(), rule.query(), filter.span(), rule.ruleId());
            }
            int slot = fields.slot(category.path());
            categoryTest = interner.share(
                    PredicateKey.of(PredicateKey.Kind.COMPARE, slot, CompareOp.EQ, false, filter.category()),
                    () -> new FieldPredicates.Compare(slot, categoryField, CompareOp.EQ, filter.category()));
        }
        Expr condition = expressions.condition(filter.condition());
        return new StagePlan(
                index,
                index,
                filter.category(),
                categoryTest,
                condition,
                keys(keys),
                missing,
                filter.span().text(rule.query()));
    }

    private KeyExtractor keys(List<Expression> keys) {
        if (keys.isEmpty()) {
            return KeyExtractor.NONE;
        }
        int n = keys.size();
        Expr[] exprs = new Expr[n];
        int[] slots = new int[n];
        boolean[] optional = new boolean[n];
        String[] names = new String[n];
        List<UnaryOperator<Object>> normalizers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Expression key = keys.get(i);
            exprs[i] = expressions.compile(key).expr();
            slots[i] = exprs[i] instanceof FieldValue f ? f.slot() : -1;
            optional[i] = key instanceof Field f && f.optional();
            names[i] = key.span().text(rule.query());
            normalizers.add(normalizer(key));
        }
        return new KeyExtractor(exprs, slots, optional, names, normalizers);
    }

    /**
     * Date-typed keys read as Elasticsearch returns them: a sequence's as the field's values come back, in its
     * first format ({@code 1970-01-01T00:00:00.000Z} by default); a sample's as epoch milliseconds, as the
     * composite aggregation that finds samples returns them.
     */
    private UnaryOperator<Object> normalizer(Expression key) {
        if (key instanceof Field f) {
            FieldCatalog.Resolved field = catalog.resolve(f.name());
            FieldType hint = field.type();
            if (hint == FieldType.DATE || hint == FieldType.DATE_NANOS) {
                List<String> formats = catalog.dateFormats(field.path());
                boolean epochMillis = sample;
                return value -> {
                    try {
                        long nanos = Timestamps.parseToEpochNanos(value);
                        return epochMillis
                                ? (Object) Math.floorDiv(nanos, 1_000_000L)
                                : DateFormats.format(nanos, formats);
                    } catch (IllegalArgumentException notADate) {
                        return value;
                    }
                };
            }
        }
        return UnaryOperator.identity();
    }

    /**
     * The size limit and the pipes, as Elasticsearch applies them: without pipes, {@code size} from the head or
     * the tail as {@code result_position} says; with a first pipe, a {@code size} limit of the same kind under it.
     */
    private ResultLimit limit(Query query, CompiledRule.Kind kind) {
        ResultLimit limit = new ResultLimit(List.of(), kind == CompiledRule.Kind.EVENT);
        long size = options.size();
        List<Pipe> pipes = query.pipes();
        if (size != CompileOptions.UNLIMITED) {
            boolean head = pipes.isEmpty()
                    ? options.resultPosition() == io.eql4j.compile.ResultPosition.HEAD
                    : pipes.get(0).kind() == Pipe.Kind.HEAD;
            limit = limit.then(head ? ResultLimit.head(size) : ResultLimit.tail(size));
        }
        for (Pipe pipe : pipes) {
            limit = limit.then(
                    pipe.kind() == Pipe.Kind.HEAD ? ResultLimit.head(pipe.count()) : ResultLimit.tail(pipe.count()));
        }
        return limit;
    }
}
