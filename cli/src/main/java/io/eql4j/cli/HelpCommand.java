package io.eql4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eql4j help [COMMAND]}: the same as {@code eql4j --help} or {@code eql4j COMMAND --help}. */
@Command(name = "help", description = "Prints the help of eql4j, or of one of its commands.")
final class HelpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "The command whose help to print.")
    private String command;

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.parent().commandLine();
        if (command == null) {
            root.usage(main.out());
            return Main.OK;
        }
        CommandLine sub = root.getSubcommands().get(command);
        if (sub == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "no command '" + command + "'; the commands " + "are "
                            + String.join(", ", root.getSubcommands().keySet()));
        }
        sub.usage(main.out());
        return Main.OK;
    }
}
