package io.eql4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.Match;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code --format ndjson}: one JSON object per match and line, with the rule's id, name, severity and risk score,
 * the kind of match, the join keys, and the matched events as they were read ({@code null} for a missing event).
 */
final class JsonMatchWriter implements MatchWriter {

    private final JsonGenerator json;

    JsonMatchWriter(PrintWriter out) {
        try {
            json = Json.MAPPER.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null); // each object ends its own line, below
    }

    @Override
    public void write(Match match) {
        Rule rule = match.rule();
        try {
            json.writeStartObject();
            json.writeStringField("rule_id", rule.ruleId());
            json.writeStringField("rule_name", rule.name());
            if (rule.severity().isPresent()) {
                json.writeStringField("severity", rule.severity().get());
            }
            if (rule.riskScore().isPresent()) {
                json.writeNumberField("risk_score", rule.riskScore().getAsInt());
            }
            json.writeStringField("kind", match.kind().name().toLowerCase(Locale.ROOT));
            json.writeArrayFieldStart("join_keys");
            for (Object key : match.joinKeys()) {
                json.writeObject(key);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("events");
            for (Event e : match.events()) {
                if (e == null) {
                    json.writeNull();
                } else {
                    json.writeRawValue(String.valueOf(e.source())); // the line as it was read
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
