package io.eql4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code eql4j version}: the same as {@code eql4j --version}. */
@Command(name = "version", description = "Prints eql4j's version and the Java it runs on.")
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        for (String line : new VersionProvider().getVersion()) {
            main.out().println(line);
        }
        return Main.OK;
    }
}
