package io.eql4j.bench.stream;

import io.eql4j.ast.And;
import io.eql4j.ast.Comparison;
import io.eql4j.ast.Expression;
import io.eql4j.ast.Field;
import io.eql4j.ast.FunctionCall;
import io.eql4j.ast.InList;
import io.eql4j.ast.Literal;
import io.eql4j.ast.Not;
import io.eql4j.ast.Or;
import io.eql4j.ast.PatternMatch;
import io.eql4j.rules.Rule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A synthetic, deterministic stream of ECS events (nested maps, one per millisecond of event time) for a rule pack:
 * process, file, network, registry, library, authentication, iam, ... events of Windows, Linux and macOS hosts,
 * whose field values come partly from the rules' own literals ({@link Harvest}), so that conditions are sometimes
 * true and sequences sometimes advance.
 *
 * <ul>
 *   <li>Background events (about 98%): a category from a fixed endpoint-heavy mix, its usual ECS fields plus a few
 *       fields the rules of that category read; each value is a literal of the rules (25%: suspicious values and
 *       the rules' exclusions alike, wildcards filled in) or a benign value. Join-key fields (entity ids, host ids,
 *       user names, ...) come from small pools, so that keys repeat.</li>
 *   <li>Seeded events (about 2%): a random rule's stage made true on purpose (each {@code or} takes one branch, each
 *       positive comparison, {@code in}, pattern and string function sets its field; negated parts are left to
 *       chance). For a sequence, the next stage follows with probability 0.6, with the same join-key values, within
 *       half the rule's window.</li>
 * </ul>
 *
 * The stream depends only on the rules (in order), the length and the seed.
 */
public final class EcsStream {

    /** The event time of the first event. */
    public static final long START_MILLIS =
            Instant.parse("2026-03-17T09:00:00Z").toEpochMilli();

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final double SEEDED = 0.02;
    private static final double FOLLOW = 0.6;
    private static final double FROM_RULES = 0.25;
    private static final int EXTRA_FIELDS = 4;

    /** Background categories and their weights ("integration": an {@code any where} event with no category). */
    private static final String[] CATEGORIES = {
        "process",
        "file",
        "network",
        "registry",
        "library",
        "authentication",
        "iam",
        "configuration",
        "driver",
        "web",
        "integration"
    };

    private static final int[] WEIGHTS = {30, 20, 14, 10, 8, 5, 3, 2, 1, 2, 5};
    private static final String[] OS = {"windows", "linux", "macos"};
    private static final int[] OS_WEIGHTS = {50, 35, 15};

    /** The usual ECS fields of each category (beyond event.*, host.* and user.name). */
    private static final Map<String, String[]> TEMPLATE = Map.ofEntries(
            Map.entry("process", new String[] {
                "process.name",
                "process.executable",
                "process.args",
                "process.command_line",
                "process.pid",
                "process.entity_id",
                "process.parent.name",
                "process.parent.executable",
                "process.parent.args",
                "process.parent.entity_id",
                "process.code_signature.trusted",
                "process.pe.original_file_name",
                "process.working_directory"
            }),
            Map.entry("file", new String[] {
                "file.path",
                "file.name",
                "file.extension",
                "process.name",
                "process.executable",
                "process.entity_id",
                "process.pid"
            }),
            Map.entry("network", new String[] {
                "source.ip",
                "source.port",
                "destination.ip",
                "destination.port",
                "network.transport",
                "network.direction",
                "process.name",
                "process.executable",
                "process.entity_id"
            }),
            Map.entry("registry", new String[] {
                "registry.path",
                "registry.key",
                "registry.value",
                "registry.data.strings",
                "process.name",
                "process.executable",
                "process.entity_id"
            }),
            Map.entry("library", new String[] {
                "dll.name",
                "dll.path",
                "dll.code_signature.trusted",
                "process.name",
                "process.executable",
                "process.entity_id"
            }),
            Map.entry("authentication", new String[] {"event.outcome", "source.ip", "user.domain", "user.id"}),
            Map.entry("iam", new String[] {"event.outcome", "user.target.name", "group.name", "user.id"}),
            Map.entry("configuration", new String[] {"event.outcome", "process.name"}),
            Map.entry("driver", new String[] {"file.path", "file.name"}),
            Map.entry("web", new String[] {"url.path", "http.request.method", "source.ip"}),
            Map.entry("integration", new String[] {"event.dataset", "event.outcome", "source.ip", "user.id"}));

