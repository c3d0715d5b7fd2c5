package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.flink.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The in-process broker works as a broker: plain and transactional writes, committed reads. */
@Timeout(120)
class KafkaBrokerTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @Test
    void listensOnLocalhost() {
        assertThat(KAFKA.bootstrapServers()).matches("localhost:\\d+");
    }

    @Test
    void whatIsProducedIsConsumed() throws Exception {
        KAFKA.createTopic("plain", 2);
        List<String> values = numbered("plain", 100);
        KAFKA.produce("plain", values, false);
        assertThat(KAFKA.readCommitted("plain", values.size(), Duration.ofMillis(500), Duration.ofSeconds(30)))
                .containsExactlyInAnyOrderElementsOf(values);
    }

    /** A read_committed consumer sees a committed transaction's records and never an aborted one's. */
    @Test
    void readCommittedSeesCommittedTransactionsOnly() throws Exception {
        KAFKA.createTopic("tx", 2);
        List<String> committed = numbered("committed", 50);
        KAFKA.produce("tx", committed, true);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String v : numbered("aborted", 50)) {
                producer.send(new ProducerRecord<>("tx", v.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            producer.abortTransaction();
        }
        List<String> more = numbered("after", 10);
        KAFKA.produce("tx", more, true);

        List<String> expected = new ArrayList<>(committed);
        expected.addAll(more);
        assertThat(KAFKA.readCommitted("tx", expected.size(), Duration.ofMillis(500), Duration.ofSeconds(30)))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + "-" + i);
        }
        return out;
    }
}
