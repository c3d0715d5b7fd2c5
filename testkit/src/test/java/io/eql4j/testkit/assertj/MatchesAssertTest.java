package io.eql4j.testkit.assertj;

import static io.eql4j.testkit.assertj.EqlAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.testkit.EqlTest;
import io.eql4j.testkit.ExpectedMatch;
import io.eql4j.testkit.Matches;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AssertJ kit: what passes, and the failure messages. */
class MatchesAssertTest {

    private static final String SEQ = "sequence by user.name with maxspan=1m [process where process.name == \"a\"] "
            + "[process where process.name == \"b\"]";

    private static String event(String id, int second, String process, String user) {
        return String.format(
                "{\"@timestamp\": \"2026-03-17T09:00:%02dZ\", \"event\": {\"id\": \"%s\", \"category\": "
                        + "\"process\"}, \"process\": {\"name\": \"%s\"}, \"user\": {\"name\": \"%s\"}}",
                second, id, process, user);
    }

    private static final Matches TWO = EqlTest.query(SEQ)
            .json(
                    event("a1", 0, "a", "alice"),
                    event("a2", 5, "a", "bob"),
                    event("b2", 10, "b", "bob"),
                    event("b1", 20, "b", "alice"))
            .run();
    private static final Matches NONE = EqlTest.query(SEQ)
            .json(event("a1", 10, "a", "alice"), event("b1", 5, "b", "alice"))
            .run();

    @Test
    void passingAssertions() {
        assertThat(TWO)
                .containsExactlyEventIds("a2", "b2", "a1", "b1")
                .containsExactlyMatches(List.of("a2", "b2"), List.of("a1", "b1"))
                .containsExactly(ExpectedMatch.of("a2", "b2").withKeys("bob"), ExpectedMatch.of("a1", "b1"))
                .contains(ExpectedMatch.of("a1", "b1").withKeys("alice"))
                .hasMatchCount(2);
        assertThat(NONE).isEmpty().hasMatchCount(0);
        assertThat(EqlTest.query(SEQ)
                        .json(event("a1", 0, "a", "u"), event("b1", 1, "b", "u"))
                        .run())
                .haveJoinKeys("u");
    }

    @Test
    void containsExactlyEventIdsShowsBothIdListsAndTheMatches() {
        assertThatThrownBy(() -> assertThat(TWO).containsExactlyEventIds("a1", "b1"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        expected the event ids ["a1", "b1"], but the matches have ["a2", "b2", "a1", "b1"]:
                        actual: [
                          { events = ["a2", "b2"], keys = ["bob"] },
                          { events = ["a1", "b1"], keys = ["alice"] },
                        ]""");
    }

    @Test
    void containsExactlyMatchesReportsInExpectSyntax() {
        assertThatThrownBy(() -> assertThat(TWO).containsExactlyMatches(List.of("a1", "b1"), List.of("a2", "b2")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        the rule's matches differ from the expected ones:
                        expected (exact): [["a1", "b1"], ["a2", "b2"]]
                        actual:           [
                          { events = ["a2", "b2"], keys = ["bob"] },
                          { events = ["a1", "b1"], keys = ["alice"] },
                        ]
                        order:            the same matches, in another order""");
    }

    @Test
    void isEmptyListsTheUnexpectedMatches() {
        assertThatThrownBy(() -> assertThat(TWO).isEmpty())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected (exact): []")
                .hasMessageContaining("unexpected:       [\n  { events = [\"a2\", \"b2\"], keys = [\"bob\"] },");
    }

    @Test
    void containsNamesWhatIsMissingAndTheEngineProblems() {
        assertThatThrownBy(() -> assertThat(NONE).contains(ExpectedMatch.of("a1", "b1")))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("""
                        the rule's matches differ from the expected ones:
                        expected (contains): [["a1", "b1"]]
                        actual:              []
                        missing:             [["a1", "b1"]]
                        engine:              event 2: late: its time 2026-03-17T09:00:05Z""");
    }

    @Test
    void haveJoinKeysNamesTheMatchWithOtherKeys() {
        assertThatThrownBy(() -> assertThat(TWO).haveJoinKeys("alice"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected every match to have the join keys [\"alice\"], but "
                        + "{ events = [\"a2\", \"b2\"], keys = [\"bob\"] } has [\"bob\"]:");
        assertThatThrownBy(() -> assertThat(NONE).haveJoinKeys("alice"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(
                        "expected matches with the join keys [\"alice\"], but the rule produced no match");
        assertThatThrownBy(() -> assertThat(TWO).hasMatchCount(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected 1 match, but the rule produced 2:");
    }
}
