package io.eql4j.rules;

import io.eql4j.parser.EqlException;
import io.eql4j.rules.internal.toml.Toml;
import io.eql4j.rules.internal.toml.TomlException;
import io.eql4j.rules.internal.toml.TomlPosition;
import io.eql4j.rules.internal.toml.TomlString;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One detection rule: an EQL query with the metadata of the Elastic detection-rule file it came from. Immutable and
 * thread-safe.
 *
 * <p>Rules come from Elastic detection-rule TOML files (the {@code [rule]} and {@code [metadata]} tables, see
 * {@link RulePack#load}), from {@code .eql} files (one query per file; id and name are the file name without
 * {@code .eql}), or from code ({@link #ofQuery}). Fields that a source does not have are empty: an {@code .eql} file
 * has no severity, tags or threats.
 *
 * <p>{@link #locate(int)} maps a char offset in {@link #query()} to its line and column in the rule's file, so that
 * an {@link EqlException} about the query can be reported where the user wrote it.
 */
public final class Rule {

    private final String ruleId;
    private final String name;
    private final String description;
    private final String query;
    private final String language;
    private final String type;
    private final String severity;
    private final Integer riskScore;
    private final List<String> index;
    private final List<String> tags;
    private final List<Threat> threats;
    private final String eventCategoryOverride;
    private final String timestampOverride;
    private final String tiebreakerField;
    private final String timestampField;
    private final RuleMetadata metadata;
    private final Map<String, Object> attributes;
    private final String source;
    /** The query as read from TOML, with its source map; {@code null} when the query text is the whole source. */
    private final TomlString tomlQuery;
    /** Where the rule id is written, for duplicate-id reports. */
    private final SourcePosition idPosition;

    /** The fields of a rule under construction; only this package builds rules. */
    static final class Draft {
        String ruleId;
        String name;
        String description = "";
        String query;
        String language = "eql";
        String type = "eql";
        String severity;
        Integer riskScore;
        List<String> index = List.of();
        List<String> tags = List.of();
        List<Threat> threats = List.of();
        String eventCategoryOverride;
        String timestampOverride;
        String tiebreakerField;
        String timestampField;
        RuleMetadata metadata = RuleMetadata.EMPTY;
        Map<String, Object> attributes = Map.of();
        String source;
        TomlString tomlQuery;
        SourcePosition idPosition;
    }

    Rule(Draft d) {
        this.ruleId = Objects.requireNonNull(d.ruleId, "ruleId");
        this.name = Objects.requireNonNull(d.name, "name");
        this.description = Objects.requireNonNull(d.description, "description");
        this.query = Objects.requireNonNull(d.query, "query");
        this.language = Objects.requireNonNull(d.language, "language");
        this.type = Objects.requireNonNull(d.type, "type");
        this.severity = d.severity;
        this.riskScore = d.riskScore;
        this.index = List.copyOf(d.index);
        this.tags = List.copyOf(d.tags);
        this.threats = List.copyOf(d.threats);
        this.eventCategoryOverride = d.eventCategoryOverride;
        this.timestampOverride = d.timestampOverride;
        this.tiebreakerField = d.tiebreakerField;
        this.timestampField = d.timestampField;
        this.metadata = Objects.requireNonNull(d.metadata, "metadata");
        this.attributes = Objects.requireNonNull(d.attributes, "attributes");
        this.source = Objects.requireNonNull(d.source, "source");
        this.tomlQuery = d.tomlQuery;
        this.idPosition = d.idPosition != null ? d.idPosition : new SourcePosition(d.source, 1, 1);
    }

    /**
     * An ad-hoc rule for a query given in code: its name is its id, its language and type {@code eql}, and its
     * {@link #source()} is {@code <id>}; {@link #locate(int)} gives positions within the query text itself.
     *
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static Rule ofQuery(String id, String query) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(query, "query");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a rule id must not be blank");
        }
        return textRule(id, query, "<" + id + ">");
    }

    /** A rule whose query is its whole source text ({@code .eql} files, {@link #ofQuery}). */
    static Rule textRule(String id, String query, String source) {
        Draft d = new Draft();
        d.ruleId = id;
        d.name = id;
        d.query = query;
        d.source = source;
        return new Rule(d);
    }

    /**
     * Reads one EQL rule from the text of an Elastic detection-rule TOML file.
     *
     * @param toml   the file's text
     * @param source the file path or a label, used in {@link #source()} and in positions
     * @throws RuleFormatException if the text is not valid TOML, not a detection rule, or not an EQL rule
     */
    public static Rule fromToml(String toml, String source) {
        Objects.requireNonNull(toml, "toml");
        Objects.requireNonNull(source, "source");
        try {
            return RuleReader.read(Toml.parse(toml, source), source);
        } catch (TomlException e) {
            throw new RuleFormatException(List.of(RuleReader.problem(e)));
        } catch (RuleReader.NotEql e) {
            throw new RuleFormatException(List.of(e.reason()));
        }
    }

    /** {@code rule_id}: the rule's unique id (for {@code .eql} files, the file name without extension). */
    public String ruleId() {
        return ruleId;
    }

    /** {@code name}: a human-readable title. */
    public String name() {
        return name;
    }

    /** {@code description}, or an empty string. */
    public String description() {
        return description;
    }

    /** {@code query}: the EQL query text, exactly as decoded from the file. */
    public String query() {
        return query;
    }

    /** {@code language}: always {@code eql} for rules in a {@link RulePack}. */
    public String language() {
        return language;
    }

    /** {@code type}: {@code eql} for EQL detection rules. */
    public String type() {
        return type;
    }

    /** {@code severity}: {@code low}, {@code medium}, {@code high} or {@code critical}, if given. */
    public Optional<String> severity() {
        return Optional.ofNullable(severity);
    }

    /** {@code risk_score}: 0 to 100, if given. */
    public OptionalInt riskScore() {
        return riskScore == null ? OptionalInt.empty() : OptionalInt.of(riskScore);
    }

    /** {@code index}: the index patterns the rule searches, e.g. {@code logs-endpoint.events.*}; may be empty. */
    public List<String> index() {
        return index;
    }

    /** {@code tags}, e.g. {@code OS: Windows}; may be empty. */
    public List<String> tags() {
        return tags;
    }

    /** {@code [[rule.threat]]}: the tactics and techniques the rule detects; may be empty. */
    public List<Threat> threats() {
        return threats;
    }

    /** {@code event_category_override}: the field that holds the event category instead of {@code event.category}. */
    public Optional<String> eventCategoryOverride() {
        return Optional.ofNullable(eventCategoryOverride);
    }

    /** {@code timestamp_override}: the field the rule's time window uses instead of {@code @timestamp}. */
    public Optional<String> timestampOverride() {
        return Optional.ofNullable(timestampOverride);
    }

    /** {@code tiebreaker_field}: the field that orders events with equal timestamps. */
    public Optional<String> tiebreakerField() {
        return Optional.ofNullable(tiebreakerField);
    }

    /** {@code timestamp_field}: the field that holds the event time, instead of {@code @timestamp}. */
    public Optional<String> timestampField() {
        return Optional.ofNullable(timestampField);
    }

    /** The {@code [metadata]} table; empty for rules not read from TOML. */
    public RuleMetadata metadata() {
        return metadata;
    }

    /**
     * The whole {@code [rule]} table as plain Java values (strings, {@code Long}s, {@code Double}s, {@code Boolean}s,
     * {@code java.time} values, lists and maps), in file order; unmodifiable. It gives access to what has no
     * accessor, such as {@code from}, {@code note} or {@code building_block_type}. Empty for rules not read from TOML.
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * Where the rule comes from: the file path as it was given to {@link RulePack#load}, {@code bundled:<path>} for
     * rules bundled with eql4j, or a label ({@code <id>} for {@link #ofQuery}).
     */
    public String source() {
        return source;
    }

    /**
     * The place in the rule's source where the char at {@code queryOffset} of {@link #query()} is written. For a
     * TOML rule that is its line and column in the file (a char produced by an escape sequence such as {@code \"}
     * maps to the backslash); for an {@code .eql} file or an ad-hoc rule, its line and column in the query text.
     *
     * @param queryOffset a char index into {@link #query()}; {@code query().length()} (the end) is allowed
     * @throws IndexOutOfBoundsException unless {@code 0 <= queryOffset <= query().length()}
     */
    public SourcePosition locate(int queryOffset) {
        Objects.checkIndex(queryOffset, query.length() + 1);
        if (tomlQuery != null) {
            TomlPosition p = tomlQuery.positionOf(queryOffset);
            return new SourcePosition(source, p.line(), p.column());
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < queryOffset; i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(source, line, queryOffset - lineStart + 1);
    }

    /**
     * The place in the rule's source of an error in its query ({@link EqlException#offset()}, a char offset into
     * {@link #query()}); see {@link #locate(int)}. An offset outside the query is clamped to it, so that an error
     * always gets a place.
     */
    public SourcePosition locate(EqlException error) {
        return locate(Math.min(Math.max(error.offset(), 0), query.length()));
    }

    SourcePosition idPosition() {
        return idPosition;
    }

    @Override
    public String toString() {
        return "Rule[" + ruleId + " \"" + name + "\" from " + source + "]";
    }
}
