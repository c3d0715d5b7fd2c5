package io.eql4j.cli;

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

    @Option(names = "--events", paramLabel = "FILE|-",
            description = "NDJSON events: one JSON object per line, UTF-8, plain or gzip; '-' reads standard input.")
    private String events;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", converter = LatenessConverter.class,
            description = {"How far behind the newest event time an event may arrive and still be put in order: "
                    + "0, 500ms, 30s, 5m, 2h, 1d or unbounded.",
                    "Default: for a file, exact results whatever its order without holding its events (a first "
                            + "pass checks the order; a file out of order is sorted in temporary files), 0 for "
                            + "standard input (matches as soon as final; out-of-order events are reported as late)."})
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

    /** Whether {@code --allowed-lateness} was given. */
    boolean latenessGiven() {
        return lateness != null;
    }

    /** {@code --allowed-lateness}, or its default for the input (see the class comment). */
    Duration allowedLateness() {
        return lateness != null ? lateness : stdin() ? Duration.ZERO : UNBOUNDED;
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
