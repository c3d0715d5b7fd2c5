package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of the README and of the Javadoc compiles, against the modules as a user gets them; the README's
 * examples compile with exactly the imports they show, and its embedding examples run from the repository root, as
 * the README says. A block is compiled as the body of a {@code main} method, or else as the members of a class
 * (methods such as JUnit tests).
 */
class ReadmeSnippetsTest {

    /** Imports a Javadoc example may take for granted: the public API and the JDK and JUnit types it uses. */
    private static final List<String> JAVADOC_IMPORTS = List.of(
            "import io.eql4j.compile.*;",
            "import io.eql4j.event.*;",
            "import io.eql4j.parser.*;",
            "import io.eql4j.rules.*;",
            "import io.eql4j.runtime.*;",
            "import io.eql4j.testkit.*;",
            "import io.eql4j.testkit.junit.*;",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import io.eql4j.mapping.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.stream.*;",
            "import org.junit.jupiter.api.*;",
            "import static io.eql4j.testkit.assertj.EqlAssertions.assertThat;");

    /** A code example: where it is, its imports and the rest. */
    record Snippet(String where, List<String> imports, String body) {}

    @TempDir
    Path classes;

    static List<Snippet> readme() throws IOException {
        String readme = Files.readString(Sh.ROOT.resolve("README.md"));
        List<Snippet> snippets = new ArrayList<>();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            int line = (int) readme.substring(0, m.start()).lines().count() + 1;
            List<String> imports = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (String l : m.group(1).split("\n")) {
                if (l.startsWith("import ")) {
                    imports.add(l);
                } else {
                    body.append(l).append('\n');
                }
            }
            snippets.add(new Snippet("README.md:" + line, imports, body.toString()));
        }
        return snippets;
    }

    static List<Snippet> javadoc() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Sh.ROOT)) {
            sources = files.filter(p -> p.toString().endsWith(".java")
                            && p.toString().contains("/src/main/java/")
                            && !p.toString().contains("/target/"))
                    .sorted()
                    .toList();
        }
        Pattern pre = Pattern.compile("<pre>\\{@code\n(.*?)\n\\s*\\*\\s*}</pre>", Pattern.DOTALL);
        for (Path file : sources) {
            String text = Files.readString(file);
            Matcher m = pre.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).lines().count();
                StringBuilder body = new StringBuilder();
                for (String l : m.group(1).split("\n")) {
                    body.append(l.replaceFirst("^\\s*\\* ?", "")).append('\n');
                }
                String code = body.toString()
                        .replace("&#64;", "@")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&");
                snippets.add(new Snippet(Sh.ROOT.relativize(file) + ":" + line, JAVADOC_IMPORTS, code));
            }
        }
        return snippets;
    }

    @Test
    void everyReadmeExampleCompilesWithTheImportsItShows() throws IOException {
        List<Snippet> snippets = readme();
        assertThat(snippets).as("Java blocks in the README").hasSizeGreaterThanOrEqualTo(3);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            Snippet s = snippets.get(i);
            assertThat(s.imports()).as(s.where() + " shows its imports").isNotEmpty();
            String error = compile(s, "Readme" + i);
            if (error != null) {
                failures.add(error);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyJavadocExampleCompiles() throws IOException {
        List<Snippet> snippets = javadoc();
        assertThat(snippets)
                .as("Javadoc examples")
                .hasSizeGreaterThanOrEqualTo(4)
                .anyMatch(s -> s.where().contains("EqlEngine.java"));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String error = compile(snippets.get(i), "Javadoc" + i);
            if (error != null) {
                failures.add(error);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theReadmesEmbeddingExamplesRunFromTheRepositoryRoot() throws Exception {
        List<Snippet> runnable =
                readme().stream().filter(s -> !s.body().contains("@Test")).toList();
        assertThat(runnable).hasSizeGreaterThanOrEqualTo(2);
        assertThat(compile(runnable.get(0), "Embedding")).isNull();
        String first = runFromRoot("Embedding");
        assertThat(first.lines().toList())
                .containsExactly(
                        "Service Account Token Read in Container Followed by API Request as the Pod [web-frontend-7c9d8f6b5-x2kqp]",
                        "Service Account Token Read in Container Followed by API Request as the Pod [inventory-sync-84f6d9c7b-r5tnw]",
                        "Service Account Token Read in Container Followed by API Request as the Pod [report-generator-6b8c5d7f4-kp2vz]",
                        "Service Account Token Read in Container Followed by API Request as the Pod [debug-toolbox-5c6d7e8f9-lm3np]");
        assertThat(compile(runnable.get(1), "Problems")).isNull();
        String second = runFromRoot("Problems");
        assertThat(second).contains("name=cat").contains("event 2: no usable timestamp");
        for (int i = 2; i < runnable.size(); i++) {
            // every further example runs from the repository root too (runFromRoot checks its exit code)
            assertThat(compile(runnable.get(i), "Further" + i)).isNull();
            String out = runFromRoot("Further" + i);
            if (runnable.get(i).body().contains(".snapshot(")) {
                // the sequence started before the snapshot survives the restore and the reload, and completes
                assertThat(out).contains("kept r1", "added r2", "1 matches");
            }
        }
    }

    /** Runs a compiled example's main class with the repository root as working directory; returns its output. */
    private String runFromRoot(String className) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(
                        javaBin.toString(),
                        "-cp",
                        classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                        className)
                .directory(Sh.ROOT.toFile())
                .redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Compiles the example as a method body, else as class members; returns the errors of both, or null. */
    private String compile(Snippet s, String className) {
        String imports = String.join("\n", s.imports()) + "\n";
        String asStatements = imports + "public class " + className + " {\n"
                + "public static void main(String[] args) throws Exception {\n" + s.body() + "\n}\n}\n";
        String first = javac(className, asStatements);
        if (first == null) {
            return null;
        }
        String asMembers = imports + "public class " + className + " {\n" + s.body() + "\n}\n";
        String second = javac(className, asMembers);
        if (second == null) {
            return null;
        }
        return s.where() + " does not compile, as statements:\n" + first + "\nnor as class members:\n" + second;
    }

    private String javac(String className, String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavaFileObject unit =
                    new SimpleJavaFileObject(
                            URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return source;
                        }
                    };
            boolean ok = compiler.getTask(
                            null,
                            files,
                            diagnostics,
                            List.of(
                                    "-classpath",
                                    System.getProperty("java.class.path"),
                                    "-d",
                                    classes.toString(),
                                    "-proc:none",
                                    "-nowarn"),
                            null,
                            List.of(unit))
                    .call();
            if (ok) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    sb.append("  line ")
                            .append(d.getLineNumber())
                            .append(": ")
                            .append(d.getMessage(Locale.ROOT))
                            .append('\n');
                }
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
