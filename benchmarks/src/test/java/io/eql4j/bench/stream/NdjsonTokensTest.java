package io.eql4j.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.bench.seed.SeedStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NdjsonTokensTest {

    @Test
    void readsEveryTokenOfEveryLine() throws Exception {
        // {"a":1,"b":[true,null]}: { a 1 b [ true null ] }  = 9 tokens; {"c":{}}: { c { } } = 5; blank lines skipped
        String text = "{\"a\":1,\"b\":[true,null]}\n\n  \r\n{\"c\":{}}";
        NdjsonTokens.Count count = NdjsonTokens.count(text.getBytes(StandardCharsets.UTF_8));
        assertThat(count).isEqualTo(new NdjsonTokens.Count(2, 14));
    }

    @Test
    void countsAsManyTokensAsTheTreesHaveNodesAndNames() throws Exception {
        List<Map<String, Object>> events = SeedStream.generate(2_000, 50, 1);
        byte[] ndjson = NdjsonTokens.write(events);
        ObjectMapper mapper = new ObjectMapper();
        long expected = 0;
        for (Map<String, Object> e : events) {
            expected += tokens(mapper.valueToTree(e));
        }
        assertThat(NdjsonTokens.count(ndjson)).isEqualTo(new NdjsonTokens.Count(2_000, expected));
    }

    /** Start and end for containers, one per field name, one per scalar. */
    private static long tokens(JsonNode node) {
        long n = node.isContainerNode() ? 2 : 1;
        if (node.isObject()) {
            n += node.size();
        }
        for (JsonNode child : node) {
            n += tokens(child);
        }
        return n;
    }
}
