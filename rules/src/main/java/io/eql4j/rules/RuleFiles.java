package io.eql4j.rules;

import io.eql4j.rules.internal.toml.Toml;
import io.eql4j.rules.internal.toml.TomlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads rule files from paths or from an indexed resource tree into a {@link RulePack.Loaded}. */
final class RuleFiles {

    /** The file listing the bundled resources, one path relative to the root per line. */
    static final String INDEX = "index.txt";

    private enum Kind {
        TOML,
        EQL,
        TEST,
        OTHER
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private final List<RuleProblem> skipped = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();

    private RuleFiles() {}

    static RulePack.Loaded load(Collection<? extends Path> paths) {
        RuleFiles files = new RuleFiles();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                for (Path f : files.walk(p)) {
                    files.readFile(f, false);
                }
            } else if (Files.exists(p)) {
                files.readFile(p, true);
            } else {
                files.problems.add(new RuleProblem(p.toString(), 0, 0, "no such file or directory"));
            }
        }
        return files.finish();
    }

    /**
     * Loads the rule files listed in {@code root/index.txt}, opening resources with {@code open} (which returns
     * {@code null} for a missing one); sources are {@code label + relative path}.
     */
    static RulePack.Loaded loadIndexed(Function<String, InputStream> open, String root, String label) {
        RuleFiles files = new RuleFiles();
        String index = root + "/" + INDEX;
        byte[] indexBytes = readResource(open, index);
        if (indexBytes == null) {
            files.problems.add(new RuleProblem(label + INDEX, 0, 0, "no rule index " + index + " on the class path"));
            return files.finish();
        }
        List<String> entries = new ArrayList<>();
        for (String line : new String(indexBytes, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isBlank()) {
                entries.add(line.strip());
            }
        }
        entries.sort(Comparator.comparing(RuleFiles::components, RuleFiles::compareComponents));
        for (String entry : entries) {
            String name = entry.substring(entry.lastIndexOf('/') + 1);
            if (kind(name) == Kind.TOML || kind(name) == Kind.EQL) {
                byte[] bytes = readResource(open, root + "/" + entry);
                if (bytes == null) {
                    files.problems.add(new RuleProblem(label + entry, 0, 0, "listed in " + index + " but missing"));
                } else {
                    files.read(name, label + entry, bytes);
                }
            }
        }
        return files.finish();
    }

    private static byte[] readResource(Function<String, InputStream> open, String name) {
        try (InputStream in = open.apply(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class path resource " + name, e);
        }
    }

    private static Kind kind(String fileName) {
        if (fileName.endsWith(".test.toml")) {
            return Kind.TEST;
        } else if (fileName.endsWith(".toml")) {
            return Kind.TOML;
        } else if (fileName.endsWith(".eql")) {
            return Kind.EQL;
        }
        return Kind.OTHER;
    }

    /** The rule files below {@code root}, sorted name by name so that the order is the same everywhere. */
    private List<Path> walk(Path root) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(
                    root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(root) && hidden(dir)
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            Kind k = kind(file.getFileName().toString());
                            if (!hidden(file) && (k == Kind.TOML || k == Kind.EQL)) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            problems.add(new RuleProblem(
                                    file.toString(),
                                    0,
                                    0,
                                    e instanceof FileSystemLoopException
                                            ? "symbolic link loop, not followed"
                                            : "cannot read: " + describe(e)));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(new RuleProblem(root.toString(), 0, 0, "cannot read: " + describe(e)));
        }
        found.sort(Comparator.comparing(
                p -> components(root.relativize(p).toString().replace('\\', '/')), RuleFiles::compareComponents));
        return found;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String[] components(String relativePath) {
        return relativePath.split("/");
    }

    private static int compareComponents(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : e.toString();
    }

    private void readFile(Path file, boolean explicit) {
        if (!seen.add(file.toAbsolutePath().normalize())) {
            return;
        }
        String name = file.getFileName().toString();
        Kind k = kind(name);
        if (k == Kind.OTHER && explicit) {
            problems.add(new RuleProblem(file.toString(), 0, 0, "not a rule file (expected .toml or .eql)"));
        }
        if (k != Kind.TOML && k != Kind.EQL) {
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(new RuleProblem(file.toString(), 0, 0, "cannot read: " + describe(e)));
            return;
        }
        read(name, file.toString(), bytes);
    }

    /** Reads one rule file, adding the rule, the problem or the reason it is skipped. */
    private void read(String fileName, String source, byte[] bytes) {
        try {
            if (kind(fileName) == Kind.EQL) {
                String query = Toml.decodeUtf8(bytes, source);
                if (query.isBlank()) {
                    problems.add(new RuleProblem(source, 0, 0, "empty query"));
                } else {
                    rules.add(Rule.textRule(fileName.substring(0, fileName.length() - ".eql".length()), query, source));
                }
            } else {
                rules.add(RuleReader.read(Toml.parse(bytes, source), source));
            }
        } catch (TomlException e) {
            problems.add(RuleReader.problem(e));
        } catch (RuleReader.NotEql e) {
            skipped.add(e.reason());
        }
    }

    /** The pack of the rules read; a rule whose id was already read is a problem and stays out. */
    private RulePack.Loaded finish() {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule r : rules) {
            Rule first = byId.putIfAbsent(r.ruleId(), r);
            if (first != null) {
                problems.add(RuleProblem.at(
                        r.idPosition(),
                        "duplicate rule id '" + r.ruleId() + "', already defined at " + first.idPosition()));
            }
        }
        return new RulePack.Loaded(RulePack.of(byId.values()), problems, skipped);
    }
}
