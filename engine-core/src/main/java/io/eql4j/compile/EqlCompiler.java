package io.eql4j.compile;

import io.eql4j.internal.expr.SlotReader;
import io.eql4j.internal.mapping.FieldCatalog;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.FieldTable;
import io.eql4j.internal.plan.Interner;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Compiles EQL rules into a {@link Plan}. Stateless and thread-safe.
 *
 * <p>Compiling parses each query, checks it (functions and their arguments, types of constants, regular
 * expressions, CIDR blocks) and builds the filters, key extractors and stage machines that engines run. Any
 * problem is an {@link io.eql4j.parser.EqlException} positioned in the query's text; a plan never fails at run
 * time because of a query.
 */
public final class EqlCompiler {

    private EqlCompiler() {}

    /** Compiles one query, as a rule with the id {@code query}, with default options. */
    public static Plan compile(String query) {
        return compile(query, CompileOptions.defaults());
    }

    /** Compiles one query, as a rule with the id {@code query}. */
    public static Plan compile(String query, CompileOptions options) {
        return compile(List.of(Rule.ofQuery("query", query)), options);
    }

    /** Compiles one rule. */
    public static Plan compile(Rule rule, CompileOptions options) {
        return compile(List.of(rule), options);
    }

    /** Compiles the rules of a pack. */
    public static Plan compile(RulePack pack, CompileOptions options) {
        return compile(pack.rules(), options);
    }

    /**
     * Compiles rules into one plan, which evaluates each event once for all of them.
     *
     * @throws EqlCompileException for the first rule whose query does not parse or cannot run; it names the rule
     */
    public static Plan compile(Collection<Rule> rules, CompileOptions options) {
        FieldTable fields = new FieldTable();
        FieldCatalog catalog = FieldCatalog.of(options.mappings(), options.fieldTypes(), options.strictFields());
        int timestampSlot =
                fields.slot(catalog.resolve(options.timestampField()).path());
        int tiebreakerSlot = options.tiebreakerField() == null
                ? -1
                : fields.slot(catalog.resolve(options.tiebreakerField()).path());
        Interner interner = new Interner();
        List<CompiledRule> compiled = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            compiled.add(RuleCompiler.compile(rule, compiled.size(), options, fields, interner, catalog));
        }
        SlotReader[] readers = catalog.readers(fields.toArray(), () -> fields.slot(FieldCatalog.INDEX_FIELD));
        if (readers != null && readers.length < fields.size()) {
            readers = Arrays.copyOf(readers, fields.size());
        }
        return new CompiledPlan(
                new PlanData(
                        compiled,
                        fields.toArray(),
                        timestampSlot,
                        tiebreakerSlot,
                        interner.memoCount(),
                        options.timestampField(),
                        options.timestampPrecision().nanosPerUnit(),
                        CompileOptions.copyOf(options).toString(),
                        readers),
                options);
    }
}
