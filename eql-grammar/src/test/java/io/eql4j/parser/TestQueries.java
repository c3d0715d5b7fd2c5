package io.eql4j.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real queries the tests parse: Elastic's detection rules and Elasticsearch's QA suite. */
final class TestQueries {

    /** A query and where it comes from. */
    static final class Named {
        final String name;
        final String query;

        Named(String name, String query) {
            this.name = name;
            this.query = query;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private TestQueries() {}

    /** The {@code query} of every rule in the corpus's eql-queries.ndjson, named by the rule's path. */
    static List<Named> ruleCorpus() {
        return readRuleCorpus(SharedFiles.require(RULE_CORPUS));
    }

    static final String RULE_CORPUS = "corpus/detection-rules/eql-queries.ndjson";

    static List<Named> readRuleCorpus(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<Named> queries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode rule = json.readTree(line);
                    queries.add(new Named(
                            rule.get("path").asText(), rule.get("query").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    /** The active queries (not commented out) of every suite/*.toml file, named "file:name". */
    static List<Named> elasticsearchSuite() {
        Path dir = SharedFiles.require("conformance/es/suite");
        List<Named> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path toml : (Iterable<Path>)
                    files.filter(p -> p.toString().endsWith(".toml")).sorted()::iterator) {
                queries.addAll(readToml(toml));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    /**
     * Reads the {@code name} and {@code query} of each {@code [[queries]]} table. A small reader for this one use: it
     * knows TOML's four string forms and comments, which is all the suite files use for these keys.
     */
    static List<Named> readToml(Path toml) throws IOException {
        String text = Files.readString(toml, StandardCharsets.UTF_8);
        String file = toml.getFileName().toString();
        List<Named> queries = new ArrayList<>();
        String name = null;
        String query = null;
        int i = 0;
        while (i < text.length()) {
            int eol = text.indexOf('\n', i);
            String line = text.substring(i, eol < 0 ? text.length() : eol).trim();
            if (line.equals("[[queries]]")) {
                if (query != null) {
                    queries.add(new Named(file + ":" + name, query));
                }
                name = null;
                query = null;
            } else if (!line.startsWith("#") && line.matches("[A-Za-z_]+\\s*=.*")) {
                // any key: a multi-line string value of another key (a note...) must be skipped as a whole
                int equals = text.indexOf('=', i);
                String key = text.substring(i, equals).trim();
                int valueStart = skipSpaces(text, equals + 1);
                if (isString(text, valueStart)) {
                    int[] end = new int[1];
                    String value = readString(text, valueStart, end);
                    if (key.equals("name")) {
                        name = value;
                    } else if (key.equals("query")) {
                        query = value.trim(); // as Elasticsearch's spec loader does
                    }
                    eol = text.indexOf('\n', end[0]);
                }
            }
            i = eol < 0 ? text.length() : eol + 1;
        }
        if (query != null) {
            queries.add(new Named(file + ":" + name, query));
        }
        return queries;
    }

    private static boolean isString(String text, int i) {
        return text.startsWith("'", i) || text.startsWith("\"", i);
    }

    private static int skipSpaces(String text, int i) {
        while (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
            i++;
        }
        return i;
    }

    /** The string value starting at {@code start}; {@code end[0]} is set past its closing delimiter. */
    private static String readString(String text, int start, int[] end) {
        for (String delimiter : new String[] {"'''", "\"\"\"", "'", "\""}) {
            if (text.startsWith(delimiter, start)) {
                boolean multiLine = delimiter.length() == 3;
                boolean literal = delimiter.charAt(0) == '\'';
                int from = start + delimiter.length();
                if (multiLine && text.startsWith("\n", from)) {
                    from++; // a newline right after the opening delimiter is not part of the value
                }
                int close = literal ? text.indexOf(delimiter, from) : closingQuote(text, from, delimiter);
                end[0] = close + delimiter.length();
                String raw = text.substring(from, close);
                return literal ? raw : unescape(raw);
            }
        }
        throw new IllegalArgumentException("not a TOML string at offset " + start);
    }

    private static int closingQuote(String text, int from, String delimiter) {
        int i = from;
        while (!text.startsWith(delimiter, i)) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n':
                    out.append('\n');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 'u':
                    out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                case '\n': // line-ending backslash: skip the line break and the next line's indentation
                    while (i + 1 < raw.length() && Character.isWhitespace(raw.charAt(i + 1))) {
                        i++;
                    }
                    break;
                default: // \" and \\
                    out.append(e);
            }
        }
        return out.toString();
    }
}
