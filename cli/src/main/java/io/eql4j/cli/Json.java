package io.eql4j.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the tool. Thread-safe once built. */
final class Json {

    /**
     * Reads strictly, as Elasticsearch does when it indexes a document: a repeated key makes a line malformed
     * instead of one value being silently dropped.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }
}
