package io.eql4j.rules;

import java.util.List;
import java.util.Objects;

/**
 * One {@code [[rule.threat]]} entry of a rule: the tactic of a threat framework (in practice MITRE ATT&amp;CK) that
 * the rule detects, with the techniques and sub-techniques within it.
 *
 * @param framework  the framework's name, e.g. {@code MITRE ATT&CK}
 * @param tactic     the tactic
 * @param techniques the techniques (possibly none), in file order
 */
public record Threat(String framework, Tactic tactic, List<Technique> techniques) {

    /** Checks that all is given and copies the list. */
    public Threat {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(tactic, "tactic");
        techniques = List.copyOf(techniques);
    }

    /**
     * A tactic, e.g. {@code TA0011 Command and Control}.
     *
     * @param id        the framework's id, e.g. {@code TA0011}
     * @param name      the tactic's name
     * @param reference a URL describing it
     */
    public record Tactic(String id, String name, String reference) {
        /** Checks that all is given. */
        public Tactic {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * A technique, e.g. {@code T1548 Abuse Elevation Control Mechanism}.
     *
     * @param id            the framework's id, e.g. {@code T1548}
     * @param name          the technique's name
     * @param reference     a URL describing it
     * @param subtechniques its sub-techniques (possibly none), in file order
     */
    public record Technique(String id, String name, String reference, List<Subtechnique> subtechniques) {
        /** Checks that all is given and copies the list. */
        public Technique {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reference, "reference");
            subtechniques = List.copyOf(subtechniques);
        }
    }

    /**
     * A sub-technique, e.g. {@code T1548.003 Sudo and Sudo Caching}.
     *
     * @param id        the framework's id, e.g. {@code T1548.003}
     * @param name      the sub-technique's name
     * @param reference a URL describing it
     */
    public record Subtechnique(String id, String name, String reference) {
        /** Checks that all is given. */
        public Subtechnique {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reference, "reference");
        }
    }
}
