package io.eql4j.compile;

import io.eql4j.internal.expr.Scripts.Call.Implementation;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.functions.EqlFunctions;
import io.eql4j.internal.match.CidrMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The functions of Elasticsearch EQL (its {@code EqlFunctionRegistry}): names (case-insensitive), arities,
 * argument types for compile-time checks, whether a {@code ~} form exists, and the implementations.
 */
final class Functions {

    /**
     * One function.
     *
     * @param name            the canonical spelling
     * @param minArgs         fewest arguments
     * @param maxArgs         most arguments, or -1 for any number
     * @param parameters      the type of each parameter; the last one repeats for variadic functions
     * @param result          the type of the result
     * @param caseInsensitive whether a {@code ~} form exists
     * @param implementation  the implementation for the case-sensitive (false) or insensitive (true) form
     */
    record Definition(
            String name,
            int minArgs,
            int maxArgs,
            List<Type> parameters,
            Type result,
            boolean caseInsensitive,
            Function<Boolean, Implementation> implementation) {

        Type parameter(int i) {
            return parameters.get(Math.min(i, parameters.size() - 1));
        }

        String arity() {
            if (maxArgs == minArgs) {
                return minArgs == 1 ? "exactly one argument" : "exactly " + minArgs + " arguments";
            }
            if (maxArgs < 0) {
                return "at least " + minArgs + (minArgs == 1 ? " argument" : " arguments");
            }
            return minArgs + " to " + maxArgs + " arguments";
        }
    }

    private static final Map<String, Definition> DEFINITIONS = new TreeMap<>();

    static {
        arithmetic("add", EqlFunctions::add);
        arithmetic("subtract", EqlFunctions::subtract);
        arithmetic("multiply", EqlFunctions::multiply);
        arithmetic("divide", EqlFunctions::divide);
        arithmetic("modulo", EqlFunctions::modulo);
        define(new Definition(
                "between",
                3,
                4,
                List.of(Type.STRING, Type.STRING, Type.STRING, Type.BOOLEAN),
                Type.STRING,
                true,
                ci -> a -> EqlFunctions.between(
                        str(a[0]), str(a[1]), str(a[2]), a.length > 3 && Boolean.TRUE.equals(a[3]), ci)));
        define(new Definition(
                "cidrMatch",
                2,
                -1,
                List.of(Type.STRING, Type.STRING),
                Type.BOOLEAN,
                false,
                ci -> a -> EqlFunctions.cidrMatch(a[0], CidrMatcher.of(Arrays.asList(strings(a, 1))))));
        define(new Definition("concat", 1, -1, List.of(Type.ANY), Type.STRING, false, ci -> EqlFunctions::concat));
        define(new Definition(
                "endsWith",
                2,
                2,
                List.of(Type.STRING, Type.STRING),
                Type.BOOLEAN,
                true,
                ci -> a -> EqlFunctions.endsWith(str(a[0]), str(a[1]), ci)));
        define(new Definition(
                "indexOf",
                2,
                3,
                List.of(Type.STRING, Type.STRING, Type.NUMBER),
                Type.NUMBER,
                true,
                ci -> a -> EqlFunctions.indexOf(str(a[0]), str(a[1]), a.length > 2 ? integer(a[2]) : null, ci)));
        define(new Definition(
                "length", 1, 1, List.of(Type.STRING), Type.NUMBER, false, ci -> a -> EqlFunctions.length(str(a[0]))));
        define(new Definition(
                "number",
                1,
                2,
                List.of(Type.STRING, Type.NUMBER),
                Type.NUMBER,
                false,
                ci -> a -> EqlFunctions.number(str(a[0]), a.length > 1 ? integer(a[1]) : null)));
        define(new Definition(
                "startsWith",
                2,
                2,
                List.of(Type.STRING, Type.STRING),
                Type.BOOLEAN,
                true,
                ci -> a -> EqlFunctions.startsWith(str(a[0]), str(a[1]), ci)));
        define(new Definition(
                "string", 1, 1, List.of(Type.ANY), Type.STRING, false, ci -> a -> EqlFunctions.string(a[0])));
        define(new Definition(
                "stringContains",
                2,
                2,
                List.of(Type.STRING, Type.STRING),
                Type.BOOLEAN,
                true,
                ci -> a -> EqlFunctions.stringContains(str(a[0]), str(a[1]), ci)));
        define(new Definition(
                "substring",
                2,
                3,
                List.of(Type.STRING, Type.NUMBER, Type.NUMBER),
                Type.STRING,
                false,
                ci -> a -> EqlFunctions.substring(str(a[0]), integer(a[1]), a.length > 2 ? integer(a[2]) : null)));
    }

    private Functions() {}

    private static void define(Definition d) {
        DEFINITIONS.put(d.name().toLowerCase(Locale.ROOT), d);
    }

    private static void arithmetic(String name, java.util.function.BinaryOperator<Object> op) {
        define(new Definition(
                name, 2, 2, List.of(Type.NUMBER, Type.NUMBER), Type.NUMBER, false, ci -> a -> op.apply(a[0], a[1])));
    }

    /** The function with this name (any case), or {@code null}. */
    static Definition lookup(String name) {
        return DEFINITIONS.get(name.toLowerCase(Locale.ROOT));
    }

    /** The known names, for "did you mean" hints. */
    static List<String> names() {
        return DEFINITIONS.values().stream().map(Definition::name).toList();
    }

    /** A string argument: strings as they are, other scalars by their keyword form. */
    static String str(Object value) {
        return value == null ? null : Values.asString(value);
    }

    private static String[] strings(Object[] args, int from) {
        String[] out = new String[args.length - from];
        for (int i = from; i < args.length; i++) {
            out[i - from] = str(args[i]);
        }
        return out;
    }

    /** An integer argument, or {@code null} when it is null or not a number. */
    static Integer integer(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            Number n = Values.parseNumber(s);
            return n == null ? null : n.intValue();
        }
        return null;
    }
}
