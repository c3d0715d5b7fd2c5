package io.eql4j.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, item 6: compiling lets only {@link EqlCompileException} out, in our words, for the inputs of the
 * finding: a maxspan past what a long of nanoseconds holds, a 60 KB regex (a StackOverflowError in Lucene's
 * RegExp), regexes that made Lucene work for seconds before finding them too complex, and 125,000 pipes.
 */
class CompileContractTest {

    private static EqlCompileException error(String query) {
        Throwable t = catchThrowable(() -> EqlCompiler.compile(query));
        assertThat(t)
                .as(query.length() > 100 ? query.substring(0, 100) : query)
                .isInstanceOf(EqlCompileException.class);
        EqlCompileException e = (EqlCompileException) t;
        assertThat(e.getMessage()).doesNotContain("java.", "lucene", "Exception");
        return e;
    }

    @Test
    void maxspanThatOverflowsNanoseconds() {
        EqlCompileException e = error("sequence with maxspan=4294967296m [process where true] [network where true]");
        assertThat(e.errorMessage()).isEqualTo("Time interval [4294967296m] is too large");
        assertThat(e.column()).isEqualTo("sequence with maxspan=".length() + 1);
        // the largest that fits still compiles
        assertThat(EqlCompiler.compile("sequence with maxspan=106751d [process where true] [network where true]"))
                .isNotNull();
    }

    @Test
    void hugeRegexes() {
        for (String regex : List.of("(".repeat(30_000) + "a" + ")".repeat(30_000), "a|".repeat(30_000) + "a")) {
            EqlCompileException e = error("process where x regex \"" + regex + "\"");
            assertThat(e.errorMessage())
                    .contains("regular expression of 60001 characters is too long: the" + " maximum is 1000");
        }
    }

    @Test
    void regexesThatNeedTooMuchDeterminizationWork() {
        for (String regex : List.of(
                "(x|.*a.{12})".repeat(70),
                "(~(.*a.{10}))".repeat(70),
                "(((.*a.{11})|y)&(.*))".repeat(40),
                "(x|.*a.{12})".repeat(5))) {
            EqlCompileException e = error("process where x regex \"" + regex + "\"");
            assertThat(e.errorMessage()).contains("is too complex");
        }
        assertThat(EqlCompiler.compile("process where x regex \"~(.*a.{11})\"")).isNotNull();
    }

    @Test
    void manyPipes() {
        EqlCompileException e = error("any where true" + " | head 5".repeat(125_000));
        assertThat(e.errorMessage()).isEqualTo("Too many pipes; the maximum is [1000]");
        assertThat(EqlCompiler.compile("any where true" + " | head 5".repeat(1_000)))
                .isNotNull();
    }
}
