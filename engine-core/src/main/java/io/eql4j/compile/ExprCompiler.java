package io.eql4j.compile;

import io.eql4j.ast.And;
import io.eql4j.ast.Arithmetic;
import io.eql4j.ast.Comparison;
import io.eql4j.ast.Expression;
import io.eql4j.ast.ExpressionVisitor;
import io.eql4j.ast.Field;
import io.eql4j.ast.FunctionCall;
import io.eql4j.ast.InList;
import io.eql4j.ast.Literal;
import io.eql4j.ast.Negate;
import io.eql4j.ast.Node;
import io.eql4j.ast.Not;
import io.eql4j.ast.Or;
import io.eql4j.ast.PatternMatch;
import io.eql4j.internal.expr.CompareOp;
import io.eql4j.internal.expr.Constant;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.Expr;
import io.eql4j.internal.expr.FieldPredicate;
import io.eql4j.internal.expr.FieldPredicates;
import io.eql4j.internal.expr.FieldValue;
import io.eql4j.internal.expr.Logic;
import io.eql4j.internal.expr.OptionalNullCompare;
import io.eql4j.internal.expr.Scripts;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.functions.EqlFunctions;
import io.eql4j.internal.mapping.FieldCatalog;
import io.eql4j.internal.match.CidrMatcher;
import io.eql4j.internal.match.StringMatcher;
import io.eql4j.internal.match.StringMatchers;
import io.eql4j.internal.plan.FieldTable;
import io.eql4j.internal.plan.Interner;
import io.eql4j.internal.plan.PredicateKey;
import io.eql4j.internal.time.Timestamps;
import io.eql4j.mapping.FieldType;
import io.eql4j.parser.EqlFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compiles the expressions of one query into {@link Expr} trees: resolves fields to slots, checks functions and
 * argument types, folds constants, and turns "field against constants" conditions into field predicates with
 * Elasticsearch's query semantics (any value of a multi-valued field).
 */
final class ExprCompiler {

    /** A compiled expression with what is known of its type. */
    record Typed(Expr expr, Type type) {}

    private static final String[] ORDINALS = {
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"
    };

    private final String query;
    private final String ruleId;
    private final FieldTable fields;
    private final CompileOptions options;
    private final Visitor visitor = new Visitor();

    private final Interner interner;
    private final FieldCatalog catalog;

    /** The functions of a field and constants that run as a query on any value of the field, by canonical name. */
    private static final java.util.Map<String, PredicateKey.Kind> FIELD_QUERIES = java.util.Map.of(
            "startsWith", PredicateKey.Kind.STARTS_WITH,
            "endsWith", PredicateKey.Kind.ENDS_WITH,
            "stringContains", PredicateKey.Kind.STRING_CONTAINS,
            "cidrMatch", PredicateKey.Kind.CIDR_MATCH);

    ExprCompiler(
            String query,
            String ruleId,
            FieldTable fields,
            CompileOptions options,
            Interner interner,
            FieldCatalog catalog) {
        this.catalog = catalog;
        this.query = query;
        this.ruleId = ruleId;
        this.fields = fields;
        this.options = options;
        this.interner = interner;
    }

    /** A field predicate shared with every other rule of the plan that has the same one (see {@link Interner}). */
    private FieldPredicate share(
            PredicateKey.Kind kind,
            FieldValue field,
            Enum<?> operator,
            boolean caseInsensitive,
            List<Object> literals,
            Supplier<? extends FieldPredicate> make) {
        return interner.share(new PredicateKey(kind, field.slot(), operator, caseInsensitive, literals), make);
    }

    private FieldPredicate share(
            PredicateKey.Kind kind,
            FieldValue field,
            Enum<?> operator,
            Object literal,
            Supplier<? extends FieldPredicate> make) {
        return share(kind, field, operator, false, java.util.Collections.singletonList(literal), make);
    }

    /** The canonical EQL of a node: the same for every way of writing it. */
    private static String canonical(Expression node) {
        return EqlFormatter.format(node);
    }

