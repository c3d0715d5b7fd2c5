package io.eql4j.compile;

/** What the compiler knows statically about an expression's type. */
enum Type {
    STRING("keyword"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    NULL("null"),
    /** A field or a value whose type only the event tells. */
    ANY("any");

    private final String label;

    Type(String label) {
        this.label = label;
    }

    /** Whether a value of this type may be passed where {@code expected} is required. */
    boolean fits(Type expected) {
        return expected == ANY || this == ANY || this == NULL || this == expected;
    }

    /** The type's name in error messages. */
    String label() {
        return label;
    }

    static Type ofValue(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String) {
            return STRING;
        }
        if (value instanceof Number) {
            return NUMBER;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        return ANY;
    }
}
