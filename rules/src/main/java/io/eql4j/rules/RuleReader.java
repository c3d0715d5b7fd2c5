package io.eql4j.rules;

import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlDateTime;
import io.eql4j.rules.internal.toml.TomlException;
import io.eql4j.rules.internal.toml.TomlInteger;
import io.eql4j.rules.internal.toml.TomlPosition;
import io.eql4j.rules.internal.toml.TomlString;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the TOML tree of an Elastic detection-rule file into a {@link Rule}. Keys it does not know are kept in
 * {@link Rule#attributes()}; keys it knows must have the right type, else a {@link TomlException} points at them.
 */
final class RuleReader {

    /** The file is a rule, but not an EQL rule: it is skipped, which is not an error. */
    static final class NotEql extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RuleProblem reason;

        NotEql(RuleProblem reason) {
            super(reason.toString(), null, false, false);
            this.reason = reason;
        }

        RuleProblem reason() {
            return reason;
        }
    }

    private static final DateTimeFormatter RULE_DATE =
            DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT);

    private RuleReader() {}

    static RuleProblem problem(TomlException e) {
        return RuleProblem.at(position(e.position()), e.problem());
    }

    private static SourcePosition position(TomlPosition p) {
        return new SourcePosition(p.source(), p.line(), p.column());
    }

    /**
     * @throws TomlException if the document is not a detection rule or a known key has the wrong type
     * @throws NotEql        if it is a rule of another language (KQL, ES|QL, machine learning, ...)
     */
    static Rule read(TomlTable doc, String source) throws NotEql {
        TomlValue ruleValue = doc.get("rule");
        if (ruleValue == null) {
            throw new TomlException(doc.position(), "not a detection rule: the file has no [rule] table");
        }
        TomlTable rule = ruleValue.as(TomlTable.class, "rule");
        TomlString type = rule.require("type", TomlString.class);
        TomlString language = rule.get("language", TomlString.class).orElse(null);
        String lang = language != null ? language.value() : type.value();
        if (!lang.equals("eql")) {
            TomlPosition at = (language != null ? language : type).position();
            throw new NotEql(RuleProblem.at(
                    position(at),
                    "not an EQL rule (type = " + type.value() + ", language = "
                            + (language != null ? language.value() : "none") + "); skipped"));
        }
        Rule.Draft d = new Rule.Draft();
        TomlString id = rule.require("rule_id", TomlString.class);
        if (id.value().isBlank()) {
            throw new TomlException(id.position(), "rule.rule_id must not be blank");
        }
        d.ruleId = id.value();
        d.idPosition = position(id.position());
        d.name = rule.require("name", TomlString.class).value();
        d.description = string(rule, "description", "");
        d.tomlQuery = rule.require("query", TomlString.class);
        d.query = d.tomlQuery.value();
        d.language = lang;
        d.type = type.value();
        d.severity = string(rule, "severity", null);
        d.riskScore = rule.get("risk_score", TomlInteger.class)
                .map(RuleReader::riskScore)
                .orElse(null);
        d.index = strings(rule, "index");
        d.tags = strings(rule, "tags");
        d.threats = threats(rule);
        d.eventCategoryOverride = string(rule, "event_category_override", null);
        d.timestampOverride = string(rule, "timestamp_override", null);
        d.tiebreakerField = string(rule, "tiebreaker_field", null);
        d.timestampField = string(rule, "timestamp_field", null);
        d.metadata =
                doc.get("metadata", TomlTable.class).map(RuleReader::metadata).orElse(RuleMetadata.EMPTY);
        d.attributes = rule.toJava();
        d.source = source;
        return new Rule(d);
    }

    private static int riskScore(TomlInteger r) {
        if (r.value() < 0 || r.value() > 100) {
            throw new TomlException(r.position(), "rule.risk_score must be between 0 and 100, found " + r.value());
        }
        return (int) r.value();
    }

    private static String string(TomlTable table, String key, String absent) {
        return table.get(key, TomlString.class).map(TomlString::value).orElse(absent);
    }

    /** An array of strings; a single string is taken as a one-element list. */
    private static List<String> strings(TomlTable table, String key) {
        TomlValue v = table.get(key);
        if (v instanceof TomlString) {
            return List.of(((TomlString) v).value());
        }
        List<String> out = new ArrayList<>();
        if (v != null) {
            v.as(TomlArray.class, table.qualify(key))
                    .elements(TomlString.class, table.qualify(key))
                    .forEach(s -> out.add(s.value()));
        }
        return out;
    }

    private static List<TomlTable> tables(TomlTable table, String key) {
        return table.get(key, TomlArray.class)
                .map(a -> a.elements(TomlTable.class, table.qualify(key)))
                .orElse(List.of());
    }

    private static List<Threat> threats(TomlTable rule) {
        List<Threat> threats = new ArrayList<>();
        for (TomlTable t : tables(rule, "threat")) {
            TomlTable tactic = t.require("tactic", TomlTable.class);
            List<Threat.Technique> techniques = new ArrayList<>();
            for (TomlTable te : tables(t, "technique")) {
                List<Threat.Subtechnique> subs = new ArrayList<>();
                for (TomlTable s : tables(te, "subtechnique")) {
                    subs.add(new Threat.Subtechnique(req(s, "id"), req(s, "name"), req(s, "reference")));
                }
                techniques.add(new Threat.Technique(req(te, "id"), req(te, "name"), req(te, "reference"), subs));
            }
            threats.add(new Threat(
                    req(t, "framework"),
                    new Threat.Tactic(req(tactic, "id"), req(tactic, "name"), req(tactic, "reference")),
                    techniques));
        }
        return threats;
    }

    private static String req(TomlTable table, String key) {
        return table.require(key, TomlString.class).value();
    }

    private static RuleMetadata metadata(TomlTable m) {
        return new RuleMetadata(
                date(m, "creation_date"),
                date(m, "updated_date"),
                date(m, "deprecation_date"),
                string(m, "maturity", null),
                strings(m, "integration"),
                m.toJava());
    }

    /** A rule date: {@code "2022/05/16"} as detection-rules writes them, or a TOML local date. */
    private static LocalDate date(TomlTable table, String key) {
        TomlValue v = table.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof TomlDateTime && ((TomlDateTime) v).value() instanceof LocalDate) {
            return (LocalDate) ((TomlDateTime) v).value();
        }
        String text = v.as(TomlString.class, table.qualify(key)).value();
        try {
            return LocalDate.parse(text, RULE_DATE);
        } catch (DateTimeParseException e) {
            throw new TomlException(
                    v.position(),
                    "expected " + table.qualify(key) + " to be a date like 2022/05/16, found '" + text + "'");
        }
    }
}
