package io.eql4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tool's Jackson mapper, for what it writes (matches, the AST, values in explanations). Events are read by the
 * engine's {@code JsonEventReader}. Thread-safe.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
}
