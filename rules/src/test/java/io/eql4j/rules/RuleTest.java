package io.eql4j.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.parser.EqlException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rule read from TOML text, an ad-hoc rule, and how errors in either are placed. */
class RuleTest {

    /** A rule using every field the model types, with a basic-string query that has escapes. */
    static final String FULL = String.join(
            "\n",
            "[metadata]",
            "creation_date = \"2022/05/16\"",
            "updated_date = 2023-07-31",
            "integration = \"endpoint\"",
            "maturity = \"production\"",
            "bypass_bbr_timing = true",
            "",
            "[rule]",
            "author = [\"Elastic\"]",
            "description = \"\"\"",
            "Two lines",
            "of description.",
            "\"\"\"",
            "from = \"now-9m\"",
            "index = [\"logs-endpoint.events.*\", \"winlogbeat-*\"]",
            "language = \"eql\"",
            "name = \"Suspicious \\\"Thing\\\"\"",
            "risk_score = 47",
            "rule_id = \"eb6a3790-d52d-11ec-8ce9-f661ea17fbce\"",
            "severity = \"medium\"",
            "tags = [\"OS: Linux\", \"Tactic: Execution\"]",
            "type = \"eql\"",
            "event_category_override = \"event.type\"",
            "timestamp_override = \"event.ingested\"",
            "tiebreaker_field = \"event.sequence\"",
            "timestamp_field = \"@ts\"",
            "building_block_type = \"default\"",
            "query = \"process where process.name == \\\"a\\\\\\\\b.exe\\\" and\\n  user.id == \\\"0\\\"\"",
            "",
            "[[rule.threat]]",
            "framework = \"MITRE ATT&CK\"",
            "[[rule.threat.technique]]",
            "id = \"T1548\"",
            "name = \"Abuse Elevation Control Mechanism\"",
            "reference = \"https://attack.mitre.org/techniques/T1548/\"",
            "[[rule.threat.technique.subtechnique]]",
            "id = \"T1548.003\"",
            "name = \"Sudo and Sudo Caching\"",
            "reference = \"https://attack.mitre.org/techniques/T1548/003/\"",
            "[[rule.threat.technique]]",
            "id = \"T1095\"",
            "name = \"Non-Application Layer Protocol\"",
            "reference = \"https://attack.mitre.org/techniques/T1095/\"",
            "[rule.threat.tactic]",
            "id = \"TA0004\"",
            "name = \"Privilege Escalation\"",
            "reference = \"https://attack.mitre.org/tactics/TA0004/\"",
            "",
            "[[rule.threat]]",
            "framework = \"MITRE ATT&CK\"",
            "[rule.threat.tactic]",
            "id = \"TA0002\"",
            "name = \"Execution\"",
            "reference = \"https://attack.mitre.org/tactics/TA0002/\"",
            "");

    @Test
    void readsEveryFieldOfATomlRule() {
        Rule r = Rule.fromToml(FULL, "rules/full.toml");
        assertThat(r.ruleId()).isEqualTo("eb6a3790-d52d-11ec-8ce9-f661ea17fbce");
        assertThat(r.name()).isEqualTo("Suspicious \"Thing\"");
        assertThat(r.description()).isEqualTo("Two lines\nof description.\n");
        assertThat(r.query()).isEqualTo("process where process.name == \"a\\\\b.exe\" and\n  user.id == \"0\"");
        assertThat(r.language()).isEqualTo("eql");
        assertThat(r.type()).isEqualTo("eql");
        assertThat(r.severity()).contains("medium");
        assertThat(r.riskScore()).hasValue(47);
        assertThat(r.index()).containsExactly("logs-endpoint.events.*", "winlogbeat-*");
        assertThat(r.tags()).containsExactly("OS: Linux", "Tactic: Execution");
        assertThat(r.eventCategoryOverride()).contains("event.type");
        assertThat(r.timestampOverride()).contains("event.ingested");
        assertThat(r.tiebreakerField()).contains("event.sequence");
        assertThat(r.timestampField()).contains("@ts");
        assertThat(r.source()).isEqualTo("rules/full.toml");
        assertThat(r.threats())
                .containsExactly(
                        new Threat(
                                "MITRE ATT&CK",
                                new Threat.Tactic(
                                        "TA0004", "Privilege Escalation", "https://attack.mitre.org/tactics/TA0004/"),
                                List.of(
                                        new Threat.Technique(
                                                "T1548",
                                                "Abuse Elevation Control Mechanism",
                                                "https://attack.mitre.org/techniques/T1548/",
                                                List.of(new Threat.Subtechnique(
                                                        "T1548.003",
                                                        "Sudo and Sudo Caching",
                                                        "https://attack.mitre.org/techniques/T1548/003/"))),
                                        new Threat.Technique(
                                                "T1095",
                                                "Non-Application Layer Protocol",
                                                "https://attack.mitre.org/techniques/T1095/",
                                                List.of()))),
                        new Threat(
                                "MITRE ATT&CK",
                                new Threat.Tactic("TA0002", "Execution", "https://attack.mitre.org/tactics/TA0002/"),
                                List.of()));
        RuleMetadata m = r.metadata();
        assertThat(m.creationDate()).contains(LocalDate.of(2022, 5, 16));
        assertThat(m.updatedDate()).contains(LocalDate.of(2023, 7, 31));
        assertThat(m.deprecationDate()).isEmpty();
        assertThat(m.maturity()).contains("production");
        assertThat(m.integrations()).containsExactly("endpoint");
        assertThat(m.attributes()).containsEntry("bypass_bbr_timing", true).hasSize(5);
        assertThat(r.attributes())
                .containsEntry("from", "now-9m")
                .containsEntry("building_block_type", "default")
                .containsEntry("risk_score", 47L)
                .containsEntry("author", List.of("Elastic"));
        assertThat(r.attributes().get("threat")).isInstanceOf(List.class);
        assertThat(r.attributes().keySet()).startsWith("author", "description", "from");
        assertThatThrownBy(() -> r.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r)
                .hasToString("Rule[eb6a3790-d52d-11ec-8ce9-f661ea17fbce \"Suspicious \"Thing\"\" from "
                        + "rules/full.toml]");
    }

