package io.eql4j.cli;

import io.eql4j.event.JsonEventReader;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a command reads events ({@code --events}) and how late an event may arrive ({@code --allowed-lateness}).
 *
 * <p>The default lateness depends on the input. A file is bounded: read whole, in any order, it gives
 * Elasticsearch's exact results; {@code eql4j run} puts a regular file's events in order itself ({@link EventFeed})
 * and runs the engine with no lateness, so it holds no events ({@code unbounded} given explicitly holds every
 * event until the end, then puts them in order).
 * Standard input may be a live stream: there a match must come out as soon as it is final, so the default is
 * {@code 0}: events are expected in time order, and one older than the newest seen is reported as late.
 */
final class EventInput {

    /** A lateness longer than any stream: nothing is ever late, everything is ordered at the end. */
    static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE);

    @Option(
            names = "--events",
            paramLabel = "FILE|-",
            description = "NDJSON events: one JSON object per line, UTF-8, plain or gzip; '-' reads standard input.")
    private String events;

    @Option(
            names = "--allowed-lateness",
            paramLabel = "DURATION",
            converter = LatenessConverter.class,
            description = {
                "How far behind the newest event time an event may arrive and still be put in order: "
                        + "0, 500ms, 30s, 5m, 2h, 1d or unbounded.",
                "Default: for a file, exact results whatever its order without holding its events (a first "
                        + "pass checks the order; a file out of order is sorted in temporary files), 0 for "
                        + "standard input (matches as soon as final; out-of-order events are reported as late)."
            })
    private Duration lateness;

    /** Whether {@code --events} was given. */
    boolean given() {
        return events != null;
    }

    /** Whether the events come from standard input. */
    boolean stdin() {
        return "-".equals(events);
    }

    /** The {@code --events} argument: a file name or {@code -}; {@code null} when not given. */
    String events() {
        return events;
    }

    /** The events' name in reports: the file name, or {@code <stdin>}. */
    String label() {
        return stdin() ? "<stdin>" : events;
    }

    @Option(
            names = "--max-line-length",
            paramLabel = "SIZE",
            converter = SizeConverter.class,
            description = "Longer input lines are reported and skipped, without being held in memory "
                    + "(default: 64m; bytes, or with a unit: k, m, g).")
    private Integer maxLineLength;

    @Option(
            names = "--max-nesting-depth",
            paramLabel = "N",
            description = "How deeply objects and arrays may nest in a value a rule reads (default: 1000; parts "
                    + "no rule reads may nest deeper).")
    private Integer maxNestingDepth;

    @Option(
            names = "--max-string-length",
            paramLabel = "SIZE",
            converter = SizeConverter.class,
            description = "The longest string or number a rule may read from an event, in characters (default: "
                    + "20m; longer values in fields no rule reads are skipped, not refused).")
    private Integer maxStringLength;

    /** Whether {@code --allowed-lateness} was given. */
    boolean latenessGiven() {
        return lateness != null;
    }

    /** {@code --allowed-lateness}, or its default for the input (see the class comment). */
    Duration allowedLateness() {
        return allowedLateness(stdin());
    }

    /**
     * {@code --allowed-lateness}, or its default for the input: {@code 0} when the events come from standard
     * input ({@code fromStdin}), unbounded for a file (see the class comment).
     */
    Duration allowedLateness(boolean fromStdin) {
        return lateness != null ? lateness : fromStdin ? Duration.ZERO : UNBOUNDED;
    }

    /** The reading limits: the options given, the reader's defaults for the others. */
    JsonEventReader.Limits limits() {
        JsonEventReader.Limits d = JsonEventReader.Limits.defaults();
        try {
            return new JsonEventReader.Limits(
                    maxLineLength != null ? maxLineLength : d.maxLineLength(),
                    maxNestingDepth != null ? maxNestingDepth : d.maxNestingDepth(),
                    maxStringLength != null ? maxStringLength : d.maxStringLength());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Reads a size: a number of bytes (or characters), or a number with k, m or g (times 1024, 1024², 1024³). */
    static final class SizeConverter implements ITypeConverter<Integer> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,10})([kmg]?)(i?b)?");

        @Override
        public Integer convert(String value) {
            Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException(
                        "'" + value + "' is not a size: use a number, optionally with " + "k, m or g (64m)");
            }
            long n = Long.parseLong(m.group(1));
            int shift = switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            long size = n << shift;
            if (n == 0 || size > Integer.MAX_VALUE - 16 || (size >> shift) != n) {
                throw new TypeConversionException("'" + value + "' is out of range: from 1 to 2047m");
            }
            return (int) size;
        }
    }

    /** Reads {@code 0}, {@code <n>ms|s|m|h|d} and {@code unbounded}. */
    static final class LatenessConverter implements ITypeConverter<Duration> {
        private static final Pattern AMOUNT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("unbounded")) {
                return UNBOUNDED;
            }
            if (v.equals("0")) {
                return Duration.ZERO;
            }
            Matcher m = AMOUNT.matcher(v);
            if (!m.matches()) {
                throw new TypeConversionException("'" + value
                        + "' is not a duration: use 0, a number with a unit (500ms, 30s, 5m, 2h, 1d) or unbounded");
            }
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(n);
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
    }
}
