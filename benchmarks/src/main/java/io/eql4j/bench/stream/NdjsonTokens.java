package io.eql4j.bench.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * NDJSON in memory: writing events as one JSON object per line, and the baseline for reading it, which splits the
 * bytes into lines and walks every token of each line with Jackson's streaming parser without building any value:
 * what any reader of JSON must do at least, so the limit for JSON input.
 */
public final class NdjsonTokens {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** Lines that held a JSON value, and the tokens read from them. */
    public record Count(long lines, long tokens) {}

    private NdjsonTokens() {}

    /** The events as NDJSON, each line ending with {@code \n}. */
    public static byte[] write(List<Map<String, Object>> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 512);
        try {
            for (Map<String, Object> e : events) {
                out.write(MAPPER.writeValueAsBytes(e));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Splits {@code ndjson} into lines and reads every token of every non-blank line. */
    public static Count count(byte[] ndjson) throws IOException {
        long lines = 0;
        long tokens = 0;
        int start = 0;
        for (int i = 0; i <= ndjson.length; i++) {
            if (i == ndjson.length || ndjson[i] == '\n') {
                if (!blank(ndjson, start, i)) {
                    lines++;
                    try (JsonParser parser = FACTORY.createParser(ndjson, start, i - start)) {
                        while (parser.nextToken() != null) {
                            tokens++;
                        }
                    }
                }
                start = i + 1;
            }
        }
        return new Count(lines, tokens);
    }

    private static boolean blank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
