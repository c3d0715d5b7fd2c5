package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

    private static final String[] KAFKA = {
        "--rules",
        "r",
        "--source",
        "kafka",
        "--bootstrap-servers",
        "localhost:9092",
        "--topic",
        "events",
        "--sink-topic",
        "matches"
    };

    @Test
    void readsAFileJob() {
        JobArguments a = JobArguments.parse(
                "--rules",
                "a",
                "--rules=b",
                "--source",
                "file",
                "--events",
                "e.ndjson",
                "--output",
                "out.ndjson",
                "--parallelism",
                "4",
                "--allowed-lateness",
                "30s");
        assertThat(a.rules).extracting(Object::toString).containsExactly("a", "b");
        assertThat(a.source).isEqualTo(JobArguments.Source.FILE);
        assertThat(a.parallelism).isEqualTo(4);
        assertThat(a.lateness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.checkpoints()).isNull();
    }

    @Test
    void readsAKafkaJobWithItsDefaults() {
        JobArguments a = JobArguments.parse(KAFKA);
        assertThat(a.lateness()).isEqualTo(Duration.ZERO);
        assertThat(a.checkpoints()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.transactionalIdPrefix()).isEqualTo("eql4j-flink-matches");
        assertThat(a.groupId).isEqualTo("eql4j-flink");
        assertThat(a.bounded).isFalse();
        assertThat(a.idleTimeout()).isEqualTo(EqlFlink.DEFAULT_IDLE_TIMEOUT);
    }

    @Test
    void readsTheIdleTimeout() {
        assertThat(parseKafkaWith("--idle-timeout", "2m").idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(parseKafkaWith("--idle-timeout=unbounded").idleTimeout()).isEqualTo(EqlFlink.UNBOUNDED);
        assertThatThrownBy(() -> parseKafkaWith("--idle-timeout", "0"))
                .hasMessage("--idle-timeout must be more than 0 (unbounded: never idle)");
        assertThatThrownBy(() -> parseKafkaWith("--idle-timeout", "soon"))
                .hasMessageStartingWith("--idle-timeout: 'soon' is not a duration");
    }

    @Test
    void readsARuleUpdateTopicAndWhereItsAcknowledgementsGo() {
        JobArguments a = parseKafkaWith("--rules-topic", "packs", "--update-topic", "acks");
        assertThat(a.rulesTopic).isEqualTo("packs");
        assertThat(a.updateTopic).isEqualTo("acks");
        assertThat(parseKafkaWith("--rules-topic", "packs").updateTopic).isNull();
        assertThat(parseKafkaWith().rulesTopic).isNull();
        assertThatThrownBy(() -> parseKafkaWith("--update-topic", "acks"))
                .hasMessageStartingWith("--update-topic goes only with --rules-topic");
        assertThatThrownBy(() -> parseKafkaWith("--rules-topic", "events"))
                .hasMessageStartingWith("--rules-topic must be a topic of its own");
        assertThatThrownBy(() -> JobArguments.parse(
                        "--rules", "r", "--source", "file", "--events", "e", "--output", "o", "--rules-topic", "p"))
                .hasMessage("--rules-topic goes only with --source kafka");
        assertThat(JobArguments.USAGE).contains("--rules-topic NAME").contains("--update-topic NAME");
    }

    @Test
    void aFileJobIsUnboundedInLatenessByDefault() {
        JobArguments a = JobArguments.parse("--rules", "r", "--source", "file", "--events", "e", "--output", "o");
        assertThat(a.lateness()).isEqualTo(EqlFlink.UNBOUNDED);
    }

    @Test
    void refusesWhatDoesNotGoTogetherOrIsMissing() {
        assertThatThrownBy(() -> JobArguments.parse("--source", "file"))
                .hasMessage("--rules PATH is required: the rule files or directories to run");
        assertThatThrownBy(() -> JobArguments.parse("--rules", "r")).hasMessage("--source is required: file or kafka");
        assertThatThrownBy(() -> JobArguments.parse("--rules", "r", "--source", "hdfs"))
                .hasMessage("--source must be file or kafka, not 'hdfs'");
        assertThatThrownBy(() ->
                        JobArguments.parse("--rules", "r", "--source", "kafka", "--topic", "t", "--sink-topic", "m"))
                .hasMessage("--bootstrap-servers HOST:PORT is required with --source kafka");
        assertThatThrownBy(() -> JobArguments.parse(
                        "--rules", "r", "--source", "file", "--events", "e", "--output", "o", "--topic", "t"))
                .hasMessage("--topic goes only with --source kafka");
        assertThatThrownBy(() -> JobArguments.parse(
                        "--rules",
                        "r",
                        "--source",
                        "file",
                        "--events",
                        "e",
                        "--output",
                        "o",
                        "--checkpoint-interval",
                        "5s"))
                .hasMessageStartingWith("--checkpoint-interval goes only with");
        assertThatThrownBy(() -> parseKafkaWith("--events", "e")).hasMessage("--events goes only with --source file");
    }

    @Test
    void refusesMalformedValuesNamingTheOption() {
        assertThatThrownBy(() -> parseKafkaWith("--parallelism", "0"))
                .hasMessage("--parallelism must be a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> parseKafkaWith("--allowed-lateness", "5 minutes"))
                .hasMessageStartingWith("--allowed-lateness: '5 minutes' is not a duration");
        assertThatThrownBy(() -> parseKafkaWith("--checkpoint-interval", "unbounded"))
                .hasMessageStartingWith("--checkpoint-interval: 'unbounded' is not a duration");
        assertThatThrownBy(() -> parseKafkaWith("--checkpoint-interval", "0"))
                .hasMessageStartingWith("--checkpoint-interval must be more than 0");
        assertThatThrownBy(() -> parseKafkaWith("--topic", "again")).hasMessage("--topic is given twice");
        assertThatThrownBy(() -> parseKafkaWith("--frobnicate")).hasMessage("unknown option --frobnicate");
        assertThatThrownBy(() -> parseKafkaWith("stray")).hasMessageStartingWith("unexpected argument 'stray'");
        assertThatThrownBy(() -> JobArguments.parse("--rules")).hasMessage("--rules needs a value");
        assertThatThrownBy(() -> JobArguments.parse("--rules", "--source")).hasMessage("--rules needs a value");
    }

    @Test
    void readsTheCompileTimeSettings() {
        assertThat(parseKafkaWith().compileOptions().timestampField()).isEqualTo("@timestamp");
        io.eql4j.runtime.EngineOptions o = parseKafkaWith(
                        "--timestamp-field",
                        "ts",
                        "--tiebreaker-field",
                        "seq",
                        "--category-field",
                        "kind",
                        "--timestamp-precision",
                        "nanos")
                .compileOptions();
        assertThat(o.timestampField()).isEqualTo("ts");
        assertThat(o.tiebreakerField()).isEqualTo("seq");
        assertThat(o.categoryField()).isEqualTo("kind");
        assertThat(o.timestampPrecision()).isEqualTo(io.eql4j.compile.TimestampPrecision.NANOS);
        assertThatThrownBy(() -> parseKafkaWith("--timestamp-precision", "micros"))
                .hasMessage("--timestamp-precision must be millis or nanos, not 'micros'");
    }

    @Test
    void readsDurations() {
        assertThat(JobArguments.duration("500ms", "x", false)).isEqualTo(Duration.ofMillis(500));
        assertThat(JobArguments.duration("2h", "x", false)).isEqualTo(Duration.ofHours(2));
        assertThat(JobArguments.duration("1d", "x", false)).isEqualTo(Duration.ofDays(1));
        assertThat(JobArguments.duration("0", "x", false)).isEqualTo(Duration.ZERO);
        assertThat(JobArguments.duration("Unbounded", "x", true)).isEqualTo(EqlFlink.UNBOUNDED);
    }

    private static JobArguments parseKafkaWith(String... more) {
        String[] all = java.util.Arrays.copyOf(KAFKA, KAFKA.length + more.length);
        System.arraycopy(more, 0, all, KAFKA.length, more.length);
        return JobArguments.parse(all);
    }
}