    /** Compiles a condition (after {@code where}, or an operand of and/or/not). */
    Expr condition(Expression e) {
        Typed t = compile(e);
        if (t.type() == Type.STRING || t.type() == Type.NUMBER) {
            throw error(
                    e,
                    "Condition expression needs to be boolean, found ["
                            + t.type().label() + "]");
        }
        Expr expr = t.expr();
        if (expr instanceof FieldValue f) {
            // a bare field as a condition is "field == true": a term query, any value
            return share(
                    PredicateKey.Kind.COMPARE,
                    f,
                    CompareOp.EQ,
                    Boolean.TRUE,
                    () -> new FieldPredicates.Compare(f.slot(), f.name(), CompareOp.EQ, Boolean.TRUE));
        }
        if (t.type() == Type.BOOLEAN || expr.isConstant()) {
            return expr;
        }
        return new Scripts.Truth(expr);
    }

    /** Compiles an expression as a value. */
    Typed compile(Expression e) {
        return e.accept(visitor);
    }

    /** The slot of a field in the plan's field table: of the field an alias stands for. */
    int slot(Field field) {
        FieldCatalog.Resolved r = catalog.resolve(field.name());
        return r.path().equals(field.name())
                ? fields.slot(io.eql4j.event.FieldPath.of(field.path()))
                : fields.slot(r.path());
    }

    /** The type of a field: of the field an alias stands for, from the mappings or a hint; null when unknown. */
    private FieldType typeOf(String name) {
        return catalog.resolve(name).type();
    }

    private EqlCompileException error(Node node, String message) {
        return new EqlCompileException(message, query, node.span(), ruleId);
    }

    private String text(Node node) {
        String t = node.span().text(query);
        return t.isEmpty() ? String.valueOf(node) : t;
    }

    private static Typed bool(Expr e) {
        return new Typed(e, Type.BOOLEAN);
    }

    /** Folds an expression whose inputs are all constant into a constant, at compile time. */
    private Typed fold(Node node, Typed t) {
        if (t.expr().readsFields()) {
            return t;
        }
        for (Expr child : t.expr().children()) {
            if (!child.isConstant()) {
                return t;
            }
        }
        if (t.expr().isConstant()) {
            return t;
        }
        try {
            Object value = t.expr().eval((EvalContext) null);
            return new Typed(Constant.of(value), value == null ? t.type() : Type.ofValue(value));
        } catch (RuntimeException e) {
            throw error(node, "cannot evaluate [" + text(node) + "]: " + e.getMessage());
        }
    }

    /**
     * Whether {@code e} is an optional field that index mappings, read with dynamic mapping, lack: absent from an
     * event, it stands for the literal null (see {@link OptionalNullCompare}).
     */
    private boolean unmappedOptional(Expression e) {
        return e instanceof Field f
                && f.optional()
                && !catalog.strict()
                && catalog.hasMappings()
                && !catalog.resolve(f.name()).mapped();
    }

    private boolean isDateField(String name) {
        FieldType hint = typeOf(name);
        return name.equals(options.timestampField()) || hint == FieldType.DATE || hint == FieldType.DATE_NANOS;
    }

    private final class Visitor implements ExpressionVisitor<Typed> {

        @Override
        public Typed visitString(Literal.StringLiteral node) {
            return new Typed(Constant.of(node.value()), Type.STRING);
        }

        @Override
        public Typed visitInteger(Literal.IntegerLiteral node) {
            return new Typed(Constant.of(node.longValue()), Type.NUMBER);
        }

        @Override
        public Typed visitDecimal(Literal.DecimalLiteral node) {
            return new Typed(Constant.of(node.doubleValue()), Type.NUMBER);
        }

        @Override
        public Typed visitBoolean(Literal.BooleanLiteral node) {
            return new Typed(Constant.of(node.booleanValue()), Type.BOOLEAN);
        }

        @Override
        public Typed visitNull(Literal.NullLiteral node) {
            return new Typed(Constant.NULL_VALUE, Type.NULL);
        }

        @Override
        public Typed visitField(Field node) {
            FieldCatalog.Resolved field = catalog.resolve(node.name());
            FieldType hint = field.type();
            if (field.problem() != null) {
                if (node.optional() && !field.mapped()) {
                    // Elasticsearch replaces an optional field that no index maps by the literal null
                    return new Typed(Constant.NULL_VALUE, Type.NULL);
                }
                throw error(node, field.problem());
            }
            Type type = Type.ANY;
            if (hint == FieldType.KEYWORD || hint == FieldType.IP || hint == FieldType.VERSION) {
                type = Type.STRING;
            } else if (hint == FieldType.LONG || hint == FieldType.DOUBLE) {
                type = Type.NUMBER;
            } else if (hint == FieldType.BOOLEAN) {
                type = Type.BOOLEAN;
            }
            return new Typed(new FieldValue(slot(node), node.name()), type);
        }

