package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonReaderTest {

    private final List<String> malformed = new ArrayList<>();

    private List<InputEvent> read(byte[] input) throws IOException {
        List<InputEvent> events = new ArrayList<>();
        try (NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream(input),
                (line, message) -> malformed.add(line + ": " + message))) {
            InputEvent e;
            while ((e = reader.next()) != null) {
                events.add(e);
            }
            assertThat(reader.next()).isNull();
        }
        return events;
    }

    private List<InputEvent> read(String input) throws IOException {
        return read(input.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsTextAndLineNumbersAcrossBlankLinesCrLfBomAndAMissingLastNewline() throws IOException {
        List<InputEvent> events = read("\uFEFF{\"a\": 1}\r\n\n   \r\n\t{\"a\": \"\u00e9\u6f22\uD83D\uDE00\"}\n{\"a\":3}");
        assertThat(events).extracting(InputEvent::line).containsExactly(1L, 4L, 5L);
        assertThat(events).extracting(InputEvent::text)
                .containsExactly("{\"a\": 1}", "\t{\"a\": \"\u00e9\u6f22\uD83D\uDE00\"}", "{\"a\":3}");
        assertThat(events.get(1).field("a")).isEqualTo("\u00e9\u6f22\uD83D\uDE00");
        assertThat(events.get(1).source()).isEqualTo(events.get(1).text());
        assertThat(malformed).isEmpty();
    }

    @Test
    void readsLinesLongerThanItsBuffersAndLinesThatStraddleThem() throws IOException {
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String line = "{\"i\": " + i + ", \"pad\": \"" + "x".repeat(i * 3001) + "\"}";
            expected.add(line);
            input.append(line).append('\n');
        }
        List<InputEvent> events = read(input.toString());
        assertThat(events).extracting(InputEvent::text).isEqualTo(expected);
        assertThat(events.get(49).field("i")).isEqualTo(49);
    }

    @Test
    void reportsAndSkipsWhatIsNotAnEventObject() throws IOException {
        byte[] latin1 = "{\"a\": \"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] rest = "null\n42\n{\"a\": \n{\"ok\": true}\n".getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[latin1.length + rest.length];
        System.arraycopy(latin1, 0, input, 0, latin1.length);
        System.arraycopy(rest, 0, input, latin1.length, rest.length);

        List<InputEvent> events = read(input);
        assertThat(events).extracting(InputEvent::line).containsExactly(5L);
        assertThat(malformed).hasSize(4);
        assertThat(malformed.get(0)).isEqualTo("1: not valid UTF-8");
        assertThat(malformed.get(1)).isEqualTo("2: not a JSON object but null");
        assertThat(malformed.get(2)).isEqualTo("3: not a JSON object but number");
        assertThat(malformed.get(3)).startsWith("4: invalid JSON at column ");
    }

    @Test
    void emptyInputHasNoEvents() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n")).isEmpty();
        assertThat(malformed).isEmpty();
    }
}
