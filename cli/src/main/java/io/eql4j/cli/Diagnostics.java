package io.eql4j.cli;

import io.eql4j.parser.EqlException;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RuleProblem;
import io.eql4j.rules.SourcePosition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints problems the way compilers do, {@code file:line:column: message}, optionally followed by the offending line
 * of the file and a caret under the column.
 */
final class Diagnostics {

    private final PrintWriter out;
    private final boolean snippets;

    /**
     * @param out      where to print
     * @param snippets whether to print the offending line and a caret after each message
     */
    Diagnostics(PrintWriter out, boolean snippets) {
        this.out = out;
        this.snippets = snippets;
    }

    /** A problem that kept a rule file out, at its place in the file (or naming only the file). */
    void report(RuleProblem problem) {
        out.println(problem);
        if (problem.line() > 0) {
            printSnippet(fileSnippet(problem.source(), problem.line(), problem.column()));
        }
    }

    /**
     * An error in a rule's query, at its place in the rule's file; for a query given on the command line
     * (source {@code <...>}), at its place in the query.
     */
    void report(Rule rule, EqlException error) {
        if (rule.source().startsWith("<")) {
            reportQuery(null, error);
        } else {
            SourcePosition at = rule.locate(error);
            out.println(at + ": " + error.errorMessage());
            printSnippet(fileSnippet(at.source(), at.line(), at.column()));
        }
    }

    /** An error in a query read from {@code file} (the whole file is the query), or given as text ({@code null}). */
    void reportQuery(String file, EqlException error) {
        out.println(
                (file == null ? "" : file + ":") + error.line() + ":" + error.column() + ": " + error.errorMessage());
        printSnippet(error.snippet());
    }

    private void printSnippet(String snippet) {
        if (snippets && !snippet.isEmpty()) {
            out.println(snippet);
        }
    }

    /** Line {@code line} of the file and a caret under {@code column}; empty if the file cannot be read. */
    static String fileSnippet(String file, int line, int column) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file));
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            return ""; // a label such as bundled:x.toml, or a file that changed: the position alone must do
        }
        return line < 1 || line > lines.size() ? "" : caret(lines.get(line - 1), column);
    }

    /** The text and, below it, a caret under {@code column} (1-based, in chars), tabs kept so that it lines up. */
    static String caret(String text, int column) {
        StringBuilder sb = new StringBuilder(text).append('\n');
        for (int i = 0; i < Math.min(column - 1, text.length()); i++) {
            sb.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        return sb.append('^').toString();
    }
}