        @Override
        public Typed visitNot(Not node) {
            Expr operand = condition(node.operand());
            return fold(node, bool(new Logic.Not(operand)));
        }

        @Override
        public Typed visitAnd(And node) {
            return junction(node.operands(), true);
        }

        @Override
        public Typed visitOr(Or node) {
            return junction(node.operands(), false);
        }

        /** {@code and}/{@code or}, folding constant operands: one that decides gives the result, others drop out. */
        private Typed junction(List<Expression> nodes, boolean and) {
            Constant decisive = and ? Constant.FALSE_VALUE : Constant.TRUE_VALUE;
            Constant neutral = and ? Constant.TRUE_VALUE : Constant.FALSE_VALUE;
            List<Expr> operands = new ArrayList<>();
            for (Expression e : nodes) {
                Expr c = condition(e);
                if (c == decisive) {
                    return bool(decisive);
                }
                if (c != neutral) {
                    operands.add(c);
                }
            }
            if (operands.isEmpty()) {
                return bool(neutral);
            }
            if (operands.size() == 1) {
                return bool(operands.get(0));
            }
            return bool(and ? new Logic.And(operands) : new Logic.Or(operands));
        }

        @Override
        public Typed visitComparison(Comparison node) {
            CompareOp op = CompareOp.of(node.operator());
            Typed left = compile(node.left());
            Typed right = compile(node.right());
            boolean leftNull = left.expr() == Constant.NULL_VALUE;
            boolean rightNull = right.expr() == Constant.NULL_VALUE;
            if (leftNull || rightNull) {
                return nullComparison(node, op, leftNull ? right : left, leftNull && rightNull);
            }
            boolean leftUnmapped = unmappedOptional(node.left());
            boolean rightUnmapped = unmappedOptional(node.right());
            if ((leftUnmapped || rightUnmapped) && (op == CompareOp.EQ || op == CompareOp.NEQ)) {
                return bool(new OptionalNullCompare(op, left.expr(), right.expr(), leftUnmapped, rightUnmapped));
            }
            if (left.expr() instanceof FieldValue f && right.expr().isConstant()) {
                return fieldComparison(node, f, op, ((Constant) right.expr()).value(), node.right());
            }
            if (right.expr() instanceof FieldValue f && left.expr().isConstant()) {
                return fieldComparison(node, f, op.flip(), ((Constant) left.expr()).value(), node.left());
            }
            return fold(node, bool(new Scripts.Compare(op, left.expr(), right.expr())));
        }

        /**
         * {@code x == null} is "x is null" and {@code x != null} "x is not null" (Elasticsearch's
         * ReplaceNullChecks), also when null comes from an optional field that no index maps; so
         * {@code null == null} is true. Ordering with null is unknown.
         */
        private Typed nullComparison(Comparison node, CompareOp op, Typed other, boolean bothNull) {
            if (op != CompareOp.EQ && op != CompareOp.NEQ) {
                return bool(Constant.NULL_VALUE);
            }
            Expr isNull = bothNull
                    ? Constant.TRUE_VALUE
                    : fold(node, bool(new Scripts.IsNull(other.expr()))).expr();
            if (op == CompareOp.EQ) {
                return bool(isNull);
            }
            return fold(node, bool(new Logic.Not(isNull)));
        }

        private Typed fieldComparison(Comparison node, FieldValue f, CompareOp op, Object literal, Node literalNode) {
            if (literal == null) {
                return bool(Constant.NULL_VALUE);
            }
            FieldType hint = typeOf(f.name());
            if (isDateField(f.name()) && (literal instanceof String || literal instanceof Number)) {
                return bool(dateComparison(f, op, literal, literalNode, hint));
            }
            boolean version = hint == FieldType.VERSION && literal instanceof String;
            CompareOp positive = op == CompareOp.NEQ ? CompareOp.EQ : op;
            Expr compare = version
                    ? share(
                            PredicateKey.Kind.VERSION_COMPARE,
                            f,
                            positive,
                            literal,
                            () -> new FieldPredicates.VersionCompare(f.slot(), f.name(), positive, (String) literal))
                    : share(
                            PredicateKey.Kind.COMPARE,
                            f,
                            positive,
                            literal,
                            () -> new FieldPredicates.Compare(f.slot(), f.name(), positive, literal));
            // Elasticsearch runs != as not (term query): a multi-valued field holding the value is not "!="
            return bool(op == CompareOp.NEQ ? new Logic.Not(compare) : compare);
        }

