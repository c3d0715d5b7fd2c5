package io.eql4j.cli;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.rules.RuleProblem;
import io.eql4j.runtime.EngineOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The rules that {@code run} and {@code explain} work on: loaded from files, or one query from the command line,
 * and compiled. Every problem is reported at its place and ends the command with a {@link CliException}.
 */
final class RuleInput {

    private RuleInput() {
    }

    /** A pack of one rule, id {@code query}, for a query given on the command line. */
    static RulePack query(String query) {
        return RulePack.of(Rule.ofQuery("query", query));
    }

    /**
     * Loads rule files and directories.
     *
     * @param notes where to say how many non-EQL rules were skipped, or {@code null} to keep quiet
     * @throws CliException after reporting each problem, if anything could not be loaded or no EQL rule was found
     */
    static RulePack load(List<Path> paths, Diagnostics diagnostics, PrintWriter notes) {
        return checked(RulePack.load(paths), diagnostics, notes, "in " + paths);
    }

    /** As {@link #load}, for rules already loaded (the bundled ones); {@code where} names them in messages. */
    static RulePack checked(RulePack.Loaded loaded, Diagnostics diagnostics, PrintWriter notes, String where) {
        for (RuleProblem p : loaded.problems()) {
            diagnostics.report(p);
        }
        int problems = loaded.problems().size();
        if (problems > 0) {
            throw new CliException(problems + (problems == 1 ? " rule file" : " rule files") + " could not be loaded");
        }
        if (notes != null && !loaded.skipped().isEmpty()) {
            notes.println("skipped " + loaded.skipped().size() + " non-EQL rule(s) " + where);
        }
        if (loaded.pack().size() == 0) {
            throw new CliException("no EQL rules " + where);
        }
        return loaded.pack();
    }

    /**
     * Compiles the rules into one plan.
     *
     * @throws CliException after reporting the error at its place in the rule's file (or in the query)
     */
    static Plan compile(RulePack pack, EngineOptions options, Diagnostics diagnostics) {
        try {
            return EqlCompiler.compile(pack, options);
        } catch (EqlCompileException e) {
            Rule rule = pack.byId(e.ruleId()).orElseThrow(() -> e);
            diagnostics.report(rule, e);
            throw new CliException(pack.size() == 1 ? "the query does not compile"
                    : "rule " + e.ruleId() + " does not compile");
        }
    }
}