    private static final Map<String, String[]> TYPES = Map.of(
            "process",
            new String[] {"start", "end", "info"},
            "file",
            new String[] {"creation", "change", "deletion"},
            "network",
            new String[] {"start", "connection", "end"},
            "registry",
            new String[] {"change", "creation"},
            "library",
            new String[] {"start"},
            "authentication",
            new String[] {"start", "info"},
            "iam",
            new String[] {"change", "creation", "user"});
    /** Fields that hold several values in ECS. */
    private static final List<String> MULTI = List.of(
            "process.args", "process.parent.args", "registry.data.strings", "event.type", "related.user", "related.ip");

    private final Harvest harvest;
    private final SplittableRandom rnd;
    private final PriorityQueue<Scheduled> scheduled =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long order;

    /** A later stage of a sequence that was started: generated at event index {@code at}. */
    private record Scheduled(
            long at,
            long order,
            Harvest.RuleInfo rule,
            List<Harvest.StageInfo> chain,
            int next,
            List<Object> keyValues) {}

    private EcsStream(Harvest harvest, long seed) {
        this.harvest = harvest;
        this.rnd = new SplittableRandom(seed);
    }

    /** {@code events} events for {@code rules}, laid out {@link Layout#DISTINCT}ly. */
    public static List<Map<String, Object>> generate(List<Rule> rules, int events, long seed) {
        return generate(rules, events, seed, Layout.DISTINCT);
    }

