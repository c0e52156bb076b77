package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The real broker: topics with their DLT twins, transactions, and data kept across a restart. */
class KafkaBrokerTest {

    private static String bootstrap() {
        return RunningDevstack.endpoint("kafka.bootstrap-servers");
    }

    @Test
    void createsEveryTopicWithItsDeadLetterTwin() throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            var names = admin.listTopics().names().get();

            assertThat(names)
                    .contains(
                            "photo.uploaded.v1",
                            "photo.uploaded.v1.DLT",
                            "photo.ready.v1",
                            "photo.ready.v1.DLT",
                            "photo.rejected.v1",
                            "photo.rejected.v1.DLT",
                            "photo.deleted.v1",
                            "photo.deleted.v1.DLT",
                            "vehicle.owners.v1");
            var config = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "vehicle.owners.v1")))
                    .all()
                    .get();
            assertThat(config.values().iterator().next().get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    @Test
    void transactionalProduceIsReadCommittedByAConsumer() {
        var key = UUID.randomUUID().toString();
        try (var producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "devstack-test-" + key))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("photo.ready.v1", key, "{\"hello\":\"kafka\"}"));
            producer.commitTransaction();
        }

        assertThat(consumeValuesFor("photo.ready.v1", key)).containsExactly("{\"hello\":\"kafka\"}");
    }

    @Test
    void keepsRecordsAcrossABrokerRestartAndAcceptsWritesAfterIt() throws Exception {
        var key = UUID.randomUUID().toString();
        try (var producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("photo.deleted.v1", key, "before"))
                    .get();
        }

        var kafka = RunningDevstack.get().kafka();
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        try (var producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("photo.deleted.v1", key, "after"))
                    .get();
        }
        assertThat(consumeValuesFor("photo.deleted.v1", key)).containsExactly("before", "after");
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        var config = new java.util.HashMap<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true));
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeValuesFor(String topic, String key) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "devstack-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var values = new ArrayList<String>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        values.add(record.value());
                    }
                }
                return !values.isEmpty()
                        && consumer.assignment().stream()
                                .allMatch(tp -> consumer.position(tp)
                                        >= consumer.endOffsets(List.of(tp)).get(tp));
            });
            return values;
        }
    }
}
