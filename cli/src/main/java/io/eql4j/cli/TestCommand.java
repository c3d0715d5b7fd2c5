package io.eql4j.cli;

import io.eql4j.testkit.CaseResult;
import io.eql4j.testkit.RuleTestCase;
import io.eql4j.testkit.RuleTestFile;
import io.eql4j.testkit.TestProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eql4j test PATH...}: runs rule tests ({@code *.test.toml}, docs/rule-tests.md) and prints one line per case,
 * {@code PASS|FAIL|ERROR  <rule name> :: <case name>}, with the expected and actual matches under a failing case, then
 * {@code N passed, M failed}. Exit code 0 when every case passed, 1 when some failed, 2 when a test file (or one of
 * its cases) is invalid or a PATH does not exist.
 */
@Command(
        name = "test",
        footerHeading = "%nExamples (from the repository root, with bin/ on the PATH):%n",
        footer = {"  eql4j test examples/rules", "  eql4j test --quiet examples/rules"},
        description = {
            "Runs rule tests: the cases of *.test.toml files (format: docs/rule-tests.md).",
            "Under a failing case, the 'eql4j explain --test FILE --case NAME' command that explains it.",
            "Exit code 0 when every case passed, 1 when some failed, 2 when a test file or case is invalid, "
                    + "a PATH does not exist or holds no test case."
        })
public final class TestCommand implements Callable<Integer> {

    /** Exit code when every case passed. */
    public static final int PASSED = 0;
    /** Exit code when some case failed and every test file was valid. */
    public static final int FAILED = 1;
    /** Exit code when a test file or case is invalid, or a PATH does not exist. */
    public static final int INVALID = 2;

    private static final String INDENT = "       ";

    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = {
                "A test file (*.test.toml), a rule file "
                        + "(*.toml, *.eql) whose <name>.test.toml is beside it, or a directory: every *.test.toml below it."
            })
    List<Path> paths;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print only the cases that did not pass, and the totals.")
    boolean quiet;

    @Mixin
    IndexMappingMixin indexMappings;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RuleTestFile> files = new ArrayList<>();
        for (Path p : paths) {
            List<RuleTestFile> found = RuleTestFile.discover(List.of(p), indexMappings.defaults());
            if (found.isEmpty()) {
                throw new CliException(p + ": no rule tests found (tests are *.test.toml files; a rule file's tests "
                        + "are in <name>.test.toml beside it)");
            }
            if (found.stream().allMatch(f -> f.problems().isEmpty() && f.cases().isEmpty())) {
                throw new CliException(p + ": no test cases found ([[case]] tables in *.test.toml files)");
            }
            files.addAll(found);
        }
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (RuleTestFile file : files) {
            if (!file.problems().isEmpty()) {
                // the file as a whole is invalid: none of its cases runs, and it counts as one error
                errors++;
                out.println("ERROR  " + file.path());
                for (TestProblem p : file.problems()) {
                    out.println(INDENT + p);
                }
                out.flush();
                continue;
            }
            for (RuleTestCase c : file.cases()) {
                CaseResult result = c.run();
                if (!quiet || !result.passed()) {
                    out.println(result);
                }
                if (result.status() == CaseResult.Status.FAILED) {
                    out.println(INDENT + "explain: eql4j explain --test "
                            + Shell.quote(file.path().toString()) + " --case " + Shell.quote(c.name()));
                }
                out.flush();
                if (result.status() == CaseResult.Status.PASSED) {
                    passed++;
                } else if (result.status() == CaseResult.Status.FAILED) {
                    failed++;
                } else {
                    errors++;
                }
            }
        }
        out.println(passed + " passed, " + (failed + errors) + " failed"
                + (errors == 0 ? "" : " (" + errors + (errors == 1 ? " error)" : " errors)")));
        out.flush();
        return errors > 0 ? INVALID : failed > 0 ? FAILED : PASSED;
    }
}