    /** {@code events} events for {@code rules}, the same for the same arguments. */
    public static List<Map<String, Object>> generate(List<Rule> rules, int events, long seed, Layout layout) {
        EcsStream stream = new EcsStream(Harvest.of(rules), seed);
        UnaryOperator<Map<String, Object>> lay = layout.forStream();
        List<Map<String, Object>> out = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            out.add(lay.apply(stream.next(i)));
        }
        return out;
    }

    private Map<String, Object> next(long index) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("@timestamp", ISO.format(Instant.ofEpochMilli(START_MILLIS + index)));
        Scheduled due = scheduled.peek();
        if (due != null && due.at <= index) {
            scheduled.poll();
            seeded(flat, index, due.rule, due.chain, due.next, due.keyValues);
        } else if (rnd.nextDouble() < SEEDED) {
            Harvest.RuleInfo rule = harvest.rules.get(rnd.nextInt(harvest.rules.size()));
            List<Harvest.StageInfo> chain = chain(rule);
            // mostly the first stage, sometimes a later one on its own (which must not advance anything)
            int start = rnd.nextInt(10) < 7 ? 0 : rnd.nextInt(chain.size());
            seeded(flat, index, rule, chain, start, null);
        } else {
            String category = CATEGORIES[pick(WEIGHTS)];
            background(flat, category, OS[pick(OS_WEIGHTS)]);
        }
        return Nesting.nest(flat);
    }

    /** The positive stages of a rule, each repeated {@code runs} times, in order. */
    private static List<Harvest.StageInfo> chain(Harvest.RuleInfo rule) {
        List<Harvest.StageInfo> chain = new ArrayList<>();
        for (Harvest.StageInfo stage : rule.stages()) {
            if (!stage.missing()) {
                for (int r = 0; r < stage.runs(); r++) {
                    chain.add(stage);
                }
            }
        }
        return chain;
    }

    private void seeded(
            Map<String, Object> flat,
            long index,
            Harvest.RuleInfo rule,
            List<Harvest.StageInfo> chain,
            int position,
            List<Object> keyValues) {
        Harvest.StageInfo stage = chain.get(position);
        String os = Harvest.requiredOs(stage.condition());
        if (os == null || !List.of(OS).contains(os)) {
            os = OS[pick(OS_WEIGHTS)];
        }
        String category = stage.category();
        background(flat, category == null ? "integration" : category, os);
        satisfy(stage.condition(), true, flat);
        List<Object> values = new ArrayList<>();
        for (int k = 0; k < stage.keys().size(); k++) {
            String key = stage.keys().get(k);
            if (keyValues != null && k < keyValues.size()) {
                flat.put(key, keyValues.get(k));
            } else if (flat.get(key) == null) {
                flat.put(key, pooled(key));
            }
            values.add(flat.get(key));
        }
        if (position + 1 < chain.size() && rnd.nextDouble() < FOLLOW) {
            long window = rule.maxSpanMillis() > 0 ? rule.maxSpanMillis() : 600_000;
            long delay = 1 + rnd.nextLong(Math.max(1, Math.min(window / 2, 5_000)));
            scheduled.add(new Scheduled(index + delay, order++, rule, chain, position + 1, values));
        }
    }

    /** Sets fields so that {@code e} holds ({@code positive}) for the event; negated parts are left to chance. */
    private void satisfy(Expression e, boolean positive, Map<String, Object> flat) {
        if (e instanceof Not not) {
            satisfy(not.operand(), !positive, flat);
        } else if (!positive) {
            return;
        } else if (e instanceof And and) {
            and.operands().forEach(x -> satisfy(x, true, flat));
        } else if (e instanceof Or or) {
            satisfy(or.operands().get(rnd.nextInt(or.operands().size())), true, flat);
        } else if (e instanceof Comparison c) {
            comparison(c, flat);
        } else if (e instanceof InList in && !in.negated() && in.value() instanceof Field f) {
            Object v = Harvest.literal(in.list().get(rnd.nextInt(in.list().size())));
            if (v != null) {
                set(flat, f.name(), v);
            }
        } else if (e instanceof PatternMatch p
                && p.value() instanceof Field f
                && !p.operator().isRegex()) {
            Literal pattern = p.patterns().get(rnd.nextInt(p.patterns().size()));
            if (pattern.value() instanceof String s) {
                set(flat, f.name(), ValueGen.pattern(s).sample(rnd));
            }
        } else if (e instanceof FunctionCall call) {
            List<Map.Entry<String, ValueGen>> gens = ValueGen.ofFunction(call);
            if (!gens.isEmpty()) {
                Map.Entry<String, ValueGen> g = gens.get(rnd.nextInt(gens.size()));
                set(flat, g.getKey(), g.getValue().sample(rnd));
            }
        } else if (e instanceof Field f) {
            set(flat, f.name(), Boolean.TRUE);
        }
    }

    private void comparison(Comparison c, Map<String, Object> flat) {
        boolean fieldLeft = c.left() instanceof Field;
        Expression field = fieldLeft ? c.left() : c.right();
        Object v = Harvest.literal(fieldLeft ? c.right() : c.left());
        if (!(field instanceof Field f) || v == null) {
            return;
        }
        Comparison.Operator op = c.operator();
        if (!fieldLeft) {
            op = op == Comparison.Operator.LT
                    ? Comparison.Operator.GT
                    : op == Comparison.Operator.GT
                            ? Comparison.Operator.LT
                            : op == Comparison.Operator.LTE
                                    ? Comparison.Operator.GTE
                                    : op == Comparison.Operator.GTE ? Comparison.Operator.LTE : op;
        }
        if (op == Comparison.Operator.EQ || op == Comparison.Operator.LTE || op == Comparison.Operator.GTE) {
            set(flat, f.name(), v);
        } else if (v instanceof Long n && op != Comparison.Operator.NEQ) {
            set(flat, f.name(), op == Comparison.Operator.GT ? n + 1 + rnd.nextInt(5) : n - 1 - rnd.nextInt(5));
        }
    }

    /**
     * Sets a field to make a condition true. A multi-valued field gains the value instead, so that several
     * conditions on it ({@code process.args : "-set" and process.args : "TESTSIGNING"}) hold together.
     */
    private static void set(Map<String, Object> flat, String field, Object value) {
        if (!MULTI.contains(field) || value instanceof List) {
            flat.put(field, value);
            return;
        }
        List<Object> values = new ArrayList<>();
        if (flat.get(field) instanceof List<?> present) {
            values.addAll(present);
        }
        values.add(value);
        flat.put(field, values);
    }

    /** The usual fields of a {@code category} event on {@code os}, plus a few that the rules of that category read. */
    private void background(Map<String, Object> flat, String category, String os) {
        boolean integration = category.equals("integration");
        if (!integration) {
            flat.put("event.category", new ArrayList<>(List.of(category)));
            String[] types = TYPES.getOrDefault(category, new String[] {"info"});
            flat.put(
                    "event.type",
                    new ArrayList<>(List.of(fromRulesOr("event.type", os, types[rnd.nextInt(types.length)]))));
            flat.put("event.action", fromRulesOr("event.action", os, category + "_event"));
            flat.put("host.os.type", os);
        }
        flat.put("event.kind", "event");
        flat.put("host.name", pooled("host.name"));
        flat.put("host.id", pooled("host.id"));
        flat.put("user.name", pooled("user.name"));
        for (String field : TEMPLATE.getOrDefault(category, new String[0])) {
            flat.put(field, value(field, os));
        }
        List<String> extra = harvest.fieldsByCategory.get(integration ? null : category);
        for (int i = 0; extra != null && i < EXTRA_FIELDS; i++) {
            String field = extra.get(rnd.nextInt(extra.size()));
            if (!flat.containsKey(field) && !field.equals("event.category") && !field.equals("host.os.type")) {
                flat.put(field, value(field, os));
            }
        }
    }

    private Object fromRulesOr(String field, String os, Object fallback) {
        List<ValueGen> gens = harvest.valuesOf(field, os);
        return !gens.isEmpty() && rnd.nextDouble() < FROM_RULES
                ? gens.get(rnd.nextInt(gens.size())).sample(rnd)
                : fallback;
    }

    private Object value(String field, String os) {
        if (isPooled(field)) {
            return pooled(field);
        }
        Object v = fromRulesOr(field, os, null);
        if (v == null) {
            v = Benign.value(field, os, harvest.valuesOf(field, os), rnd);
        }
        if (MULTI.contains(field)) {
            List<Object> list = new ArrayList<>();
            list.add(v);
            if (field.endsWith("args")) {
                list.add(0, Benign.value("process.executable", os, List.of(), rnd));
                list.add(Benign.value(field, os, List.of(), rnd));
            }
            return list;
        }
        return v;
    }

    /**
     * Whether a field's values come from a small pool: identities that join events (entity ids, pids, hosts,
     * users, addresses, logon ids), not descriptions of a process or file (names, paths), which the rules compare
     * with literals even when they also join on them.
     */
    private boolean isPooled(String field) {
        boolean descriptive = field.startsWith("process.") || field.startsWith("file.") || field.startsWith("dll.");
        return field.endsWith("entity_id")
                || field.endsWith(".pid")
                || harvest.keyFields.contains(field) && !descriptive;
    }

    /** A join-key value from a small pool, so that keys repeat across events. */
    private Object pooled(String field) {
        int size = field.contains("entity_id")
                ? 400
                : field.startsWith("host.") || field.contains("computer")
                        ? 25
                        : field.startsWith("user.") || field.contains("user") ? 60 : 200;
        int n = rnd.nextInt(size);
        if (field.endsWith("pid") || field.endsWith("port")) {
            return (long) (1000 + n);
        }
        if (field.endsWith(".ip") || field.endsWith("addr")) {
            return "10.0." + (n / 250) + "." + (n % 250 + 1);
        }
        return field.replace('.', '_') + "-" + n;
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = rnd.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
