package io.eql4j.testkit;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Finds the test files of {@code eql4j test PATH...} (docs/rule-tests.md §2.2). */
final class TestDiscovery {

    static final String SUFFIX = ".test.toml";

    private TestDiscovery() {}

    /**
     * Reads the test files of {@code paths}, in order, each once, giving each to {@code found}; a path that yields no
     * test file where one is required goes to {@code problem}.
     */
    static void find(
            Collection<? extends Path> paths, Consumer<RuleTestFile> found, BiConsumer<Path, TestProblem> problem) {
        find(paths, Settings.NONE, found, problem);
    }

    /** As {@link #find(Collection, Consumer, BiConsumer)}, with settings under every file's and rule's own. */
    static void find(
            Collection<? extends Path> paths,
            Settings defaults,
            Consumer<RuleTestFile> found,
            BiConsumer<Path, TestProblem> problem) {
        Set<Path> seen = new HashSet<>();
        Consumer<Path> read = file -> {
            if (seen.add(file.toAbsolutePath().normalize())) {
                found.accept(TestFileReader.read(file, defaults));
            }
        };
        for (Path p : paths) {
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (Files.isDirectory(p)) {
                List<Path> files = new ArrayList<>();
                try {
                    walk(p, files);
                } catch (IOException e) {
                    problem.accept(p, new TestProblem(p.toString(), 0, 0, "cannot read the directory: " + e));
                }
                files.forEach(read);
            } else if (!Files.exists(p)) {
                problem.accept(p, new TestProblem(p.toString(), 0, 0, "no such file or directory"));
            } else if (name.endsWith(SUFFIX)) {
                read.accept(p);
            } else if (name.endsWith(".toml") || name.endsWith(".eql")) {
                String base = name.substring(0, name.lastIndexOf('.'));
                Path test = p.resolveSibling(base + SUFFIX);
                if (Files.exists(test)) {
                    read.accept(test);
                } else {
                    problem.accept(p, new TestProblem(p.toString(), 0, 0, "the rule has no test file " + test));
                }
            } else {
                problem.accept(
                        p,
                        new TestProblem(
                                p.toString(),
                                0,
                                0,
                                "not a test file (*" + SUFFIX + "), a rule file (*.toml, *.eql) or a directory"));
            }
        }
    }

    private static void walk(Path root, List<Path> out) throws IOException {
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
                        if (!hidden(file) && file.getFileName().toString().endsWith(SUFFIX)) {
                            out.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        out.sort(Comparator.comparing(
                f -> root.relativize(f).toString().replace('\\', '/').split("/"), TestDiscovery::compareNames));
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    /** Name by name, so that {@code a/x.test.toml} comes before {@code a.b.test.toml} on every system. */
    private static int compareNames(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