        private Expr dateComparison(FieldValue f, CompareOp op, Object literal, Node literalNode, FieldType hint) {
            long unit = options.timestampPrecision().nanosPerUnit();
            if (hint == FieldType.DATE) {
                unit = 1_000_000L;
            } else if (hint == FieldType.DATE_NANOS) {
                unit = 1L;
            }
            Timestamps.Range range;
            try {
                range = Timestamps.literalRange(literal);
            } catch (IllegalArgumentException e) {
                throw error(
                        literalNode,
                        "cannot compare date field [" + f.name() + "] with [" + text(literalNode) + "]: "
                                + e.getMessage());
            }
            long low = Math.floorDiv(range.lower(), unit);
            long high = Math.floorDiv(range.upper(), unit);
            CompareOp eqOp = op == CompareOp.NEQ ? CompareOp.EQ : op;
            long finalUnit = unit;
            Expr range0 = share(
                    PredicateKey.Kind.DATE_RANGE,
                    f,
                    eqOp,
                    false,
                    List.of(low, high, unit),
                    () -> new FieldPredicates.DateRange(
                            f.slot(), f.name(), eqOp, low, high, finalUnit, text(literalNode)));
            return op == CompareOp.NEQ ? new Logic.Not(range0) : range0;
        }

        @Override
        public Typed visitArithmetic(Arithmetic node) {
            Typed left = compile(node.left());
            Typed right = compile(node.right());
            requireNumeric(node, node.left(), left, 0);
            requireNumeric(node, node.right(), right, 1);
            Scripts.Call.Implementation impl;
            switch (node.operator()) {
                case ADD:
                    impl = a -> EqlFunctions.add(a[0], a[1]);
                    break;
                case SUBTRACT:
                    impl = a -> EqlFunctions.subtract(a[0], a[1]);
                    break;
                case MULTIPLY:
                    impl = a -> EqlFunctions.multiply(a[0], a[1]);
                    break;
                case DIVIDE:
                    impl = a -> EqlFunctions.divide(a[0], a[1]);
                    break;
                default:
                    impl = a -> EqlFunctions.modulo(a[0], a[1]);
            }
            Expr call = new Scripts.Call(node.operator().symbol(), impl, List.of(left.expr(), right.expr()), true);
            return fold(node, new Typed(call, Type.NUMBER));
        }

        @Override
        public Typed visitNegate(Negate node) {
            Typed operand = compile(node.operand());
            requireNumeric(node, node.operand(), operand, 0);
            Expr call = new Scripts.Call("-", a -> EqlFunctions.negate(a[0]), List.of(operand.expr()), true);
            return fold(node, new Typed(call, Type.NUMBER));
        }

        private void requireNumeric(Node parent, Node argNode, Typed arg, int position) {
            if (!arg.type().fits(Type.NUMBER)) {
                throw typeError(parent, argNode, position, Type.NUMBER, arg);
            }
        }

        @Override
        public Typed visitInList(InList node) {
            Typed value = compile(node.value());
            List<Typed> candidates = new ArrayList<>();
            boolean allConstant = true;
            boolean anyNull = false;
            for (Expression e : node.list()) {
                Typed c = compile(e);
                candidates.add(c);
                allConstant &= c.expr().isConstant();
                anyNull |= c.expr().isConstant() && ((Constant) c.expr()).value() == null;
            }
            Expr in;
            if (value.expr() instanceof FieldValue f && allConstant && !anyNull) {
                List<Object> constants = new ArrayList<>();
                for (Typed c : candidates) {
                    constants.add(((Constant) c.expr()).value());
                }
                InList positive = new InList(node.value(), node.list(), false, node.caseInsensitive(), node.span());
                in = fieldIn(f, constants, node.caseInsensitive(), canonical(positive));
            } else {
                List<Expr> exprs = candidates.stream().map(Typed::expr).toList();
                in = fold(node, bool(new Scripts.In(value.expr(), exprs, node.caseInsensitive())))
                        .expr();
            }
            return node.negated() ? fold(node, bool(new Logic.Not(in))) : bool(in);
        }

