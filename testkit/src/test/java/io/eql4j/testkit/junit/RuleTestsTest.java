package io.eql4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** Rule test files as JUnit dynamic tests. */
class RuleTestsTest {

    @TempDir
    Path tmp;

    /** How a user runs their rule tests: here, the rules of this module's test resources. */
    @TestFactory
    Stream<DynamicNode> ruleTestsOfTheTestResources() {
        return RuleTests.dynamicTests(Path.of("src/test/resources/rules"));
    }

    @Test
    void oneContainerPerFileAndOneTestPerCase() throws Throwable {
        List<DynamicNode> nodes =
                RuleTests.dynamicTests(Path.of("src/test/resources/rules")).toList();
        assertThat(nodes)
                .extracting(DynamicNode::getDisplayName)
                .containsExactly(
                        "login_without_mfa (src/test/resources/rules/missing/login_without_mfa.test.toml)",
                        "Shell Without Logout (src/test/resources/rules/missing/shell_without_logout.test.toml)");
        List<DynamicTest> tests = ((DynamicContainer) nodes.get(0))
                .getChildren()
                .map(DynamicTest.class::cast)
                .toList();
        assertThat(tests).hasSize(3);
        assertThat(tests.get(1).getTestSourceUri())
                .hasValueSatisfying(uri -> assertThat(uri.toString())
                        .endsWith("/src/test/resources/rules/missing/login_without_mfa.test.toml?line=12"));
        for (DynamicTest t : tests) {
            t.getExecutable().execute();
        }
    }

    @Test
    void aFailingCaseFailsWithExpectedAndActual() throws IOException {
        Files.writeString(tmp.resolve("r.eql"), "process where process.name == \"a\"");
        Files.writeString(tmp.resolve("r.test.toml"), """
                [[case]]
                name = "wrong"
                expect = ["x"]
                events = '''
                {"@timestamp": "2026-03-17T09:00:00Z", "event": {"id": "y", "category": "process"}, "process": {"name": "a"}}
                {"@timestamp": "2026-03-17T09:00:01Z", "event": {"id": "x", "category": "process"}, "process": {"name": "b"}}
                '''
                [[case]]
                name = "invalid"
                expect = ["z"]
                events = ""
                """);
        List<DynamicTest> tests = ((DynamicContainer)
                        RuleTests.dynamicTests(tmp).toList().get(0))
                .getChildren()
                .map(DynamicTest.class::cast)
                .toList();
        assertThatThrownBy(() -> tests.get(0).getExecutable().execute())
                .isInstanceOfSatisfying(AssertionFailedError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("""
                            expected (exact): [["x"]]
                            actual:           [["y"]]
                            missing:          [["x"]]
                            unexpected:       [["y"]]""");
                    assertThat(e.getExpected().getStringRepresentation()).isEqualTo("[\n  [\"x\"],\n]");
                    assertThat(e.getActual().getStringRepresentation()).isEqualTo("[\n  [\"y\"],\n]");
                });
        assertThatThrownBy(() -> tests.get(1).getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("invalid case:\n" + tmp.resolve("r.test.toml") + ":10:11: no event with id \"z\" among "
                        + "the case's events");
    }

    @Test
    void anInvalidFileIsOneFailingTest() throws IOException {
        Files.writeString(tmp.resolve("orphan.test.toml"), "[[case]]\nname = \"x\"\nexpect = []\nevents = \"\"\n");
        List<DynamicNode> nodes =
                RuleTests.dynamicTests(tmp, tmp.resolve("nothing-here")).toList();
        assertThat(nodes).hasSize(2).allMatch(n -> n instanceof DynamicTest);
        assertThatThrownBy(() -> ((DynamicTest) nodes.get(0)).getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith(
                        "invalid rule test file:\n" + tmp.resolve("orphan.test.toml") + ":1:1: no rule");
        assertThatThrownBy(() -> ((DynamicTest) nodes.get(1)).getExecutable().execute())
                .hasMessage("invalid rule test file:\n" + tmp.resolve("nothing-here") + ": no such file or directory");
    }
}
