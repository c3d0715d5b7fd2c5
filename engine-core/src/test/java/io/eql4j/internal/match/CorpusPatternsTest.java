package io.eql4j.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.api.Test;

/** Every pattern predicate of the detection-rule corpus compiles, and matches like the plain references. */
class CorpusPatternsTest {

    private static List<CorpusLiterals.Predicate> loaded;

    /** Loaded once; each test is skipped, with the reason, when the corpus is absent. */
    private static synchronized List<CorpusLiterals.Predicate> predicates() {
        if (loaded == null) {
            loaded = CorpusLiterals.load();
        }
        return loaded;
    }

    /** The scanner finds the regex literals the corpus census (FEATURES.md §9) counted. */
    @Test
    void scannerFindsEveryRegexLiteralOfTheCensus() throws IOException {
        String features = Files.readString(SharedDir.file("corpus/detection-rules/FEATURES.md"));
        Matcher census = Pattern.compile("(\\d+) regex literals").matcher(features);
        assertThat(census.find())
                .as("FEATURES.md states the regex literal count")
                .isTrue();
        long found = predicates().stream()
                .filter(CorpusLiterals.Predicate::regex)
                .mapToLong(p -> p.patterns().size())
                .sum();
        assertThat(found).isEqualTo(Long.parseLong(census.group(1)));
    }

    @Test
    void everyRegexCompilesAndAgreesWithItsOwnLuceneAutomaton() {
        Random random = new Random(42);
        List<CorpusLiterals.Predicate> regexes =
                predicates().stream().filter(CorpusLiterals.Predicate::regex).collect(Collectors.toList());
        assertThat(regexes).isNotEmpty();
        for (CorpusLiterals.Predicate p : regexes) {
            StringMatcher matcher = StringMatchers.regex(p.patterns(), p.caseInsensitive());
            List<CharacterRunAutomaton> each = p.patterns().stream()
                    .map(r -> new CharacterRunAutomaton(
                            new RegExp(r, RegExp.ALL, p.caseInsensitive() ? RegExp.ASCII_CASE_INSENSITIVE : 0)
                                    .toAutomaton(Operations.DEFAULT_DETERMINIZE_WORK_LIMIT)))
                    .collect(Collectors.toList());
            for (String v : sampleValues(random)) {
                assertThat(matcher.matches(v))
                        .as("%s %s on %s", p.rule(), p.patterns(), v)
                        .isEqualTo(each.stream().anyMatch(a -> a.run(v)));
            }
        }
    }

    @Test
    void everyWildcardListCompilesAndMatchesTheReference() {
        Random random = new Random(7);
        List<String> pool = sampleValues(random);
        int checked = 0;
        for (CorpusLiterals.Predicate p : predicates()) {
            if (p.regex()) {
                continue;
            }
            StringMatcher matcher = StringMatchers.wildcard(p.patterns(), p.caseInsensitive());
            List<Pattern> reference = p.patterns().stream()
                    .filter(s -> !s.isEmpty())
                    .map(s -> WildcardReference.toRegex(s, false, p.caseInsensitive()))
                    .collect(Collectors.toList());
            List<String> values = new ArrayList<>(StringMatchersPropertiesTest.candidates(
                    p.patterns().subList(0, Math.min(40, p.patterns().size())), List.of(), random.nextLong()));
            for (int k = 0; k < 20; k++) {
                values.add(pool.get(random.nextInt(pool.size())));
            }
            for (String v : values) {
                boolean expected = reference.stream().anyMatch(r -> r.matcher(v).matches());
                assertThat(matcher.matches(v))
                        .as("%s %s %s on %s", p.rule(), p.operator(), matcher, v)
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(predicates().size());
    }

    /** Strings from the corpus itself (its literals, with wildcards filled) plus typical field values. */
    private static List<String> sampleValues(Random random) {
        List<String> values = new ArrayList<>(List.of(
                "",
                "cmd.exe",
                "C:\\Windows\\System32\\cmd.exe",
                "/usr/bin/python3",
                "net1  localgroup administrators",
                "10.0.0.1:8080",
                "www.example.top",
                "-nop -w hidden -enc AAAA",
                "powershell.exe -ExecutionPolicy Bypass",
                "                          x"));
        for (CorpusLiterals.Predicate p : predicates()) {
            if (random.nextInt(8) == 0) {
                values.add(p.patterns()
                        .get(random.nextInt(p.patterns().size()))
                        .replace("*", "xyz")
                        .replace("?", "C"));
            }
        }
        return values;
    }
}