        private Expr fieldIn(FieldValue f, List<Object> constants, boolean caseInsensitive, String display) {
            Set<String> strings = new LinkedHashSet<>();
            Set<Object> numbers = new HashSet<>();
            Set<Boolean> booleans = new HashSet<>();
            boolean allStrings = true;
            for (Object c : constants) {
                strings.add(Values.keywordForm(c));
                if (c instanceof Number n) {
                    numbers.add(Values.canonicalNumber(n));
                    allStrings = false;
                } else if (c instanceof Boolean b) {
                    booleans.add(b);
                    allStrings = false;
                } else if (c instanceof String s) {
                    Number n = Values.parseNumber(s);
                    if (n != null) {
                        numbers.add(n);
                    }
                    if (s.equals("true") || s.equals("false")) {
                        booleans.add(Boolean.valueOf(s));
                    }
                }
            }
            List<Object> literals = new ArrayList<>(constants);
            // a numeric or boolean value converts the string constants, as == does: 2.0 is in ("2")
            if (allStrings && numbers.isEmpty() && booleans.isEmpty()) {
                return share(
                        PredicateKey.Kind.IN_STRINGS,
                        f,
                        null,
                        caseInsensitive,
                        literals,
                        () -> new FieldPredicates.Strings(
                                f.slot(), f.name(), StringMatchers.exact(strings, caseInsensitive), display));
            }
            return share(
                    PredicateKey.Kind.IN_MIXED,
                    f,
                    null,
                    caseInsensitive,
                    literals,
                    () -> new FieldPredicates.In(
                            f.slot(),
                            f.name(),
                            StringMatchers.exact(strings, caseInsensitive),
                            numbers,
                            booleans,
                            display));
        }

        @Override
        public Typed visitPatternMatch(PatternMatch node) {
            Typed value = compile(node.value());
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < node.patterns().size(); i++) {
                Literal p = node.patterns().get(i);
                if (!(p instanceof Literal.StringLiteral s)) {
                    throw typeError(
                            node, p, i + 1, Type.STRING, new Typed(Constant.of(p.value()), Type.ofValue(p.value())));
                }
                patterns.add(s.value());
            }
            PatternMatch.Operator op = node.operator();
            Expr expr;
            if (value.expr() instanceof FieldValue f) {
                expr = share(
                        PredicateKey.Kind.PATTERN,
                        f,
                        op,
                        op.isCaseInsensitive(),
                        List.copyOf(patterns),
                        () -> new FieldPredicates.Strings(
                                f.slot(), f.name(), matcher(node, patterns), canonical(node)));
            } else {
                expr = new Scripts.Match(value.expr(), matcher(node, patterns), canonical(node));
            }
            return fold(node, bool(expr));
        }

        private StringMatcher matcher(PatternMatch node, List<String> patterns) {
            PatternMatch.Operator op = node.operator();
            try {
                return op.isRegex()
                        ? StringMatchers.regex(patterns, op.isCaseInsensitive())
                        : StringMatchers.wildcard(patterns, op.isCaseInsensitive());
            } catch (IllegalArgumentException e) {
                throw error(node.patterns().get(0), "invalid pattern for [" + op.symbol() + "]: " + e.getMessage());
            }
        }

