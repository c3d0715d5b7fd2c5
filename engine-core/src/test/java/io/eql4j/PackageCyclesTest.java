package io.eql4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * engine-core's packages follow the pipeline (events and expressions at the bottom, then compiling and plans,
 * then the runtime) without import cycles. A cycle that is still known is listed, with its reason, in
 * {@code package-cycles.txt}; any other cycle fails this test, and so does a listed one that is gone (so the list
 * only shrinks).
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.eql4j(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z*]");

    @Test
    void noPackageCyclesBeyondTheListedOnes() throws IOException {
        Map<String, Set<String>> graph = graph();
        assertThat(graph).containsKeys("io.eql4j.event", "io.eql4j.runtime", "io.eql4j.compile");
        Set<String> found = new TreeSet<>();
        for (Set<String> cycle : cycles(graph)) {
            found.add(String.join(" ", cycle));
        }
        assertThat(found).as("package cycles in engine-core (edges: %s)", graph).isEqualTo(allowed());
    }

    @Test
    void theEventPackageIsTheBottomOfThePipeline() throws IOException {
        assertThat(graph().get("io.eql4j.event")).as("io.eql4j.event imports").isEmpty();
        Map<String, Set<String>> graph = graph();
        assertThat(graph.get("io.eql4j.internal.expr"))
                .doesNotContain("io.eql4j.compile", "io.eql4j.runtime", "io.eql4j.internal.plan");
        assertThat(graph.get("io.eql4j.internal.plan"))
                .as("plans")
                .doesNotContain("io.eql4j.compile", "io.eql4j.runtime");
        assertThat(graph.get("io.eql4j.compile")).as("the compiler").doesNotContain("io.eql4j.runtime");
        assertThat(graph).as("the runtime is at the top").allSatisfy((pkg, imports) -> {
            if (!pkg.equals("io.eql4j.runtime")) {
                assertThat(imports).as(pkg).doesNotContain("io.eql4j.runtime");
            }
        });
    }

    /** The listed cycles: one per line, its packages sorted and separated by spaces, then {@code #} and why. */
    private static Set<String> allowed() throws IOException {
        Set<String> out = new TreeSet<>();
        try (InputStream in = PackageCyclesTest.class.getResourceAsStream("/package-cycles.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String cycle = line.replaceAll("#.*", "").trim();
                if (!cycle.isEmpty()) {
                    out.add(cycle);
                }
            }
        }
        return out;
    }

    /** Per engine-core package, the other engine-core packages its code refers to (comments left out). */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
                    .toList();
        }
        for (Path file : files) {
            String pkg = SOURCES.relativize(file.getParent())
                    .toString()
                    .replace('/', '.')
                    .replace('\\', '.');
            graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        }
        for (Path file : files) {
            String pkg = SOURCES.relativize(file.getParent())
                    .toString()
                    .replace('/', '.')
                    .replace('\\', '.');
            String code = stripComments(Files.readString(file));
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                String target = longestPackage(m.group(1), graph);
                if (target != null && !target.equals(pkg)) {
                    graph.get(pkg).add(target);
                }
            }
        }
        return graph;
    }

    private static String longestPackage(String name, Map<String, Set<String>> packages) {
        String candidate = name;
        while (true) {
            if (packages.containsKey(candidate)) {
                return candidate;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            candidate = candidate.substring(0, dot);
        }
    }

    private static String stripComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(
            String v,
            Map<String, Set<String>> graph,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<Set<String>> out,
            int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    @Test
    void findsACycleWhenThereIsOne() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c"));
        g.put("c", Set.of("a"));
        g.put("d", Set.of("a"));
        assertThat(cycles(g)).containsExactly(new TreeSet<>(List.of("a", "b", "c")));
        g.put("c", Set.of());
        assertThat(cycles(g)).isEmpty();
    }
}
