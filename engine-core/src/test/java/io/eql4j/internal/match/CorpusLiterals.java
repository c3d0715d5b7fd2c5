package io.eql4j.internal.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls the pattern literals of {@code :}, {@code like}, {@code like~}, {@code regex} and {@code regex~} out
 * of the rule corpus with a small lexer (comments, nested block comments, {@code "..."} with escapes, raw
 * {@code """..."""}), independent of the grammar, which is written elsewhere.
 */
public final class CorpusLiterals {

    /** One predicate: the rule file, the operator as written, its string literals. */
    public record Predicate(String rule, String operator, List<String> patterns) {
        public boolean caseInsensitive() {
            return operator.equals(":") || operator.endsWith("~");
        }

        public boolean regex() {
            return operator.startsWith("regex");
        }
    }

    private CorpusLiterals() {}

    /** All pattern predicates of {@code eql-queries.ndjson} (the test is skipped when the corpus is absent). */
    public static List<Predicate> load() {
        Path file = SharedDir.file("corpus/detection-rules/eql-queries.ndjson");
        ObjectMapper mapper = new ObjectMapper();
        List<Predicate> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rule = mapper.readTree(line);
                scan(rule.path("path").asText(), rule.path("query").asText(), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private sealed interface Token permits Str, Word {}

    private record Str(String value) implements Token {}

    private record Word(String text) implements Token {}

    static void scan(String rule, String query, List<Predicate> out) {
        List<Token> tokens = lex(query);
        for (int k = 0; k < tokens.size(); k++) {
            if (!(tokens.get(k) instanceof Word)) {
                continue;
            }
            String op = ((Word) tokens.get(k)).text();
            boolean afterDot = k > 0 && tokens.get(k - 1).equals(new Word("."));
            if (afterDot
                    || !(op.equals(":")
                            || op.equals("like")
                            || op.equals("like~")
                            || op.equals("regex")
                            || op.equals("regex~"))) {
                continue;
            }
            List<String> patterns = new ArrayList<>();
            if (k + 1 < tokens.size() && tokens.get(k + 1) instanceof Str) {
                patterns.add(((Str) tokens.get(k + 1)).value());
            } else if (k + 1 < tokens.size() && tokens.get(k + 1).equals(new Word("("))) {
                for (int j = k + 2; j < tokens.size() && !tokens.get(j).equals(new Word(")")); j++) {
                    if (tokens.get(j) instanceof Str) {
                        patterns.add(((Str) tokens.get(j)).value());
                    }
                }
            }
            if (!patterns.isEmpty()) {
                out.add(new Predicate(rule, op, patterns));
            }
        }
    }

    private static List<Token> lex(String q) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (q.startsWith("//", i)) {
                int end = q.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (q.startsWith("/*", i)) {
                int depth = 0;
                do {
                    if (q.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (q.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < n);
            } else if (q.startsWith("\"\"\"", i)) {
                int end = q.indexOf("\"\"\"", i + 3);
                tokens.add(new Str(q.substring(i + 3, end)));
                i = end + 3;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (q.charAt(i) != '"') {
                    char d = q.charAt(i);
                    if (d == '\\') {
                        char e = q.charAt(i + 1);
                        if (e == 'u' && q.charAt(i + 2) == '{') {
                            int close = q.indexOf('}', i);
                            sb.appendCodePoint(Integer.parseInt(q.substring(i + 3, close), 16));
                            i = close + 1;
                            continue;
                        }
                        sb.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
                        i += 2;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                tokens.add(new Str(sb.toString()));
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '@') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_' || q.charAt(i) == '@')) {
                    i++;
                }
                if (i < n && q.charAt(i) == '~') {
                    i++;
                }
                tokens.add(new Word(q.substring(start, i)));
            } else {
                tokens.add(new Word(String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }
}
