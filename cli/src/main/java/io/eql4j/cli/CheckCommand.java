package io.eql4j.cli;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.parser.EqlException;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.rules.RuleProblem;
import io.eql4j.runtime.EngineOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code eql4j check}: loads, parses and compiles rules, reporting each failure at its place in its file. */
@Command(
        name = "check",
        footerHeading = "%nExamples (from the repository root, with bin/ on the PATH):%n",
        footer = {"  eql4j check examples/rules", "  eql4j check --no-snippet examples/rules"},
        description = {
            "Parses and compiles EQL rules, reporting each failure at its place.",
            "Each failure is reported as file:line:column: message, followed by the offending line and a caret.",
            "PATHs are rule TOML files, .eql files (one query each) and directories (searched recursively; "
                    + "*.test.toml files are rule tests, not rules). Rules in other languages are skipped.",
            "The last line reads 'checked N rules: K ok, M failed'; the exit code is 1 when any failed, and 2 "
                    + "when a PATH does not exist or holds no rule file."
        })
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files and directories.")
    private List<Path> paths;

    @Option(names = "--no-snippet", description = "Do not print the offending line and a caret after each failure.")
    private boolean noSnippet;

    @Mixin
    private IndexMappingMixin indexMappings;

    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        RuleInput.existing(paths);
        PrintWriter out = main.out();
        Diagnostics diagnostics = new Diagnostics(out, !noSnippet);
        RulePack.Loaded loaded = RulePack.load(paths);
        RuleInput.nothingFound(paths, loaded); // a wrong directory in CI must not be a green step
        int failed = 0;
        for (RuleProblem p : loaded.problems()) {
            diagnostics.report(p);
            failed++;
        }
        int ok = 0;
        FieldCheck fields = new FieldCheck(indexMappings, diagnostics);
        for (Rule rule : loaded.pack()) {
            if (fields.passes(rule) && compiles(rule, fields.options(), diagnostics, out)) {
                ok++;
            } else {
                failed++;
            }
        }
        if (!loaded.skipped().isEmpty()) {
            out.println("skipped " + Words.count(loaded.skipped().size(), "non-EQL rule"));
        }
        out.println("checked " + Words.count(ok + failed, "rule") + ": " + ok + " ok, " + failed + " failed"
                + fields.warningCount());
        return failed == 0 ? Main.OK : Main.PROBLEMS;
    }

    /** Compiles the rule alone, with the rule's own settings (e.g. event_category_override) and default options. */
    private static boolean compiles(Rule rule, EngineOptions options, Diagnostics diagnostics, PrintWriter out) {
        try {
            EqlCompiler.compile(rule, options);
            return true;
        } catch (EqlException e) {
            diagnostics.report(rule, e);
        } catch (RuntimeException e) {
            // a compiler bug must not hide the other rules' results; it counts as a failure of this rule
            out.println(
                    rule.source() + ": internal error compiling rule " + rule.ruleId() + " (please report it): " + e);
        }
        return false;
    }
}
