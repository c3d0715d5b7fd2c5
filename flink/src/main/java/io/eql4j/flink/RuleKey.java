package io.eql4j.flink;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The key of per-(rule, join key) state: a rule's id and the join-key values. What {@link RuleEvent}s are keyed by
 * ({@link RuleEvent#ruleKey()}), so that everything one (rule, join key) needs reaches one parallel instance.
 *
 * <p>Immutable. Its hash code depends only on the values (no identity or enum hashes), so it is the same in every
 * JVM, as Flink's key groups require. Flink serialises it with {@link FlinkTypes.RuleKeySerializer}, not Kryo.
 */
@TypeInfo(FlinkTypes.RuleKeyFactory.class)
public final class RuleKey {

    private final String ruleId;
    private final JoinKeyValues key;

    public RuleKey(String ruleId, JoinKeyValues key) {
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.key = Objects.requireNonNull(key, "key");
    }

    public String ruleId() {
        return ruleId;
    }

    public JoinKeyValues key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleKey k && ruleId.equals(k.ruleId) && key.equals(k.key);
    }

    @Override
    public int hashCode() {
        return 31 * ruleId.hashCode() + key.hashCode();
    }

    @Override
    public String toString() {
        return ruleId + key;
    }
}
