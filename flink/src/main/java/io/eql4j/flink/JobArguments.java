package io.eql4j.flink;

import io.eql4j.compile.TimestampPrecision;
import io.eql4j.runtime.EngineOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link EqlFlinkJob}, read strictly: an unknown option, a missing or malformed value, or options
 * that do not go together end with an {@link IllegalArgumentException} whose message says what to write instead.
 */
final class JobArguments {

    /** Where events come from. */
    enum Source {
        FILE,
        KAFKA
    }

    static final String USAGE = String.join(
            "\n",
            "usage: eql4j-flink --rules PATH... --source file --events FILE --output FILE [options]",
            "       eql4j-flink --rules PATH... --source kafka --bootstrap-servers HOST:PORT --topic EVENTS"
                    + " --sink-topic MATCHES [options]",
            "",
            "  --rules PATH             rule files (TOML, .eql) or directories; may be given several times",
            "  --source file|kafka      where the NDJSON events come from",
            "  --events FILE            (file) the NDJSON events, plain or .gz",
            "  --output FILE            (file) where to write the matches, one JSON object per line",
            "  --bootstrap-servers H:P  (kafka) the brokers",
            "  --topic NAME             (kafka) the topic of events, one JSON object per record",
            "  --sink-topic NAME        (kafka) the topic of matches, written exactly once (transactions)",
            "  --group-id ID            (kafka) the consumer group (default eql4j-flink)",
            "  --transactional-id-prefix P  (kafka) prefix of the sink's transactional ids (default"
                    + " eql4j-flink-SINKTOPIC)",
            "  --bounded                (kafka) stop at the offsets that are the latest when the job starts",
            "  --rules-topic NAME       (kafka) live rule updates: each record one whole rule pack as JSON,"
                    + " {\"version\": V, \"files\": {NAME: TEXT}}; --rules is the pack the job starts with",
            "  --update-topic NAME      (kafka, with --rules-topic) where to write each update's"
                    + " acknowledgement as JSON (they are also printed to standard error)",
            "  --parallelism N          the job's parallelism (default: the environment's)",
            "  --allowed-lateness D     how far behind the newest event time an event may arrive: 0, 500ms, 30s,"
                    + " 5m, 2h, 1d or unbounded (default: unbounded for a file, 0 for kafka)",
            "  --idle-timeout D         how long a parallel reader may get no events before the watermark moves on"
                    + " without it: 500ms, 30s, 5m, ... or unbounded for never (default 30s)",
            "  --checkpoint-interval D  (kafka) how often to checkpoint and commit the sink's transactions"
                    + " (default 10s)",
            "  --timestamp-field F      the field with each event's time (default @timestamp)",
            "  --tiebreaker-field F     a field that orders events with equal timestamps (default none)",
            "  --category-field F       the field '<category> where' tests (default event.category)",
            "  --timestamp-precision P  millis or nanos (default millis)",
            "  --help                   print this and exit");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    List<Path> rules = new ArrayList<>();
    Source source;
    Path events;
    Path output;
    String bootstrapServers;
    String topic;
    String sinkTopic;
    String groupId = "eql4j-flink";
    String transactionalIdPrefix;
    boolean bounded;
    String rulesTopic;
    String updateTopic;
    Integer parallelism;
    Duration allowedLateness;
    Duration checkpointInterval;
    Duration idleTimeout;
    boolean help;
    String timestampField;
    String tiebreakerField;
    String categoryField;
    TimestampPrecision precision;

