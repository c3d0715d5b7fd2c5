package io.eql4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eql4j.ast.Ast;
import io.eql4j.ast.Query;
import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.parser.EqlFormatter;
import io.eql4j.parser.EqlParseException;
import io.eql4j.parser.EqlParser;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: any text given to {@link EqlParser#parse} gives a tree or an {@link EqlParseException}, a tree's
 * formatted text parses back to the same tree, and {@link EqlCompiler#compile} throws only
 * {@link EqlCompileException}. {@code mvn test} replays the committed inputs (the hostile queries of issue #13
 * among them); docs/fuzzing.md says how to fuzz.
 */
class ParseCompileFuzzTest {

    private static final EqlParser PARSER = new EqlParser();

    @FuzzTest(maxDuration = "5m")
    void parseAndCompile(byte[] data) {
        String query = new String(data, StandardCharsets.UTF_8);
        Query tree;
        try {
            tree = PARSER.parse(query);
        } catch (EqlParseException expected) {
            return;
        }
        String formatted = EqlFormatter.format(tree);
        Query again = PARSER.parse(formatted);
        if (!Ast.withoutSpans(again).equals(Ast.withoutSpans(tree))) {
            throw new AssertionError("formatting changed the tree of [" + query + "]: [" + formatted + "]");
        }
        try {
            EqlCompiler.compile(query);
        } catch (EqlCompileException expected) {
            // the only exception compiling may throw
        }
    }
}
