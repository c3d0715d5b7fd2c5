package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.mapping.FieldType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Field-type hints (standing in for an index mapping) and the compile-time checks that keep a plan from failing at
 * run time.
 */
class FieldTypesAndChecksTest {

    @Test
    void aDateHintMakesLiteralsRanges() {
        Timeline.query(
                        "any where event.created >= \"2026-01-01T00:00:01Z\" and event.created < \"2026-01-01T00:00:02Z\"")
                .options(o -> o.fieldType("event.created", FieldType.DATE))
                .at("00:00:09", "id=1 event.created=2026-01-01T00:00:00.999Z")
                .at("00:00:09", "id=2 event.created=2026-01-01T00:00:01.500Z")
                .at("00:00:09", "id=3 event.created=2026-01-01T00:00:02.000Z")
                .event(Map.of(
                        "id", 4, "@timestamp", Timeline.iso("00:00:09"), "event", Map.of("created", 1767225601000L)))
                .expect("2", "4");
    }

    @Test
    void dateKeysJoinAsElasticsearchFormatsThem() {
        Match m = Timeline.query("sequence by d [any where x == 1] [any where x == 2]")
                .options(o -> o.fieldType("d", FieldType.DATE))
                .at("00:00:01", "id=1 x=1 d=2026-01-01T00:00:00Z")
                .event(Map.of("id", 2, "@timestamp", Timeline.iso("00:00:02"), "x", 2, "d", 1767225600000L))
                .expect("1,2 by 2026-01-01T00:00:00.000Z")
                .matches()
                .get(0);
        assertThat(m.joinKeys()).containsExactly("2026-01-01T00:00:00.000Z");
    }

    @Test
    void versionsCompareAsSemanticVersions() {
        Timeline.query("any where v > \"1.5.0\"")
                .options(o -> o.fieldType("v", FieldType.VERSION))
                .at("00:00:01", "id=1 v=1.11.3")
                .at("00:00:02", "id=2 v=1.2.4-SNAPSHOT")
                .at("00:00:03", "id=3 v=1.5.0")
                .expect("1");
        // without the hint they are keywords: "1.11.3" < "1.5.0"
        Timeline.query("any where v > \"1.5.0\"")
                .at("00:00:01", "id=1 v=1.11.3")
                .at("00:00:02", "id=2 v=\"1.6\"")
                .expect("2");
    }

    @Test
    void strictFieldsRejectUnknownFields() {
        EngineOptions strict = EngineOptions.builder()
                .strictFields(true)
                .fieldType("name", FieldType.KEYWORD)
                .build();
        assertThatThrownBy(() -> EqlCompiler.compile("any where name == \"a\" and other == 1", strict))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("Unknown column [other]");
        assertThat(EqlCompiler.compile("any where name == \"a\" and ?other == null", strict)
                        .rules())
                .hasSize(1);
    }

    @Test
    void typeHintsCheckConditions() {
        EngineOptions typed =
                EngineOptions.builder().fieldType("n", FieldType.LONG).build();
        assertThatThrownBy(() -> EqlCompiler.compile("any where n", typed))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("needs to be boolean");
        assertThatThrownBy(() -> EqlCompiler.compile("any where length(n) == 1", typed))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("first argument of [length(n)]");
    }

    @Test
    void badLiteralsAreCompileErrorsWithTheirPosition() {
        assertThatThrownBy(() -> EqlCompiler.compile("any where @timestamp > \"yesterday\""))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("cannot compare date field [@timestamp]")
                .satisfies(e -> assertThat(((EqlCompileException) e).column()).isEqualTo(24));
        assertThatThrownBy(() -> EqlCompiler.compile("any where name regex \"a[\""))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("invalid pattern");
        assertThatThrownBy(() -> EqlCompiler.compile("any where cidrMatch(ip, \"10.0.0.0/33\")"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("invalid CIDR block");
        assertThatThrownBy(() -> EqlCompiler.compile("sequence [any where true] by length(a) [any where true] by b"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("join keys must be fields");
        assertThatThrownBy(() -> EqlCompiler.compile("any where 1 / 0 == 1"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("cannot evaluate");
    }
}