    /**
     * Reads the arguments.
     *
     * @throws IllegalArgumentException with a message for people
     */
    static JobArguments parse(String... args) {
        JobArguments a = new JobArguments();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (!name.equals("--rules") && seen.contains(name)) {
                throw new IllegalArgumentException(name + " is given twice");
            }
            seen.add(name);
            switch (name) {
                case "--help", "-h" -> a.help = true;
                case "--bounded" -> a.bounded = true;
                case "--rules" -> a.rules.add(Path.of(value(args, i, inline, name)));
                case "--source" -> a.source = source(value(args, i, inline, name));
                case "--events" -> a.events = Path.of(value(args, i, inline, name));
                case "--output" -> a.output = Path.of(value(args, i, inline, name));
                case "--bootstrap-servers" -> a.bootstrapServers = value(args, i, inline, name);
                case "--topic" -> a.topic = value(args, i, inline, name);
                case "--sink-topic" -> a.sinkTopic = value(args, i, inline, name);
                case "--rules-topic" -> a.rulesTopic = value(args, i, inline, name);
                case "--update-topic" -> a.updateTopic = value(args, i, inline, name);
                case "--group-id" -> a.groupId = value(args, i, inline, name);
                case "--transactional-id-prefix" -> a.transactionalIdPrefix = value(args, i, inline, name);
                case "--parallelism" -> a.parallelism = positive(value(args, i, inline, name), name);
                case "--allowed-lateness" -> a.allowedLateness = duration(value(args, i, inline, name), name, true);
                case "--idle-timeout" -> a.idleTimeout = duration(value(args, i, inline, name), name, true);
                case "--checkpoint-interval" ->
                    a.checkpointInterval = duration(value(args, i, inline, name), name, false);
                case "--timestamp-field" -> a.timestampField = value(args, i, inline, name);
                case "--tiebreaker-field" -> a.tiebreakerField = value(args, i, inline, name);
                case "--category-field" -> a.categoryField = value(args, i, inline, name);
                case "--timestamp-precision" -> a.precision = precision(value(args, i, inline, name));
                default ->
                    throw new IllegalArgumentException(
                            arg.startsWith("-")
                                    ? "unknown option " + name
                                    : "unexpected argument '" + arg + "' (options start with --)");
            }
            if (inline == null && takesValue(name)) {
                i++;
            }
        }
        if (!a.help) {
            a.check();
        }
        return a;
    }

    private static boolean takesValue(String name) {
        return !name.equals("--help") && !name.equals("-h") && !name.equals("--bounded");
    }

    private void check() {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("--rules PATH is required: the rule files or directories to run");
        }
        if (source == null) {
            throw new IllegalArgumentException("--source is required: file or kafka");
        }
        if (idleTimeout != null && idleTimeout.isZero()) {
            throw new IllegalArgumentException("--idle-timeout must be more than 0 (unbounded: never idle)");
        }
        if (source == Source.FILE) {
            require(events, "--events FILE", "with --source file");
            require(output, "--output FILE", "with --source file");
            refuse(bootstrapServers, "--bootstrap-servers", "--source kafka");
            refuse(topic, "--topic", "--source kafka");
            refuse(sinkTopic, "--sink-topic", "--source kafka");
            refuse(rulesTopic, "--rules-topic", "--source kafka");
            refuse(updateTopic, "--update-topic", "--source kafka");
            refuse(transactionalIdPrefix, "--transactional-id-prefix", "--source kafka");
            refuse(bounded ? "" : null, "--bounded", "--source kafka");
            refuse(
                    checkpointInterval,
                    "--checkpoint-interval",
                    "--source kafka (a file job is bounded: a failed " + "one is run again from the start)");
        } else {
            require(bootstrapServers, "--bootstrap-servers HOST:PORT", "with --source kafka");
            require(topic, "--topic EVENTS", "with --source kafka");
            require(sinkTopic, "--sink-topic MATCHES", "with --source kafka");
            refuse(events, "--events", "--source file");
            refuse(output, "--output", "--source file");
            if (updateTopic != null && rulesTopic == null) {
                throw new IllegalArgumentException("--update-topic goes only with --rules-topic: it carries the "
                        + "acknowledgements of the rule updates read from there");
            }
            if (rulesTopic != null && (rulesTopic.equals(topic) || rulesTopic.equals(sinkTopic))) {
                throw new IllegalArgumentException(
                        "--rules-topic must be a topic of its own, not that of the events " + "or the matches");
            }
            if (checkpointInterval != null && checkpointInterval.isZero()) {
                throw new IllegalArgumentException("--checkpoint-interval must be more than 0: the Kafka sink "
                        + "commits its transactions at checkpoints");
            }
        }
    }

    /** The compile-time settings given, over the defaults. */
    EngineOptions compileOptions() {
        EngineOptions.Builder b = EngineOptions.builder();
        if (timestampField != null) {
            b.timestampField(timestampField);
        }
        if (tiebreakerField != null) {
            b.tiebreakerField(tiebreakerField);
        }
        if (categoryField != null) {
            b.categoryField(categoryField);
        }
        if (precision != null) {
            b.timestampPrecision(precision);
        }
        return b.build();
    }

    /** The allowed lateness given, or the source's default. */
    Duration lateness() {
        return allowedLateness != null ? allowedLateness : source == Source.FILE ? EqlFlink.UNBOUNDED : Duration.ZERO;
    }

    /** The idle timeout given, or {@link EqlFlink#DEFAULT_IDLE_TIMEOUT}. */
    Duration idleTimeout() {
        return idleTimeout != null ? idleTimeout : EqlFlink.DEFAULT_IDLE_TIMEOUT;
    }

    /** The checkpoint interval given, or the Kafka default of 10 s; null for a file job. */
    Duration checkpoints() {
        return source == Source.FILE ? null : checkpointInterval != null ? checkpointInterval : Duration.ofSeconds(10);
    }

    String transactionalIdPrefix() {
        return transactionalIdPrefix != null ? transactionalIdPrefix : "eql4j-flink-" + sinkTopic;
    }

    private static void require(Object value, String option, String when) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required " + when);
        }
    }

    private static void refuse(Object value, String option, String only) {
        if (value != null) {
            throw new IllegalArgumentException(option + " goes only with " + only);
        }
    }

    private static String value(String[] args, int i, String inline, String name) {
        if (inline != null) {
            if (inline.isEmpty()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return inline;
        }
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i + 1];
    }

    private static Source source(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "file" -> Source.FILE;
            case "kafka" -> Source.KAFKA;
            default -> throw new IllegalArgumentException("--source must be file or kafka, not '" + v + "'");
        };
    }

    private static TimestampPrecision precision(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "millis" -> TimestampPrecision.MILLIS;
            case "nanos" -> TimestampPrecision.NANOS;
            default ->
                throw new IllegalArgumentException("--timestamp-precision must be millis or nanos, not '" + v + "'");
        };
    }

    private static int positive(String v, String name) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least 1, not '" + v + "'");
    }

    /** Reads {@code 0}, {@code <n>ms|s|m|h|d} and, where allowed, {@code unbounded}. */
    static Duration duration(String value, String name, boolean unbounded) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (unbounded && v.equals("unbounded")) {
            return EqlFlink.UNBOUNDED;
        }
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a duration: use 0, a number with a "
                    + "unit (500ms, 30s, 5m, 2h, 1d)" + (unbounded ? " or unbounded" : ""));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
