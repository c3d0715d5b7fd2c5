package io.eql4j.cli;

import io.eql4j.compile.Plan;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.MatchListener;
import io.eql4j.runtime.ProblemListener;
import io.eql4j.runtime.ReloadReport;
import io.eql4j.runtime.RuntimeOptions;
import io.eql4j.runtime.StateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Option;

/**
 * {@code run}'s {@code --state FILE} and {@code --finish}: the engine continues from the state a previous run saved,
 * and saves its own at the end, so that a stream split over several files gives the matches of one run over their
 * concatenation. See docs/state-format.md.
 */
final class RunState {

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = {
                "Continue from the engine state in FILE when it exists, and save the state there at the "
                        + "end: a stream split over several files (hourly logs, a daily job) gives the matches of one "
                        + "run over all of them, including sequences that span files.",
                "The end of the input is then not the end of the stream: trailing missing events, tail and "
                        + "samples wait for more input (see --finish). If the rules changed since FILE was saved, "
                        + "unchanged rules keep their state and the others start empty; each is named."
            })
    private Path file;

    @Option(
            names = "--finish",
            description = "With --state: the stream ends with this input; deliver what waited for more input, and "
                    + "remove the state file.")
    private boolean finish;

    /** The engine for this run: restored from the state file when there is one, else new. */
    EqlEngine engine(
            Plan plan,
            RuntimeOptions options,
            MatchListener matches,
            ProblemListener problems,
            PrintWriter notes,
            PrintWriter err) {
        if (finish && file == null) {
            throw new CliException("--finish needs --state FILE: without a state file every run ends its stream");
        }
        if (file == null || !Files.exists(file)) {
            if (file != null && notes != null) {
                notes.println("eql4j run: no state in " + file + " yet: starting a new stream");
            }
            return EqlEngine.create(plan, options, matches, problems);
        }
        EqlEngine.Restored restored;
        try (InputStream in = Files.newInputStream(file)) {
            restored = EqlEngine.restoreReloading(plan, options, in, matches, problems);
        } catch (StateException e) {
            throw new CliException("cannot continue from the state in " + file + ": " + e.getMessage()
                    + " (remove the file to start a new stream)");
        } catch (IOException e) {
            throw new CliException("cannot read the state in " + file + ": " + e.getMessage());
        }
        ReloadReport report = restored.report();
        if (!report.unchanged()) {
            // a changed rule pack is news even with --quiet: the others' matches may be missing
            err.println("eql4j run: the rules changed since " + file + " was saved:");
            for (ReloadReport.RuleOutcome r : report.rules()) {
                err.println("  " + describe(r.outcome()) + " " + r.ruleId());
            }
        } else if (notes != null) {
            notes.println("eql4j run: continuing from the state in " + file + " ("
                    + restored.engine().stats().eventsReceived() + " events before)");
        }
        return restored.engine();
    }

    private static String describe(ReloadReport.Outcome outcome) {
        switch (outcome) {
            case KEPT:
                return "kept its state:";
            case RESET:
                return "changed, starts empty:";
            case ADDED:
                return "new, starts empty:";
            default:
                return "removed, its state dropped:";
        }
    }

    /**
     * The input has ended: without a state file, or with {@code --finish}, the stream ends too; otherwise the state
     * is saved for the next run (to a temporary file, then renamed over FILE).
     */
    void end(EqlEngine engine, PrintWriter notes) throws IOException {
        if (file == null || finish) {
            engine.finish();
            if (file != null) {
                Files.deleteIfExists(file);
                if (notes != null) {
                    notes.println("eql4j run: the stream has ended: removed the state file " + file);
                }
            }
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                engine.snapshot(out);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (notes != null) {
            notes.println("eql4j run: saved the state in " + file + " (" + Words.count(Files.size(file), "byte") + ", "
                    + Words.count(engine.stats().pendingSequences(), "pending sequence") + ", "
                    + Words.count(engine.stats().bufferedEvents(), "buffered event")
                    + "); run again with --state to continue, --finish to end the stream");
        }
    }
}
