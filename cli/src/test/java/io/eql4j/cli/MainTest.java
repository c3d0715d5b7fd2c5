package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class MainTest {

    /** Every registered subcommand, read from Main's annotation, so that new ones are tested too. */
    private static List<String> commands() {
        return Arrays.stream(Main.class.getAnnotation(Command.class).subcommands())
                .map(c -> c.getAnnotation(Command.class).name())
                .toList();
    }

    @Test
    void listsItsCommandsAndExitCodesInHelp() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(commands()).contains("check", "parse", "run", "explain");
        assertThat(r.out()).contains(commands()).contains("Exit codes:").contains("2  usage or input error");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String command : commands()) {
            Cli.Result help = Cli.run(command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out())
                    .as(command)
                    .startsWith("Usage: eql4j " + command)
                    .contains("--version");
            Cli.Result version = Cli.run(command, "--version");
            assertThat(version.exit()).as(command).isZero();
            assertThat(version.out()).as(command).startsWith("eql4j ").doesNotContain("unknown version");
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        Cli.Result r = Cli.run("-V");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("(?s)eql4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava .*");
    }

    @Test
    void withoutACommandShowsTheCommandsAndFails() {
        Cli.Result r = Cli.run();
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("eql4j: no command given").contains("Commands:");
    }

    @Test
    void unknownCommandSuggestsTheNearestOne() {
        Cli.Result r = Cli.run("chek", "x");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err())
                .contains("Unmatched argument")
                .contains("Did you mean: eql4j check")
                .contains("Try 'eql4j --help'");
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() {
        for (String command : commands()) {
            // picocli names a missing required argument first, if there is one; either is a usage error
            Cli.Result r = Cli.run(command, "--no-such-option");
            assertThat(r.exit()).as(command).isEqualTo(Main.USAGE);
            assertThat(r.err())
                    .as(command)
                    .startsWith("eql4j " + command + ": ")
                    .contains("Try 'eql4j " + command + " --help' for more information.")
                    .doesNotContain("\tat ");
            assertThat(r.out()).as(command).isEmpty();
        }
        Cli.Result r = Cli.run("run", "--no-such-option");
        assertThat(r.err()).startsWith("eql4j run: Unknown option: '--no-such-option'\n");
        r = Cli.run("check", "--no-such-option", ".");
        assertThat(r.err()).startsWith("eql4j check: Unknown option: '--no-such-option'\n");
    }
}
