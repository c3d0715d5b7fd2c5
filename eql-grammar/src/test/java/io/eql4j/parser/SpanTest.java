package io.eql4j.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.ast.Comparison;
import io.eql4j.ast.EventQuery;
import io.eql4j.ast.FunctionCall;
import io.eql4j.ast.Node;
import io.eql4j.ast.Query;
import io.eql4j.ast.SequenceQuery;
import io.eql4j.ast.Span;
import io.eql4j.ast.Stage;
import org.junit.jupiter.api.Test;

/** Where each node was written: offsets, 1-based line and column. */
class SpanTest {

    private final EqlParser parser = new EqlParser();

    private static void assertSpan(Node node, String source, String text, int line, int column) {
        Span span = node.span();
        assertThat(span.text(source)).isEqualTo(text);
        assertThat(span.line()).as("line").isEqualTo(line);
        assertThat(span.column()).as("column").isEqualTo(column);
    }

    @Test
    void eventQuery() {
        String eql = "process where length(?a.b) >= 2 // c\n| head 1";
        Query query = parser.parse(eql);
        assertSpan(query, eql, eql, 1, 1);
        EventQuery body = (EventQuery) query.body();
        assertSpan(body, eql, "process where length(?a.b) >= 2", 1, 1);
        Comparison comparison = (Comparison) body.filter().condition();
        assertSpan(comparison, eql, "length(?a.b) >= 2", 1, 15);
        FunctionCall call = (FunctionCall) comparison.left();
        assertSpan(call, eql, "length(?a.b)", 1, 15);
        assertSpan(call.arguments().get(0), eql, "?a.b", 1, 22);
        assertSpan(comparison.right(), eql, "2", 1, 31);
        assertSpan(query.pipes().get(0), eql, "| head 1", 2, 1);
    }

    @Test
    void sequence() {
        String eql = "sequence by k with maxspan=5m\n"
                + "  [a where x : (\"1\", \"2\")] by y with runs=2\n"
                + "  ![b where not z] by w\n"
                + "until [c where true] by v";
        SequenceQuery sequence = (SequenceQuery) parser.parse(eql).body();
        assertSpan(sequence.joinKeys().get(0), eql, "k", 1, 13);
        assertSpan(sequence.maxSpan(), eql, "5m", 1, 28);
        Stage first = sequence.stages().get(0);
        assertSpan(first, eql, "[a where x : (\"1\", \"2\")] by y with runs=2", 2, 3);
        assertSpan(first.filter(), eql, "a where x : (\"1\", \"2\")", 2, 4);
        assertSpan(first.filter().condition(), eql, "x : (\"1\", \"2\")", 2, 12);
        assertSpan(first.joinKeys().get(0), eql, "y", 2, 31);
        Stage missing = sequence.stages().get(1);
        assertSpan(missing, eql, "![b where not z] by w", 3, 3);
        assertSpan(missing.filter().condition(), eql, "not z", 3, 13);
        assertSpan(sequence.until(), eql, "[c where true] by v", 4, 7);
        assertSpan(sequence, eql, eql, 1, 1);
    }

    @Test
    void stringsAndBackticksKeepTheirQuotes() {
        String eql = "any where `a b`.c == \"\"\"x\"\"\" and d in (\"\\u{41}\")";
        Query query = parser.parse(eql);
        var and = (io.eql4j.ast.And) ((EventQuery) query.body()).filter().condition();
        Comparison comparison = (Comparison) and.operands().get(0);
        assertSpan(comparison.left(), eql, "`a b`.c", 1, 11);
        assertSpan(comparison.right(), eql, "\"\"\"x\"\"\"", 1, 22);
        var in = (io.eql4j.ast.InList) and.operands().get(1);
        assertSpan(in.list().get(0), eql, "\"\\u{41}\"", 1, 40);
        assertSpan(in, eql, "d in (\"\\u{41}\")", 1, 34);
    }

    @Test
    void offsetsAreUtf16Chars() {
        String eql = "any where \"\ud83d\ude00\" == x";
        Comparison comparison =
                (Comparison) ((EventQuery) parser.parse(eql).body()).filter().condition();
        assertThat(comparison.right().span()).isEqualTo(new Span(18, 19, 1, 19));
    }
}
