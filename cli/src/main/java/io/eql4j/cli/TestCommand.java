package io.eql4j.cli;

import io.eql4j.testkit.CaseResult;
import io.eql4j.testkit.RuleTestCase;
import io.eql4j.testkit.RuleTestFile;
import io.eql4j.testkit.TestProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eql4j test PATH...}: runs rule tests ({@code *.test.toml}, docs/rule-tests.md) and prints one line per case,
 * {@code PASS|FAIL|ERROR  <rule name> :: <case name>}, with the expected and actual matches under a failing case, then
 * {@code N passed, M failed}. Exit code 0 when every case passed, 1 when some failed, 2 when a test file (or one of
 * its cases) is invalid or a PATH does not exist.
 */
@Command(name = "test",
        description = {"Runs rule tests: the cases of *.test.toml files (format: docs/rule-tests.md).",
                "Exit code 0 when every case passed, 1 when some failed, 2 when a test file or case is invalid "
                        + "or a PATH does not exist."})
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

    @Parameters(arity = "1..*", paramLabel = "PATH", description = {"A test file (*.test.toml), a rule file "
            + "(*.toml, *.eql) whose <name>.test.toml is beside it, or a directory: every *.test.toml below it."})
    List<Path> paths;

    @Mixin
    IndexMappingMixin indexMappings;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (RuleTestFile file : RuleTestFile.discover(paths, indexMappings.defaults())) {
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
                out.println(result);
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
