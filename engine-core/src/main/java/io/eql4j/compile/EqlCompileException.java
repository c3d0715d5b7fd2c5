package io.eql4j.compile;

import io.eql4j.ast.Span;
import io.eql4j.parser.EqlException;

/**
 * A query that parses but cannot run: an unknown function, a wrong number or type of arguments, an invalid regular
 * expression or CIDR block, a condition that is not boolean. Positioned at the offending node of the query text.
 */
public class EqlCompileException extends EqlException {

    private static final long serialVersionUID = 1L;

    private final String ruleId;

    /**
     * @param errorMessage what is wrong
     * @param query        the query text
     * @param span         where in the text
     * @param ruleId       the id of the rule whose query it is, or {@code null}
     */
    public EqlCompileException(String errorMessage, String query, Span span, String ruleId) {
        super(errorMessage, query, span);
        this.ruleId = ruleId;
    }

    /** The same problem as {@code cause} (a parse error), attributed to a rule. */
    public EqlCompileException(EqlException cause, String query, String ruleId) {
        super(cause.errorMessage(), query, cause.offset(), cause.line(), cause.column());
        initCause(cause);
        this.ruleId = ruleId;
    }

    /** The id of the rule whose query failed, or {@code null} for a query compiled on its own. */
    public String ruleId() {
        return ruleId;
    }
}
