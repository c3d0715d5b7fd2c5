package io.eql4j.rules.internal.toml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads TOML 1.0 documents into an immutable tree of {@link TomlValue}s that remember where each value is written;
 * strings also map each of their chars back to the source (see {@link TomlString#positionOf(int)}).
 *
 * <p>Invalid input throws {@link TomlException} naming source, line and column and what was expected. Lines and
 * columns are 1-based; columns count UTF-16 chars. The reader is for eql4j's own modules (rule files, the
 * Elasticsearch QA suite, rule test files), not a public API.
 */
public final class Toml {

    /** Departures from TOML 1.0, all off by default. */
    public enum Option {
        /**
         * Accept a bare {@code null} as a value or array element ({@link TomlNull}). Elasticsearch's EQL QA files
         * contain {@code join_keys = [null]}, which the TOML reader used by Elasticsearch accepts.
         */
        ALLOW_NULL
    }

    private Toml() {}

    /**
     * Parses a TOML document.
     *
     * @param text    the document
     * @param source  the file path or a label, used in positions and messages
     * @param options departures from TOML 1.0
     * @throws TomlException if {@code text} is not valid TOML
     */
    public static TomlTable parse(String text, String source, Option... options) {
        return new TomlParser(text, source, Arrays.asList(options).contains(Option.ALLOW_NULL)).parse();
    }

    /**
     * Parses a UTF-8 encoded TOML document.
     *
     * @throws TomlException if the bytes are not UTF-8 or not valid TOML
     */
    public static TomlTable parse(byte[] utf8, String source, Option... options) {
        return parse(decodeUtf8(utf8, source), source, options);
    }

    /**
     * Reads and parses a UTF-8 encoded TOML file; positions name the file as {@code file.toString()}.
     *
     * @throws IOException   if the file cannot be read
     * @throws TomlException if it is not UTF-8 or not valid TOML
     */
    public static TomlTable parse(Path file, Option... options) throws IOException {
        return parse(Files.readAllBytes(file), file.toString(), options);
    }

    /**
     * Decodes UTF-8 strictly (no replacement characters), dropping a leading byte order mark.
     *
     * @throws TomlException at the line and column of the first malformed byte sequence
     */
    public static String decodeUtf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        if (result.isError()) {
            TomlPosition p = new LineMap(source, out).position(out.length());
            throw new TomlException(
                    p,
                    String.format(
                            "invalid UTF-8: malformed byte 0x%02X at byte offset %d",
                            bytes[in.position()] & 0xff, in.position()));
        }
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
