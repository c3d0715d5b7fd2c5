package io.eql4j.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [metadata]} table of a detection-rule file: when the rule was created and updated, its maturity
 * ({@code production}, {@code development}, {@code deprecated}, ...), the integrations it needs, and everything
 * else the table holds as plain values. Rules that do not come from a TOML file have empty metadata.
 */
public final class RuleMetadata {

    static final RuleMetadata EMPTY = new RuleMetadata(null, null, null, null, List.of(), Map.of());

    private final LocalDate creationDate;
    private final LocalDate updatedDate;
    private final LocalDate deprecationDate;
    private final String maturity;
    private final List<String> integrations;
    private final Map<String, Object> attributes;

    RuleMetadata(
            LocalDate creationDate,
            LocalDate updatedDate,
            LocalDate deprecationDate,
            String maturity,
            List<String> integrations,
            Map<String, Object> attributes) {
        this.creationDate = creationDate;
        this.updatedDate = updatedDate;
        this.deprecationDate = deprecationDate;
        this.maturity = maturity;
        this.integrations = List.copyOf(integrations);
        this.attributes = attributes;
    }

    /** {@code creation_date}, written {@code 2022/05/16} (or as a TOML date). */
    public Optional<LocalDate> creationDate() {
        return Optional.ofNullable(creationDate);
    }

    /** {@code updated_date}. */
    public Optional<LocalDate> updatedDate() {
        return Optional.ofNullable(updatedDate);
    }

    /** {@code deprecation_date}, present on deprecated rules. */
    public Optional<LocalDate> deprecationDate() {
        return Optional.ofNullable(deprecationDate);
    }

    /** {@code maturity}: {@code production}, {@code development}, {@code deprecated}, ... */
    public Optional<String> maturity() {
        return Optional.ofNullable(maturity);
    }

    /** {@code integration}: the integration packages whose data the rule reads, e.g. {@code endpoint}. */
    public List<String> integrations() {
        return integrations;
    }

    /**
     * The whole {@code [metadata]} table as plain Java values (strings, {@code Long}s, {@code Double}s,
     * {@code Boolean}s, {@code java.time} values, lists and maps), in file order; unmodifiable.
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "RuleMetadata" + attributes;
    }
}
