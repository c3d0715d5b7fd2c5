package io.eql4j.cli;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code eql4j} command. Its subcommands are listed in the {@link Command} annotation below; each gets
 * {@code --help} and {@code --version} here, so adding a subcommand is adding its class to that list.
 *
 * <p>Subcommands reach the process's streams through their {@code @ParentCommand Main}: {@link #out()},
 * {@link #err()}, {@link #open(String)} for a file or standard input, and {@link #terminal()}.
 */
@Command(
        name = "eql4j",
        description = "Runs Elastic EQL detection rules over event streams, with Elasticsearch's semantics.",
        subcommands = {
            CheckCommand.class,
            ParseCommand.class,
            RunCommand.class,
            TestCommand.class,
            ExplainCommand.class,
            DemoCommand.class,
            HelpCommand.class,
            VersionCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  problems found: failed checks or test cases, skipped input lines,",
            "     rule files left out with --keep-going",
            "  2  usage or input error: unknown option, missing file, nothing found at a",
            "     path, binary input, rule file that does not load, query that does not",
            "     compile",
            "  3  internal error: a bug in eql4j (please report it with the stack trace)",
            "Every command uses these codes the same way.",
            "",
            "'eql4j help COMMAND' shows a command's options; 'eql4j demo' shows it work."
        })
public final class Main implements Callable<Integer> {

    /** Everything went well. */
    static final int OK = 0;
    /** The command ran and found problems: failed checks, failed cases, skipped input lines. */
    static final int PROBLEMS = 1;
    /** The command could not do what was asked: bad usage, a missing or unreadable file, a broken rule. */
    static final int USAGE = 2;
    /** A bug: an exception nobody expected. */
    static final int INTERNAL = 3;

    private final InputStream in;
    private final Terminals terminals;
    private PrintWriter out;
    private PrintWriter err;

    @Spec
    private CommandSpec spec;

    private Main(InputStream in, Terminals terminals) {
        this.in = in;
        this.terminals = terminals;
    }

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, Terminals.detect()));
    }

    /** Runs the command in-process, reading standard input from {@code System.in}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err, Terminals.NONE);
    }

    /**
     * Runs the command in-process and returns the exit code.
     *
     * @param terminal whether standard input and standard error are terminals
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        return run(args, in, out, err, terminal ? Terminals.ALL : Terminals.NONE);
    }

    /** Runs the command in-process and returns the exit code; {@code terminals} says which streams a person sees. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Terminals terminals) {
        Main main = new Main(in, terminals);
        // stdout is buffered (it may carry many matches) and flushed at the end; stderr is flushed by line. A write
        // to a closed stdout (a reader like `head` that has seen enough) ends the command quietly: OutputClosed.
        main.out = new PrintWriter(
                new BufferedWriter(new OutputStreamWriter(new OutputClosed.Watch(out), StandardCharsets.UTF_8)));
        main.err = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(main)
                .setOut(main.out)
                .setErr(main.err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(Main::failure);
        VersionProvider version = new VersionProvider();
        standardOptions(cl.getCommandSpec(), version);
        cl.getSubcommands().values().forEach(sub -> standardOptions(sub.getCommandSpec(), version));
        try {
            return cl.execute(args);
        } catch (OutputClosed e) {
            return OK;
        } catch (OutOfMemoryError e) {
            // a large --allowed-lateness holds the events within it; a huge line is held whole
            main.err.println("eql4j: out of memory. An explicit --allowed-lateness holds every event within it (the"
                    + " default for a file holds none: it is read in time order, sorted on disk when it is not); use"
                    + " a smaller bound or leave it out. One line may take up to --max-line-length (64m by default)"
                    + " several times over; lower it for a small heap. Or give Java more memory (JAVA_OPTS=-Xmx..."
                    + " for bin/eql4j).");
            return USAGE;
        } finally {
            try {
                main.out.flush();
            } catch (OutputClosed e) {
                // nobody reads standard output any more
            }
            main.err.flush();
        }
    }

    private static void standardOptions(CommandSpec spec, VersionProvider version) {
        spec.mixinStandardHelpOptions(true);
        spec.versionProvider(version);
    }

    /** {@code eql4j} without a command: the list of commands, on stderr. */
    @Override
    public Integer call() {
        err.println("eql4j: no command given");
        spec.commandLine().usage(err);
        return USAGE;
    }

    /** Standard output (buffered; flushed when the command ends). */
    PrintWriter out() {
        return out;
    }

    /** Standard error. */
    PrintWriter err() {
        return err;
    }

    /** Whether a person watches standard error, for progress lines. */
    boolean terminal() {
        return terminals.stderr();
    }

    /** Whether standard input is a terminal (so not a stream of events piped in). */
    boolean stdinIsTerminal() {
        return terminals.stdin();
    }

    /**
     * Opens a file, or standard input for {@code -} (closing that stream leaves standard input open). Gzip input is
     * decompressed, known by its first two bytes whatever the file is called. A read that fails later names the file.
     *
     * @throws CliException if the file does not exist or cannot be read
     */
    InputStream open(String pathOrDash) {
        if ("-".equals(pathOrDash)) {
            return decompressed(
                    new FilterInputStream(in) {
                        @Override
                        public void close() {
                            // standard input belongs to the process
                        }
                    },
                    "<stdin>");
        }
        try {
            Path path = Path.of(pathOrDash);
            if (Files.isDirectory(path)) {
                throw new CliException(pathOrDash + ": is a directory, not a file");
            }
            // FileInputStream, not Files.newInputStream: the latter asks a pipe (a FIFO, <(cmd)) for its position
            return decompressed(new FileInputStream(path.toFile()), pathOrDash);
        } catch (FileNotFoundException e) {
            // FileInputStream says why only in its message: "x (No such file or directory)", "(Permission denied)"
            String why = String.valueOf(e.getMessage());
            throw new CliException(pathOrDash
                    + (why.contains("ermission")
                            ? ": permission denied"
                            : !Files.exists(Path.of(pathOrDash)) ? ": no such file" : ": cannot read"));
        } catch (InvalidPathException e) {
            throw new CliException(pathOrDash + ": cannot read: " + e.getMessage());
        }
    }

    private static final int GZIP_MAGIC = 0x8b1f;

    /** The stream, decompressed when it starts as gzip does; its read errors say {@code name}. */
    private static InputStream decompressed(InputStream raw, String name) {
        InputStream in = new Named(new BufferedInputStream(raw, 1 << 16), name);
        try {
            in.mark(2);
            int magic = in.read() | in.read() << 8;
            in.reset();
            return magic == GZIP_MAGIC ? new Named(new GZIPInputStream(in, 1 << 16), name) : in;
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Adds the input's name to the message of a failed read, so that the error says which input broke. */
    private static final class Named extends FilterInputStream {
        private final String name;

        Named(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        private IOException named(IOException e) {
            return new IOException(name + ": " + plain(e), e);
        }

        /** What went wrong, in our words where the JDK's gzip reader has its own. */
        private String plain(IOException e) {
            if (in instanceof GZIPInputStream && e instanceof java.io.EOFException) {
                return "the gzip data ends early (a truncated file?)";
            }
            if (e instanceof java.util.zip.ZipException) {
                return "the gzip data is corrupt";
            }
            return String.valueOf(e.getMessage());
        }
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        return USAGE;
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        if (OutputClosed.causes(e)) {
            return OK; // standard output was closed by its reader: stop quietly, as grep does
        }
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (e instanceof CliException) {
            err.println(name + ": " + e.getMessage());
            return USAGE;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println(name + ": I/O error: " + e.getMessage());
            return USAGE;
        }
        err.println(name + ": internal error, please report it with this trace:");
        e.printStackTrace(err);
        return INTERNAL;
    }
}
