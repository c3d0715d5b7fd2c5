/**
 * The eql4j engine: {@link io.eql4j.compile.EqlCompiler} compiles EQL rules into an immutable
 * {@link io.eql4j.compile.Plan}, and {@link io.eql4j.runtime.EqlEngine} runs a plan over a stream of
 * {@link io.eql4j.event.Event}s, delivering {@link io.eql4j.runtime.Match}es.
 */
module io.eql4j.engine {
    requires transitive io.eql4j.grammar;
    requires transitive io.eql4j.rules;
    requires transitive com.fasterxml.jackson.databind;
    requires org.apache.lucene.core;

    exports io.eql4j.compile;
    exports io.eql4j.event;
    exports io.eql4j.mapping;
    exports io.eql4j.runtime;
}
