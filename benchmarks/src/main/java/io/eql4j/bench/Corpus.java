package io.eql4j.bench;

import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The detection-rule corpus of the shared references ({@code <shared>/corpus/detection-rules/rules}), loaded through
 * {@link RulePack#load} as users load rules.
 *
 * <p>The shared directory is, in this order: the benchmark's {@code sharedDir} parameter when not empty
 * ({@code -p sharedDir=...}), the system property {@code eql4j.shared.dir}, or {@code ../shared} next to the
 * repository root (found by walking up from the working directory).
 */
public final class Corpus {

    /** The largest rule of the corpus, which issue #5 times on its own. */
    public static final String LARGEST_RULE = "defense_evasion_masquerading_windows_dll.toml";

    private Corpus() {}

    /** The shared directory for a benchmark whose {@code sharedDir} parameter is {@code parameter}. */
    public static Path sharedDir(String parameter) {
        if (parameter != null && !parameter.isEmpty()) {
            return Path.of(parameter);
        }
        String property = System.getProperty("eql4j.shared.dir");
        if (property != null && !property.isEmpty()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("engine-core")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolveSibling("shared");
            }
        }
        return Path.of("../shared");
    }

    /** The corpus's rule directory under {@code shared}. */
    public static Path rulesDir(Path shared) {
        return shared.resolve("corpus/detection-rules/rules");
    }

    /**
     * Every EQL rule of the corpus, in {@link RulePack#load}'s order (sorted by path).
     *
     * @throws IllegalStateException when the corpus is absent or a file does not load
     */
    public static List<Rule> load(Path shared) {
        Path dir = rulesDir(shared);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no rule corpus at " + dir.toAbsolutePath()
                    + "; pass -p sharedDir=<path of shared> or -Deql4j.shared.dir=<path>");
        }
        RulePack.Loaded loaded = RulePack.load(dir);
        if (!loaded.isClean()) {
            throw new IllegalStateException("the corpus did not load cleanly: " + loaded.problems());
        }
        return loaded.pack().rules();
    }

    /** The rule read from the file named {@code fileName}. */
    public static Rule byFileName(List<Rule> rules, String fileName) {
        return rules.stream()
                .filter(r -> r.source().endsWith("/" + fileName) || r.source().endsWith("\\" + fileName))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no rule from a file named " + fileName));
    }
}
