package io.eql4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eql4j.ast.Field;
import io.eql4j.ast.Literal;
import io.eql4j.ast.Node;
import io.eql4j.ast.Span;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/**
 * A syntax tree as JSON, for {@code eql4j parse --json}: each node is an object with its {@code type} (the name of
 * its {@code io.eql4j.ast} record), its components by name, and its {@code span} ({@code start}, {@code end},
 * {@code line}, {@code column}). Literals have a {@code value}, fields also their dotted {@code name}, and operators
 * and units are written as in EQL ({@code ==}, {@code like~}, {@code s}).
 *
 * <p>The AST is made of records, so their components are read generically: a node added to the AST is written
 * without a change here.
 */
final class AstJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AstJson() {}

    static JsonNode toJson(Node node) {
        ObjectNode o = NODES.objectNode();
        o.put("type", node.getClass().getSimpleName());
        if (node instanceof Literal literal) {
            o.set("value", value(literal.value()));
            o.set("span", value(literal.span()));
            return o;
        }
        if (node instanceof Field field) {
            o.put("name", field.name());
        }
        for (RecordComponent c : node.getClass().getRecordComponents()) {
            o.set(c.getName(), value(invoke(c.getAccessor(), node)));
        }
        return o;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof Node n) {
            return toJson(n);
        } else if (v instanceof Span s) {
            return NODES.objectNode()
                    .put("start", s.start())
                    .put("end", s.end())
                    .put("line", s.line())
                    .put("column", s.column());
        } else if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            list.forEach(e -> a.add(value(e)));
            return a;
        } else if (v instanceof Enum<?> e) {
            return NODES.textNode(symbol(e));
        } else if (v instanceof String s) {
            return NODES.textNode(s);
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof Integer || v instanceof Long) {
            return NODES.numberNode(((Number) v).longValue());
        } else if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        throw new IllegalStateException("no JSON form for " + v.getClass());
    }

    /** An operator or unit as EQL writes it (its {@code symbol()}), else its name in lower case. */
    private static String symbol(Enum<?> e) {
        try {
            Method symbol = e.getDeclaringClass().getMethod("symbol");
            return (String) invoke(symbol, e);
        } catch (NoSuchMethodException none) {
            return e.name().toLowerCase(Locale.ROOT);
        }
    }

    private static Object invoke(Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor + " of " + target.getClass(), e);
        }
    }
}
