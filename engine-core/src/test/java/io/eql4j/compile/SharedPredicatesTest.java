package io.eql4j.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Field predicates are shared across the rules of a pack by a typed identity: a rule must match the same events
 * alone and inside any pack, whatever characters its literals hold.
 */
class SharedPredicatesTest {

    @Test
    void aLiteralThatLooksLikeSeveralDoesNotTakeTheirPredicate() {
        Rule one = Rule.ofQuery("one", "any where x in (\"a|String:b\")");
        Rule two = Rule.ofQuery("two", "any where x in (\"a\", \"b\")");
        List<Map<String, Object>> events = List.of(event(1, "a"), event(2, "a|String:b"), event(3, "b"));
        assertThat(run(List.of(two), events)).containsExactly(Map.entry("two", List.of(1L, 3L)));
        assertThat(run(List.of(one), events)).containsExactly(Map.entry("one", List.of(2L)));
        assertThat(run(List.of(one, two), events))
                .containsEntry("one", List.of(2L))
                .containsEntry("two", List.of(1L, 3L));
    }

    @Test
    void aStringOneAndTheNumberOneAreDifferentPredicates() {
        Rule text = Rule.ofQuery("text", "any where x == \"01\"");
        Rule number = Rule.ofQuery("number", "any where x == 1");
        List<Map<String, Object>> events = List.of(event(1, "01"), event(2, "1"), event(3, 1L));
        Map<String, List<Long>> alone = new TreeMap<>(run(List.of(text), events));
        alone.putAll(run(List.of(number), events));
        assertThat(run(List.of(text, number), events)).isEqualTo(alone);
    }

    /** The characters that once made two different literal lists print alike, and case to test folding. */
    private static final String[] PIECES = {
        "a", "B", "b", "|", ":", "String", "Long:", "null", "true", "1", "1.0", ",", "\"", "'", "\\", "\t", "*", "?",
        " ", "cs", "ci", "~", "0", "x", "X"
    };

    private static final String[] OPERATORS = {
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        ":",
        "like",
        "like~",
        "in",
        "in~",
        ":",
        "startsWith",
        "endsWith",
        "stringContains",
        "startsWith~",
        "regex",
        "regex~",
        "bare"
    };

    @Test
    void randomRulesMatchTheSameAloneAndInsideAPack() {
        long seed = Long.getLong("eql4j.test.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            List<String> literals = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                literals.add(literal(random));
            }
            List<Rule> rules = new ArrayList<>();
            while (rules.size() < 12) {
                String op = OPERATORS[random.nextInt(OPERATORS.length)];
                String field = random.nextInt(4) == 0 ? "y" : "x";
                List<String> chosen = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    chosen.add(literals.get(random.nextInt(literals.size())));
                }
                rules.add(Rule.ofQuery("r" + rules.size(), query(op, field, chosen)));
                if (random.nextBoolean()) {
                    // the same test with the literals joined into one: the shape that fooled string identities
                    List<String> joined = List.of(String.join(random.nextBoolean() ? "|String:" : "|", chosen));
                    rules.add(Rule.ofQuery("r" + rules.size(), query(op, field, joined)));
                }
            }
            List<Map<String, Object>> events = new ArrayList<>();
            for (int e = 0; e < 40; e++) {
                events.add(event(e, value(random, literals)));
            }
            Map<String, List<Long>> alone = new TreeMap<>();
            for (Rule rule : rules) {
                alone.putAll(run(List.of(rule), events));
            }
            List<Rule> pack = new ArrayList<>(rules);
            Collections.shuffle(pack, random);
            assertThat(new TreeMap<>(run(pack, events)))
                    .as("seed %d (-Deql4j.test.seed=%d), round %d, rules %s", seed, seed, round, pack)
                    .isEqualTo(alone);
        }
    }

    private static String literal(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static Object value(Random random, List<String> literals) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return (long) random.nextInt(3);
        }
        if (pick == 1) {
            return List.of(literals.get(random.nextInt(literals.size())), literal(random));
        }
        String s = literals.get(random.nextInt(literals.size()));
        if (pick == 2) {
            s = s.toUpperCase(java.util.Locale.ROOT);
        } else if (pick == 3) {
            s = s + literal(random);
        }
        return s;
    }

    private static String query(String op, String field, List<String> chosen) {
        switch (op) {
            case "bare":
                return "any where " + field;
            case "==", "!=", "<", "<=", ">", ">=":
                return "any where " + field + " " + op + " " + quote(chosen.get(0));
            case "in", "in~", ":", "like", "like~":
                return "any where " + field + " " + op + " (" + list(chosen) + ")";
            case "regex", "regex~":
                List<String> patterns = new ArrayList<>();
                for (String c : chosen) {
                    patterns.add(c.replaceAll("[^A-Za-z0-9 ]", ".") + ".*");
                }
                return "any where " + field + " " + op + " (" + list(patterns) + ")";
            default:
                return "any where " + op + "(" + field + ", " + quote(chosen.get(0)) + ")";
        }
    }

    private static String list(List<String> literals) {
        List<String> quoted = new ArrayList<>();
        for (String l : literals) {
            quoted.add(quote(l));
        }
        return String.join(", ", quoted);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + '"';
    }

    private static Map<String, Object> event(long id, Object x) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", id);
        e.put("id", id);
        e.put("x", x);
        if (id % 3 == 0) {
            e.put("y", x);
        }
        return e;
    }

    /** Per rule id, the ids of the events it matched, in order. */
    private static Map<String, List<Long>> run(List<Rule> rules, List<Map<String, Object>> events) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (Rule rule : rules) {
            out.put(rule.ruleId(), new ArrayList<>());
        }
        Plan plan = EqlCompiler.compile(rules, EngineOptions.defaults());
        EqlEngine engine = EqlEngine.create(
                plan,
                match -> out.get(match.rule().ruleId())
                        .add((Long) match.events().get(0).field(io.eql4j.event.FieldPath.of("id"))));
        for (Map<String, Object> e : events) {
            engine.accept(Event.of(e));
        }
        engine.finish();
        return out;
    }
}
