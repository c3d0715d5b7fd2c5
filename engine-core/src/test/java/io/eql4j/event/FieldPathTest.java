package io.eql4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.parser.EqlParser;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Field paths: joins of segments, and the segment limit of issue #13 (item 2). */
class FieldPathTest {

    private static String segments(int count, java.util.function.IntFunction<String> segment) {
        return IntStream.range(0, count).mapToObj(segment).collect(Collectors.joining("."));
    }

    /** Finding 2: a field of 1,600 distinct segments (8.5 KB query) ran compile out of memory. */
    @Test
    void aQueryFieldWithTooManySegmentsIsACompileError() {
        String query = "process where " + segments(1_600, i -> "s" + i) + " == 1";
        EqlCompileException e = catchThrowableOfType(EqlCompileException.class, () -> EqlCompiler.compile(query));
        assertThat(e).isNotNull();
        assertThat(e.errorMessage())
                .isEqualTo("Field name with too many segments; the maximum is [64] (set the"
                        + " system property eql4j.field.maxSegments to allow more)");
        assertThat(e.offset()).isEqualTo("process where ".length());
        // 3,200 repeated segments (6.4 KB) took 20 s
        String repeated = "process where " + "a.".repeat(3_199) + "a == 1";
        assertThat(catchThrowableOfType(EqlCompileException.class, () -> EqlCompiler.compile(repeated))
                        .offset())
                .isEqualTo("process where ".length());
        // backtick-quoted segments count their dots
        String quoted = "process where `" + segments(65, i -> "q" + i) + "` == 1";
        assertThat(catchThrowableOfType(EqlCompileException.class, () -> EqlCompiler.compile(quoted)))
                .isNotNull();
        assertThat(EqlCompiler.compile("process where " + segments(64, i -> "s" + i) + " == 1"))
                .isNotNull();
    }

    @Test
    void eventFieldRefusesTooManySegmentsInOurWords() {
        Event event = Event.of(Map.of("a", 1));
        IllegalArgumentException e =
                catchThrowableOfType(IllegalArgumentException.class, () -> event.field("a.".repeat(3_199) + "a"));
        assertThat(e)
                .hasMessage("Field name with too many segments: [3200], the maximum is [64] (set the system"
                        + " property eql4j.field.maxSegments to allow more)");
        assertThat(FieldPath.MAX_SEGMENTS).isEqualTo(EqlParser.MAX_FIELD_SEGMENTS);
    }

    @Test
    void joinsAreTheSameWhetherPrecomputedOrCutOut() {
        String small = segments(8, i -> "seg" + i);
        String large = segments(64, i -> "segment-" + i + "-" + "x".repeat(i * 7));
        for (String name : List.of(small, large, "a..b.", ".")) {
            FieldPath path = FieldPath.of(name);
            String[] parts = name.split("\\.", -1);
            assertThat(path.size()).isEqualTo(parts.length);
            assertThat(path.name()).isEqualTo(name);
            for (int from = 0; from < parts.length; from++) {
                for (int to = from + 1; to <= parts.length; to++) {
                    assertThat(path.joined(from, to))
                            .isEqualTo(String.join(".", Arrays.asList(parts).subList(from, to)));
                }
            }
        }
    }

    @Test
    void aLongPathResolvesNestedAndDotted() {
        int n = 64;
        String name = segments(n, i -> "k" + i + "_" + "y".repeat(40));
        String[] parts = name.split("\\.");
        // nested all the way, except the last three segments, which are one dotted key
        Map<String, Object> leaf = new LinkedHashMap<>();
        leaf.put(String.join(".", Arrays.asList(parts).subList(n - 3, n)), "found");
        Map<String, Object> node = leaf;
        for (int i = n - 4; i >= 0; i--) {
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put(parts[i], node);
            node = parent;
        }
        assertThat(Event.of(node).field(name)).isEqualTo("found");
        assertThat(Event.of(node).field(name + "x")).isNull();
    }
}
