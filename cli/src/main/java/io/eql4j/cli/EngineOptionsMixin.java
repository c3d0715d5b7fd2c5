package io.eql4j.cli;

import io.eql4j.compile.ResultPosition;
import io.eql4j.compile.TimestampPrecision;
import io.eql4j.runtime.EngineOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The engine settings of commands that compile and run rules ({@code run}, {@code explain}): how events are read
 * and how results are limited, as the parameters of an Elasticsearch EQL search. The defaults are the engine's.
 */
final class EngineOptionsMixin {

    private static final EngineOptions DEFAULTS = EngineOptions.defaults();

    @Option(
            names = "--timestamp-field",
            paramLabel = "FIELD",
            description = "The field with each event's time (default: ${DEFAULT-VALUE}).")
    private String timestampField = DEFAULTS.timestampField();

    @Option(
            names = "--tiebreaker-field",
            paramLabel = "FIELD",
            description = "A field that orders events with equal timestamps (default: none, input order).")
    private String tiebreakerField = DEFAULTS.tiebreakerField();

    @Option(
            names = "--category-field",
            paramLabel = "FIELD",
            description = "The field that '<category> where' tests, unless a rule sets event_category_override "
                    + "(default: ${DEFAULT-VALUE}).")
    private String categoryField = DEFAULTS.categoryField();

    @Option(
            names = "--timestamp-precision",
            paramLabel = "millis|nanos",
            converter = PrecisionConverter.class,
            description = "Precision of event time, as a date or date_nanos field keeps it; maxspan is compared in "
                    + "it (default: millis).")
    private TimestampPrecision precision = DEFAULTS.timestampPrecision();

    @Option(
            names = "--size",
            paramLabel = "N",
            description = "At most N results per rule, as Elasticsearch's size (default: no limit).")
    private Long size;

    @Option(
            names = "--result-position",
            paramLabel = "head|tail",
            converter = PositionConverter.class,
            description = "Which results --size keeps for a query without a head/tail pipe: the first or the last "
                    + "(default: head).")
    private ResultPosition resultPosition = DEFAULTS.resultPosition();

    @Option(
            names = "--max-samples-per-key",
            paramLabel = "N",
            description = "How many samples per join key a sample query returns (default: ${DEFAULT-VALUE}).")
    private int maxSamplesPerKey = DEFAULTS.maxSamplesPerKey();

    /** Reads {@code --timestamp-precision} as the help spells it, in any case. */
    static final class PrecisionConverter extends Choice<TimestampPrecision> {
        PrecisionConverter() {
            super(TimestampPrecision.class);
        }
    }

    /** Reads {@code --result-position} as the help spells it, in any case. */
    static final class PositionConverter extends Choice<ResultPosition> {
        PositionConverter() {
            super(ResultPosition.class);
        }
    }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    /**
     * The options given, on top of the engine's defaults, for the caller to complete.
     *
     * @throws ParameterException if a value is out of range (a usage error)
     */
    EngineOptions.Builder builder() {
        try {
            EngineOptions.Builder b = EngineOptions.builder()
                    .timestampField(timestampField)
                    .tiebreakerField(tiebreakerField)
                    .categoryField(categoryField)
                    .timestampPrecision(precision)
                    .resultPosition(resultPosition);
            if (size != null) {
                if (size < 0) { // the engine reads -1 as "no limit"; here it is a typo
                    throw new IllegalArgumentException("--size must be at least 0, got " + size);
                }
                b.size(size);
            }
            return b.maxSamplesPerKey(maxSamplesPerKey);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
