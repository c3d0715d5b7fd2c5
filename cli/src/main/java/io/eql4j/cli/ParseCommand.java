package io.eql4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eql4j.ast.Query;
import io.eql4j.parser.EqlFormatter;
import io.eql4j.parser.EqlParseException;
import io.eql4j.parser.EqlParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eql4j parse}: one query in canonical form, or its syntax tree as JSON. */
@Command(
        name = "parse",
        footerHeading = "%nExamples (from the repository root, with bin/ on the PATH):%n",
        footer = {"  eql4j parse 'process where process.name == \"cat\"'", "  eql4j parse --json 'any where true'"},
        description = {
            "Prints a query in canonical form, or its syntax tree as JSON.",
            "A syntax error is reported as line:column: message (FILE:line:column with --file), followed by the "
                    + "offending line and a caret; the exit code is then 2, as in run and explain."
        })
final class ParseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "QUERY", arity = "0..1", description = "The query (quote it for the shell).")
    private String query;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the query from FILE ('-': standard input).")
    private String file;

    @Option(
            names = "--json",
            description = "Print the syntax tree as JSON: each node with its type, its parts "
                    + "and its span (offsets, line and column in the query).")
    private boolean json;

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        if ((query == null) == (file == null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give either a QUERY or --file FILE, not " + (query == null ? "neither" : "both"));
        }
        String text = query != null ? query : read(file);
        Query tree;
        try {
            tree = new EqlParser().parse(text);
        } catch (EqlParseException e) {
            new Diagnostics(main.err(), true).reportQuery(file == null ? null : label(file), e);
            return Main.USAGE; // as run and explain, for the same failure: the query given does not compile
        }
        main.out()
                .println(
                        json
                                ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(AstJson.toJson(tree))
                                : EqlFormatter.format(tree));
        return Main.OK;
    }

    private static String label(String file) {
        return "-".equals(file) ? "<stdin>" : file;
    }

    /** The file's text, strictly UTF-8, without a byte-order mark. */
    private String read(String file) {
        byte[] bytes;
        try (InputStream in = main.open(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(label(file) + ": " + e.getMessage(), e);
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new CliException(label(file) + ": not UTF-8 text");
        }
    }
}
