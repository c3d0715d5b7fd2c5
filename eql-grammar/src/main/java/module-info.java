/**
 * The EQL language: {@link io.eql4j.parser.EqlParser} turns query text into the immutable syntax tree of
 * {@code io.eql4j.ast}, and {@link io.eql4j.parser.EqlFormatter} prints a tree back as canonical EQL.
 */
module io.eql4j.grammar {
    requires org.antlr.antlr4.runtime;

    exports io.eql4j.ast;
    exports io.eql4j.parser;
}
