package io.eql4j.parser;

import io.eql4j.ast.Span;

/**
 * The query text is not valid EQL, or uses a construct Elasticsearch EQL rejects. The only exception that
 * {@link EqlParser#parse(String)} throws for any input.
 */
public class EqlParseException extends EqlException {

    private static final long serialVersionUID = 1L;

    public EqlParseException(String errorMessage, String query, int offset, int line, int column) {
        super(errorMessage, query, offset, line, column);
    }

    public EqlParseException(String errorMessage, String query, Span span) {
        super(errorMessage, query, span);
    }
}
