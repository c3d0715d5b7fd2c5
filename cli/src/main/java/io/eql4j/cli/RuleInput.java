package io.eql4j.cli;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.parser.EqlException;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.rules.RuleProblem;
import io.eql4j.runtime.EngineOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that {@code run}, {@code demo} and {@code explain} work on: loaded from files, or one query from the
 * command line, and compiled. Every problem is reported at its place; then the command ends with a
 * {@link CliException}, or with {@code --keep-going} goes on with the rules that loaded and compiled.
 */
final class RuleInput {

    private RuleInput() {}

    /** A pack of one rule, id {@code query}, for a query given on the command line. */
    static RulePack query(String query) {
        return RulePack.of(Rule.ofQuery("query", query));
    }

    /**
     * Loads rule files and directories.
     *
     * @param notes     where to say how many non-EQL rules were skipped, or {@code null} to keep quiet
     * @param keepGoing whether files that do not load are left out (and listed) instead of ending the command
     * @throws CliException if a path does not exist or holds no rule file, or (without {@code keepGoing}) after
     *                      reporting each problem, if anything could not be loaded; or if no EQL rule is left
     */
    static Loaded load(List<Path> paths, Diagnostics diagnostics, PrintWriter notes, boolean keepGoing) {
        existing(paths);
        RulePack.Loaded loaded = RulePack.load(paths);
        nothingFound(paths, loaded);
        return checked(
                loaded,
                diagnostics,
                notes,
                "in " + String.join(" ", paths.stream().map(Path::toString).toList()),
                keepGoing);
    }

    /** @throws CliException naming the first path that does not exist */
    static void existing(List<Path> paths) {
        for (Path p : paths) {
            if (!Files.exists(p) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new CliException(p + ": no such file or directory");
            }
        }
    }

    /**
     * @throws CliException naming the first path under which nothing was found: no rule, no file that failed to
     *                      load, no rule in another language (a wrong directory in a script must not pass)
     */
    static void nothingFound(List<Path> paths, RulePack.Loaded loaded) {
        List<String> sources = new ArrayList<>();
        loaded.pack().forEach(r -> sources.add(r.source()));
        loaded.problems().forEach(p -> sources.add(p.source()));
        loaded.skipped().forEach(p -> sources.add(p.source()));
        for (Path p : paths) {
            Path under = p.normalize();
            boolean found = sources.stream().anyMatch(s -> {
                try {
                    return Path.of(s).normalize().startsWith(under);
                } catch (RuntimeException e) {
                    return false;
                }
            });
            if (!found) {
                throw new CliException(p + ": no rule files found (rules are *.toml and *.eql files; *.test.toml "
                        + "files are tests)");
            }
        }
    }

    /** As {@link #load}, for rules already loaded; {@code where} names them in messages. */
    static Loaded checked(
            RulePack.Loaded loaded, Diagnostics diagnostics, PrintWriter notes, String where, boolean keepGoing) {
        for (RuleProblem p : loaded.problems()) {
            diagnostics.report(p);
        }
        int problems = loaded.problems().size();
        if (problems > 0 && !keepGoing) {
            throw new CliException(Words.count(problems, "rule file") + " could not be loaded (--keep-going runs "
                    + "the rules that did)");
        }
        if (notes != null && !loaded.skipped().isEmpty()) {
            notes.println("skipped " + Words.count(loaded.skipped().size(), "non-EQL rule") + " " + where);
        }
        if (loaded.pack().size() == 0) {
            throw new CliException("no EQL rules " + where);
        }
        List<String> left = new ArrayList<>();
        loaded.problems().forEach(p -> left.add(p.source()));
        return new Loaded(loaded.pack(), left);
    }

    /**
     * Rules to compile, and the files already left out (with {@code --keep-going}).
     *
     * @param pack    the rules
     * @param leftOut the files and rules left out, to list at the end
     */
    record Loaded(RulePack pack, List<String> leftOut) {

        static Loaded of(RulePack pack) {
            return new Loaded(pack, new ArrayList<>());
        }

        /**
         * Compiles the rules into one plan. With {@code keepGoing}, each rule that does not compile is reported
         * and left out, and the others are compiled; without it the first one ends the command.
         *
         * @throws CliException after reporting the error at its place in the rule's file (or in the query)
         */
        Plan compile(EngineOptions options, Diagnostics diagnostics, boolean keepGoing) {
            if (!keepGoing) {
                return RuleInput.compile(pack, options, diagnostics);
            }
            List<Rule> good = new ArrayList<>();
            for (Rule rule : pack) {
                try {
                    EqlCompiler.compile(RulePack.of(rule), options);
                    good.add(rule);
                } catch (EqlException e) {
                    diagnostics.report(rule, e);
                    leftOut.add(rule.source() + " (rule " + rule.ruleId() + ")");
                }
            }
            if (good.isEmpty()) {
                throw new CliException("none of the rules compiles");
            }
            return RuleInput.compile(RulePack.of(good), options, diagnostics);
        }

        /** Lists the rules left out, if any, on {@code err}; returns whether there were any. */
        boolean reportLeftOut(PrintWriter err, String prefix) {
            if (leftOut.isEmpty()) {
                return false;
            }
            err.println(prefix + ": " + Words.count(leftOut.size(), "rule file") + " left out (--keep-going): "
                    + String.join(", ", leftOut));
            return true;
        }
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
            throw new CliException(
                    pack.size() == 1 ? "the query does not compile" : "rule " + e.ruleId() + " does not compile");
        }
    }
}
