package io.eql4j.flink.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker for a test class, in the test's JVM: one node that is both broker and KRaft controller, built
 * from Kafka's own server artifacts (no Docker, no ZooKeeper), listening on localhost on a free port, with its data
 * in a temporary directory. Register it on a static field so that a test class shares one broker:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBroker KAFKA = new KafkaBroker();
 * }</pre>
 *
 * <p>It starts before the class's first test and stops (and deletes its data) after the last. Single-node settings
 * make transactions work: the transaction log and the offsets topic have one replica.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

    private KafkaClusterTestKit cluster;
    private Path directory;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** Starts the broker and waits until it takes requests. */
    public void start() throws Exception {
        if (cluster != null) {
            throw new IllegalStateException("the broker is already running");
        }
        directory = Files.createTempDirectory("eql4j-kafka");
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(directory)
                .build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setDeleteOnClose(true)
                .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            throw e;
        }
        cluster = kit;
    }

    /** Stops the broker and deletes its data. */
    public void stop() throws Exception {
        if (cluster != null) {
            try {
                cluster.close();
            } finally {
                cluster = null;
                deleteQuietly(directory);
            }
        }
    }

    /** The broker's address, {@code localhost:PORT}. */
    public String bootstrapServers() {
        if (cluster == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return cluster.bootstrapServers();
    }

    /** Creates a topic with {@code partitions} partitions and waits until it exists. */
    public void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    /**
     * Writes {@code values} (UTF-8) to {@code topic}, round-robin over its partitions when {@code key} is null; in
     * one committed transaction when {@code transactional}.
     */
    public void produce(String topic, List<String> values, boolean transactional) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactional) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eql4j-test-" + UUID.randomUUID());
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            if (transactional) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v.getBytes(StandardCharsets.UTF_8)));
            }
            if (transactional) {
                producer.commitTransaction();
            }
            producer.flush();
        }
    }

    /**
     * Reads {@code topic} from the start with {@code isolation.level=read_committed}: until at least {@code expected}
     * records came and then {@code quiet} passed without another (so that duplicates would show), or until
     * {@code limit} passed. Returns the values in the order read.
     */
    public List<String> readCommitted(String topic, int expected, Duration quiet, Duration limit) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "eql4j-test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(Set.of(topic));
            long end = System.nanoTime() + limit.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < end
                    && (out.size() < expected || System.nanoTime() - lastNew < quiet.toNanos())) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new String(r.value(), StandardCharsets.UTF_8));
                    lastNew = System.nanoTime();
                }
            }
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory: the system cleans it up later
        }
    }
}