        @Override
        public Typed visitFunctionCall(FunctionCall node) {
            Functions.Definition def = Functions.lookup(node.name());
            if (def == null) {
                throw error(node, "Unknown function [" + node.name() + "]" + suggestion(node.name()));
            }
            if (node.caseInsensitive() && !def.caseInsensitive()) {
                throw error(node, "Function [" + def.name() + "] has no case-insensitive form [" + node.name() + "~]");
            }
            int n = node.arguments().size();
            if (n < def.minArgs() || (def.maxArgs() >= 0 && n > def.maxArgs())) {
                throw error(
                        node,
                        "Function [" + def.name() + "] takes " + def.arity() + ", found [" + n + "] in [" + text(node)
                                + "]");
            }
            List<Typed> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Typed arg = compile(node.arguments().get(i));
                Type expected = def.parameter(i);
                if (!arg.type().fits(expected)) {
                    throw typeError(node, node.arguments().get(i), i, expected, arg);
                }
                args.add(arg);
            }
            Expr predicate = fieldFunction(node, def, args);
            if (predicate != null) {
                return bool(predicate);
            }
            List<Expr> exprs = args.stream().map(Typed::expr).toList();
            Scripts.Call.Implementation impl = def.implementation().apply(node.caseInsensitive());
            if (def.name().equals("cidrMatch") && allConstantStrings(args, 1)) {
                CidrMatcher blocks = cidrBlocks(node, args);
                impl = a -> EqlFunctions.cidrMatch(a[0], blocks);
            }
            Expr call = new Scripts.Call(def.name(), impl, exprs, false);
            return fold(node, new Typed(call, def.result()));
        }

        /**
         * {@code startsWith}, {@code endsWith}, {@code stringContains} and {@code cidrMatch} of a field and
         * constants run as Elasticsearch's prefix, wildcard and terms queries do: on any value of the field.
         */
        private Expr fieldFunction(FunctionCall node, Functions.Definition def, List<Typed> args) {
            if (!(args.get(0).expr() instanceof FieldValue f) || !allConstantStrings(args, 1)) {
                return null;
            }
            PredicateKey.Kind kind = FIELD_QUERIES.get(def.name());
            if (kind == null) {
                return null;
            }
            boolean ci = node.caseInsensitive();
            String display = canonical(node);
            List<Object> literals = new ArrayList<>(args.size() - 1);
            for (int i = 1; i < args.size(); i++) {
                literals.add(constant(args, i));
            }
            switch (kind) {
                case STARTS_WITH:
                    // a prefix query
                    return share(
                            kind,
                            f,
                            null,
                            ci,
                            literals,
                            () -> new FieldPredicates.Strings(
                                    f.slot(), f.name(), StringMatchers.prefix(constant(args, 1), ci), display));
                case ENDS_WITH:
                    // a wildcard query "*lit", in which the literal's * ? \ keep their wildcard meaning
                    return share(
                            kind,
                            f,
                            null,
                            ci,
                            literals,
                            () -> new FieldPredicates.Strings(
                                    f.slot(),
                                    f.name(),
                                    StringMatchers.luceneWildcard(List.of("*" + constant(args, 1)), ci),
                                    display));
                case STRING_CONTAINS:
                    return share(
                            kind,
                            f,
                            null,
                            ci,
                            literals,
                            () -> new FieldPredicates.Strings(
                                    f.slot(),
                                    f.name(),
                                    StringMatchers.luceneWildcard(List.of("*" + constant(args, 1) + "*"), ci),
                                    display));
                default:
                    return share(
                            kind,
                            f,
                            null,
                            ci,
                            literals,
                            () -> new FieldPredicates.Strings(
                                    f.slot(), f.name(), cidrBlocks(node, args)::contains, display));
            }
        }

        private CidrMatcher cidrBlocks(FunctionCall node, List<Typed> args) {
            List<String> blocks = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                blocks.add(constant(args, i));
            }
            try {
                return CidrMatcher.of(blocks);
            } catch (IllegalArgumentException e) {
                // point at the first block that is invalid on its own
                for (int i = 1; i < args.size(); i++) {
                    try {
                        CidrMatcher.of(List.of(blocks.get(i - 1)));
                    } catch (IllegalArgumentException invalid) {
                        throw error(
                                node.arguments().get(i),
                                "invalid CIDR block in [" + text(node) + "]: " + invalid.getMessage());
                    }
                }
                throw error(node, "invalid CIDR blocks in [" + text(node) + "]: " + e.getMessage());
            }
        }

        private boolean allConstantStrings(List<Typed> args, int from) {
            for (int i = from; i < args.size(); i++) {
                Expr a = args.get(i).expr();
                if (!a.isConstant() || !(((Constant) a).value() instanceof String)) {
                    return false;
                }
            }
            return true;
        }

        private String constant(List<Typed> args, int i) {
            return (String) ((Constant) args.get(i).expr()).value();
        }
    }

    private EqlCompileException typeError(Node parent, Node argNode, int position, Type expected, Typed actual) {
        String ordinal = position < ORDINALS.length ? ORDINALS[position] : (position + 1) + "th";
        String found = actual.expr().isConstant()
                ? "value [" + text(argNode) + "] type [" + typeName(((Constant) actual.expr()).value()) + "]"
                : "[" + text(argNode) + "] type [" + actual.type().label() + "]";
        return error(
                argNode,
                ordinal + " argument of [" + text(parent) + "] must be [" + expected.label() + "], found " + found);
    }

    private static String typeName(Object value) {
        if (value instanceof String) {
            return "keyword";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "null";
    }

    private static String suggestion(String name) {
        return io.eql4j.internal.util.Names.didYouMean(name, Functions.names(), 3);
    }
}
