package io.eql4j.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules bundled with eql4j: the build's index lists them, and they load from directories and from jars. */
class BundledRulesTest {

    private static final String INDEX = RulePack.BUNDLED_ROOT + "/" + RuleFiles.INDEX;

    private static List<String> indexEntries() throws IOException {
        try (InputStream in = RulePack.class.getResourceAsStream("/" + INDEX)) {
            assertThat(in).as("the build writes %s", INDEX).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .collect(Collectors.toList());
        }
    }

    private static List<String> filesBelow(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(RuleFiles.INDEX))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The index lists exactly the files the build copied, which are exactly those of examples/rules. */
    @Test
    void theIndexListsEveryBundledFile() throws IOException, URISyntaxException {
        List<String> index = indexEntries();
        URL url = RulePack.class.getResource("/" + INDEX);
        assertThat(url.getProtocol()).as("tests run from target/classes").isEqualTo("file");
        Path copied = Path.of(url.toURI()).getParent();
        assertThat(new TreeSet<>(index)).containsExactlyElementsOf(filesBelow(copied));
        Path examples = Path.of("..", "examples", "rules");
        if (Files.isDirectory(examples)) {
            assertThat(new TreeSet<>(index)).containsExactlyElementsOf(filesBelow(examples));
        } else {
            assertThat(index).as("no examples/rules directory, nothing bundled").isEmpty();
        }
    }

    @Test
    void bundledRulesLoadCleanly() throws IOException {
        RulePack.Loaded loaded = RulePack.bundled();
        assertThat(loaded.problems()).isEmpty();
        List<String> expected = indexEntries().stream()
                .filter(e -> (e.endsWith(".toml") && !e.endsWith(".test.toml")) || e.endsWith(".eql"))
                .map(e -> "bundled:" + e)
                .sorted()
                .collect(Collectors.toList());
        List<String> sources = new ArrayList<>();
        loaded.pack().forEach(r -> sources.add(r.source()));
        loaded.skipped().forEach(p -> sources.add(p.source()));
        assertThat(sources).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(RulePack.bundled()).isSameAs(loaded);
    }

    /** The same loader works inside a jar, where class paths cannot list directories. */
    @Test
    void loadsFromAJar(@TempDir Path tmp) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(
                "x/rules/" + RuleFiles.INDEX,
                "windows/b.toml\nlinux/q.eql\nlinux/a.toml\ncases.test.toml\n" + "README.md\n\n");
        entries.put("x/rules/linux/a.toml", RulePackTest.rule("a", "process where true"));
        entries.put("x/rules/linux/q.eql", "network where true\n");
        entries.put("x/rules/windows/b.toml", RulePackTest.rule("b", "file where true"));
        entries.put("x/rules/cases.test.toml", "not [toml\n");
        entries.put("x/rules/README.md", "# readme\n");
        Path jar = tmp.resolve("rules.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            RulePack.Loaded loaded = RuleFiles.loadIndexed(loader::getResourceAsStream, "x/rules", "jar:");
            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.pack().rules())
                    .extracting(Rule::source)
                    .containsExactly("jar:linux/a.toml", "jar:linux/q.eql", "jar:windows/b.toml");
            Rule q = loaded.pack().byId("q").orElseThrow();
            assertThat(q.query()).isEqualTo("network where true\n");
            Rule a = loaded.pack().byId("a").orElseThrow();
            assertThat(a.locate(0)).isEqualTo(new SourcePosition("jar:linux/a.toml", 10, 1));

            RulePack.Loaded noIndex = RuleFiles.loadIndexed(loader::getResourceAsStream, "x/none", "jar:");
            assertThat(noIndex.pack().size()).isZero();
            assertThat(noIndex.problems())
                    .extracting(RuleProblem::toString)
                    .containsExactly("jar:index.txt: no rule index x/none/index.txt on the class path");
        }
    }

    @Test
    void anIndexedFileThatIsMissingIsAProblem() {
        Map<String, String> resources = Map.of("r/index.txt", "gone.toml\nhere.eql\n", "r/here.eql", "any where true");
        RulePack.Loaded loaded = RuleFiles.loadIndexed(
                name -> resources.containsKey(name)
                        ? new java.io.ByteArrayInputStream(resources.get(name).getBytes(StandardCharsets.UTF_8))
                        : null,
                "r",
                "mem:");
        assertThat(loaded.pack().rules()).extracting(Rule::ruleId).containsExactly("here");
        assertThat(loaded.problems())
                .extracting(RuleProblem::toString)
                .containsExactly("mem:gone.toml: listed in r/index.txt but missing");
    }
}
