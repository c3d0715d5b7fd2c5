package io.eql4j.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.internal.functions.EqlFunctions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, item 3, with the finding's inputs: field-versus-field string functions over a 300 KB event and a
 * wildcard with a 1,000-char literal segment against 1 MB. These took seconds with a naive search; they are now
 * linear (KMP and Shift-And). What is asserted is the result; the time is the point of the inputs' size.
 */
class HostileValuesTest {

    private static final String A300K = "a".repeat(300_000);
    private static final String NEEDLE = "a".repeat(150_000) + "b";

    @Test
    void fieldVersusFieldFunctionsOverA300KbEvent() {
        assertThat(EqlFunctions.stringContains(A300K, NEEDLE, false)).isFalse();
        assertThat(EqlFunctions.stringContains(A300K + "b", NEEDLE, false)).isTrue();
        assertThat(EqlFunctions.stringContains(A300K.toUpperCase(), NEEDLE, true))
                .isFalse();
        assertThat(EqlFunctions.indexOf(A300K, NEEDLE, null, false)).isNull();
        assertThat(EqlFunctions.indexOf(A300K + "b", NEEDLE, 7, false)).isEqualTo(150_000);
        assertThat(EqlFunctions.indexOf(A300K + "B", NEEDLE, null, true)).isEqualTo(150_000);
        assertThat(EqlFunctions.between(A300K, NEEDLE, "c", false, false)).isEmpty();
        String source = "x" + NEEDLE + "middle" + NEEDLE + "end";
        assertThat(EqlFunctions.between(source, NEEDLE, NEEDLE, false, false)).isEqualTo("middle");
        assertThat(EqlFunctions.between(source + NEEDLE, NEEDLE, NEEDLE, true, false))
                .isEqualTo("middle" + NEEDLE + "end");
    }

    @Test
    void wildcardWithALongLiteralSegmentAgainst1Mb() {
        String value = "a".repeat(1_000_000);
        String pattern = "*" + "a".repeat(999) + "b*c";
        StringMatcher matcher = StringMatchers.wildcard(List.of(pattern), false);
        assertThat(matcher.matches(value)).isFalse();
        assertThat(matcher.matches(value + "bxc")).isTrue();
        assertThat(StringMatchers.wildcard(List.of(pattern), true).matches(value.toUpperCase() + "BC"))
                .isTrue();
        // segments with ? and longer than one machine word take the Shift-And search
        StringMatcher anyChar =
                StringMatchers.wildcard(List.of("*" + "a".repeat(100) + "?b*" + "a".repeat(70) + "*"), false);
        assertThat(anyChar.matches(value)).isFalse();
        assertThat(anyChar.matches(value + "xb" + "a".repeat(70))).isTrue();
    }
}
