package io.eql4j.rules.internal.toml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A TOML table: a document's root, a {@code [header]} table, an element of an array of tables, a table made by dotted
 * keys, or an inline table. Keys keep the order in which they are written.
 */
public final class TomlTable implements TomlValue {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final Map<String, TomlValue> entries;
    private final String path;
    private final TomlPosition position;

    TomlTable(Map<String, TomlValue> entries, String path, TomlPosition position) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.path = path;
        this.position = position;
    }

    /** The table's dotted key from the root, as written in TOML ({@code rule.threat}); empty for the root. */
    public String path() {
        return path;
    }

    @Override
    public TomlPosition position() {
        return position;
    }

    /** The keys in the order they were written. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** All entries, in the order they were written (unmodifiable). */
    public Map<String, TomlValue> entries() {
        return entries;
    }

    /** Whether {@code key} is present. */
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** The value of {@code key}, or {@code null}. */
    public TomlValue get(String key) {
        return entries.get(key);
    }

    /**
     * The value of {@code key} if present.
     *
     * @throws TomlException at the value if it is not a {@code type}
     */
    public <T extends TomlValue> Optional<T> get(String key, Class<T> type) {
        TomlValue v = entries.get(key);
        return v == null ? Optional.empty() : Optional.of(v.as(type, qualify(key)));
    }

    /**
     * The value of {@code key}.
     *
     * @throws TomlException at this table if it is missing, at the value if it is not a {@code type}
     */
    public <T extends TomlValue> T require(String key, Class<T> type) {
        return get(key, type).orElseThrow(() -> new TomlException(position, "missing key " + qualify(key)));
    }

    /** {@code key} as written after this table's path, for messages: {@code rule.risk_score}. */
    public String qualify(String key) {
        String k = keyText(key);
        return path.isEmpty() ? k : path + "." + k;
    }

    /** A key as TOML writes it: bare if it can be, otherwise quoted. */
    static String keyText(String key) {
        if (BARE_KEY.matcher(key).matches()) {
            return key;
        }
        StringBuilder sb = new StringBuilder("\"");
        key.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }

    @Override
    public Map<String, Object> toJava() {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(k, v.toJava()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String typeName() {
        return "table";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TomlTable
                && ((TomlTable) o).entries.equals(entries)
                && ((TomlTable) o).position.equals(position);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 31 + position.hashCode();
    }

    @Override
    public String toString() {
        return "TomlTable[" + (path.isEmpty() ? "<root>" : path) + " at " + position + "]";
    }
}