    @Test
    void locatesQueryCharsThroughEscapes() {
        Rule r = Rule.fromToml(FULL, "rules/full.toml");
        String q = r.query();
        // line 28:  query = "process where process.name == \"a\\\\b.exe\" and\n  user.id == \"0\""
        // the first '"' of the query is the backslash of \" at column 40; "user" follows the \n escape
        assertThat(r.locate(0)).isEqualTo(new SourcePosition("rules/full.toml", 28, 10));
        assertThat(r.locate(q.indexOf("where"))).isEqualTo(new SourcePosition("rules/full.toml", 28, 18));
        assertThat(r.locate(q.indexOf('"'))).isEqualTo(new SourcePosition("rules/full.toml", 28, 40));
        assertThat(r.locate(q.indexOf('a', q.indexOf('"')))).isEqualTo(new SourcePosition("rules/full.toml", 28, 42));
        assertThat(r.locate(q.indexOf("b.exe"))).isEqualTo(new SourcePosition("rules/full.toml", 28, 47));
        assertThat(r.locate(q.indexOf("user"))).isEqualTo(new SourcePosition("rules/full.toml", 28, 62));
        assertThat(r.locate(q.length())).isEqualTo(new SourcePosition("rules/full.toml", 28, 78));
        assertThatThrownBy(() -> r.locate(q.length() + 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void locatesMultiLineBasicQueries() {
        String toml = "[rule]\nrule_id = \"x\"\nname = \"x\"\ntype = \"eql\"\nquery = \"\"\"\n"
                + "sequence by host.id \\\n   with maxspan=1m\n  [process where true]\n\"\"\"\n";
        Rule r = Rule.fromToml(toml, "ml.toml");
        assertThat(r.query()).isEqualTo("sequence by host.id with maxspan=1m\n  [process where true]\n");
        assertThat(r.language()).isEqualTo("eql");
        assertThat(r.locate(0)).isEqualTo(new SourcePosition("ml.toml", 6, 1));
        assertThat(r.locate(r.query().indexOf("with"))).isEqualTo(new SourcePosition("ml.toml", 7, 4));
        assertThat(r.locate(r.query().indexOf("where"))).isEqualTo(new SourcePosition("ml.toml", 8, 12));
    }

    @Test
    void placesAnEqlErrorInTheFile() {
        Rule r = Rule.fromToml(FULL, "rules/full.toml");
        int offset = r.query().indexOf("user");
        EqlException e = new EqlException("unknown field", r.query(), offset, 2, 3);
        assertThat(r.locate(e)).isEqualTo(new SourcePosition("rules/full.toml", 28, 62));
        assertThat(r.locate(e).toString()).isEqualTo("rules/full.toml:28:62");
    }

    @Test
    void adHocRulesLocateWithinTheirQuery() {
        Rule r = Rule.ofQuery("my-rule", "process where\n  true and\n  x");
        assertThat(r.ruleId()).isEqualTo("my-rule");
        assertThat(r.name()).isEqualTo("my-rule");
        assertThat(r.source()).isEqualTo("<my-rule>");
        assertThat(r.language()).isEqualTo("eql");
        assertThat(r.type()).isEqualTo("eql");
        assertThat(r.description()).isEmpty();
        assertThat(r.severity()).isEmpty();
        assertThat(r.riskScore()).isEmpty();
        assertThat(r.index()).isEmpty();
        assertThat(r.tags()).isEmpty();
        assertThat(r.threats()).isEmpty();
        assertThat(r.timestampOverride()).isEmpty();
        assertThat(r.metadata().attributes()).isEmpty();
        assertThat(r.metadata().maturity()).isEmpty();
        assertThat(r.attributes()).isEmpty();
        assertThat(r.locate(0)).isEqualTo(new SourcePosition("<my-rule>", 1, 1));
        assertThat(r.locate(r.query().indexOf("and"))).isEqualTo(new SourcePosition("<my-rule>", 2, 8));
        assertThat(r.locate(r.query().length())).isEqualTo(new SourcePosition("<my-rule>", 3, 4));
        assertThat(r.locate(new EqlException("bad", r.query(), 9999, 3, 4)))
                .isEqualTo(new SourcePosition("<my-rule>", 3, 4));
        assertThatThrownBy(() -> Rule.ofQuery(" ", "any where true")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final String MINIMAL =
            "[rule]\nrule_id = \"x\"\nname = \"x\"\ntype = \"eql\"\nquery = 'any where true'\n";

    @Test
    void minimalRuleHasEmptyOptionalFields() {
        Rule r = Rule.fromToml(MINIMAL, "m.toml");
        assertThat(r.description()).isEmpty();
        assertThat(r.severity()).isEmpty();
        assertThat(r.riskScore()).isEmpty();
        assertThat(r.threats()).isEmpty();
        assertThat(r.metadata().creationDate()).isEmpty();
        assertThat(r.attributes()).containsOnlyKeys("rule_id", "name", "type", "query");
    }

    @Test
    void malformedRulesAreReportedWhereTheProblemIs() {
        assertProblem("[rule\n", "f.toml:1:6: expected ']' to close the table header, found end of line");
        assertProblem(
                "[metadata]\nmaturity = \"production\"\n",
                "f.toml:1:1: not a detection rule: the file has no [rule] table");
        assertProblem("rule = 1\n", "f.toml:1:8: expected rule to be a table, found an integer");
        assertProblem("[rule]\nrule_id = \"x\"\nname = \"x\"\nquery = 'q'\n", "f.toml:1:1: missing key rule.type");
        assertProblem(MINIMAL.replace("query = 'any where true'\n", ""), "f.toml:1:1: missing key rule.query");
        assertProblem(
                MINIMAL.replace("rule_id = \"x\"", "rule_id = \" \""), "f.toml:2:11: rule.rule_id must not be blank");
        assertProblem(
                MINIMAL + "risk_score = \"47\"\n",
                "f.toml:6:14: expected rule.risk_score to be an integer, found a string");
        assertProblem(
                MINIMAL + "risk_score = 101\n", "f.toml:6:14: rule.risk_score must be between 0 and 100, found 101");
        assertProblem(
                MINIMAL + "tags = [\"a\", 1]\n", "f.toml:6:14: expected rule.tags[1] to be a string, found an integer");
        assertProblem(
                MINIMAL + "[[rule.threat]]\nframework = \"MITRE ATT&CK\"\n",
                "f.toml:6:1: missing key rule.threat.tactic");
        assertProblem(
                MINIMAL + "[metadata]\ncreation_date = \"16.05.2022\"\n",
                "f.toml:7:17: expected metadata.creation_date to be a date like 2022/05/16, found '16.05.2022'");
        assertProblem(
                MINIMAL.replace("type = \"eql\"", "type = \"query\"\nlanguage = \"kuery\""),
                "f.toml:5:12: not an EQL rule (type = query, language = kuery); skipped");
    }

    private static void assertProblem(String toml, String expected) {
        assertThatThrownBy(() -> Rule.fromToml(toml, "f.toml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessage(expected)
                .satisfies(e -> assertThat(((RuleFormatException) e).problems()).hasSize(1));
    }

    @Test
    void problemsRenderAsPathLineColumn() {
        assertThat(new RuleProblem("a/b.toml", 3, 7, "bad")).hasToString("a/b.toml:3:7: bad");
        assertThat(new RuleProblem("a/b.toml", 0, 0, "cannot read")).hasToString("a/b.toml: cannot read");
        RuleFormatException e =
                new RuleFormatException(List.of(new RuleProblem("a", 1, 2, "x"), new RuleProblem("b", 0, 0, "y")));
        assertThat(e).hasMessage("a:1:2: x\nb: y");
        assertThatThrownBy(() -> new RuleFormatException(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Map.of("k", new SourcePosition("f", 1, 2)).get("k")).hasToString("f:1:2");
    }
}
