package io.eql4j.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The job's Kafka source (NDJSON events, one per record value) and exactly-once Kafka sink (one match per record,
 * as {@code eql4j run}'s JSON object, keyed by rule id), built with Flink's Kafka connector.
 */
final class KafkaGlue {

    /**
     * The most a transaction of the sink may stay open: the broker's default maximum (15 minutes); Flink's default
     * of one hour is refused by a broker with default settings.
     */
    static final String TRANSACTION_TIMEOUT_MS = "900000";

    private KafkaGlue() {}

    /**
     * Reads the values of {@code topic}'s records, from the group's committed offsets or else the earliest, only
     * what is committed when the producers write in transactions.
     *
     * @param bounded stop at the offsets that are the latest when the job starts
     */
    static KafkaSource<SourceLine> source(String bootstrapServers, String topic, String groupId, boolean bounded) {
        KafkaSourceBuilder<SourceLine> builder = KafkaSource.<SourceLine>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new LineDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Writes each match to {@code topic} in Kafka transactions committed with Flink's checkpoints: a reader with
     * {@code isolation.level=read_committed} sees each match exactly once, also across failures and restarts.
     */
    static KafkaSink<MatchRecord> exactlyOnceSink(String bootstrapServers, String topic, String transactionalIdPrefix) {
        return KafkaSink.<MatchRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(KafkaRecordSerializationSchema.<MatchRecord>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(new RuleIdBytes())
                        .setValueSerializationSchema(new MatchJsonBytes())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .build();
    }

    /**
     * Reads a topic of rule packs from its earliest offset (not from a group's committed offsets): a job that starts
     * without a checkpoint applies every pack in the topic in order and so runs the newest; a job restored from a
     * checkpoint goes on from the checkpoint's offsets, with the pack that ran then.
     *
     * @param bounded stop at the offsets that are the latest when the job starts
     */
    static KafkaSource<SourceLine> rulesSource(String bootstrapServers, String topic, String groupId, boolean bounded) {
        KafkaSourceBuilder<SourceLine> builder = KafkaSource.<SourceLine>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new LineDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Writes each rule update's acknowledgement ({@link RuleUpdateReport#toJson()}, keyed by the update's version) to
     * {@code topic}, at least once: an acknowledgement may be written again after a restart, never lost.
     */
    static KafkaSink<RuleUpdateReport> reportSink(String bootstrapServers, String topic) {
        return KafkaSink.<RuleUpdateReport>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(KafkaRecordSerializationSchema.<RuleUpdateReport>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(new ReportKeyBytes())
                        .setValueSerializationSchema(new ReportJsonBytes())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** An acknowledgement's record key: the update's version, UTF-8. */
    static final class ReportKeyBytes implements SerializationSchema<RuleUpdateReport> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(RuleUpdateReport report) {
            return report.version().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** An acknowledgement's record value: {@link RuleUpdateReport#toJson()}, UTF-8. */
    static final class ReportJsonBytes implements SerializationSchema<RuleUpdateReport> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(RuleUpdateReport report) {
            return report.toJson().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A match's record key: its rule id, UTF-8 (a named class: the connector reads its type parameter). */
    static final class RuleIdBytes implements SerializationSchema<MatchRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(MatchRecord match) {
            return match.ruleId().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A match's record value: {@link MatchRecord#toJson()}, UTF-8. */
    static final class MatchJsonBytes implements SerializationSchema<MatchRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(MatchRecord match) {
            return match.toJson().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A record's value as a {@link SourceLine} named by topic, partition and offset. */
    static final class LineDeserializer implements KafkaRecordDeserializationSchema<SourceLine> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceLine> out) {
            byte[] value = record.value();
            out.collect(SourceLine.wrap(
                    record.topic(), record.partition(), record.offset(), value == null ? new byte[0] : value));
        }

        @Override
        public TypeInformation<SourceLine> getProducedType() {
            return FlinkTypes.SOURCE_LINE;
        }
    }
}
