package com.vehiclephotos.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.EventMother;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** record → Kafka record with CloudEvents headers → record, through the real broker. */
@WithDevstack
class PhotoEventKafkaRoundTripTest {

    @Test
    void everyEventCrossesTheBrokerUnchangedWithItsHeadersAndKey(DevstackEndpoints devstack) {
        var sent = new ArrayList<PhotoEvent>(EventMother.all());
        sent.set(0, EventMother.uploadedOfNewPhoto()); // unique key, so this run's upload is told apart
        // configured by class name, as a spring-kafka application would, so configure() runs
        try (var producer = new KafkaProducer<String, PhotoEvent>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                devstack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                PhotoEventSerializer.class,
                PhotoEventSerializer.SOURCE_CONFIG,
                "/vehicle-photos/test"))) {
            for (var event : sent) {
                producer.send(new ProducerRecord<>(Topics.topicOf(event), Topics.keyOf(event), event));
            }
            producer.flush();
        }

        var received = consume(devstack, sent.size(), sent);

        for (var event : sent) {
            var record = received.stream()
                    .filter(r -> r.value().equals(event))
                    .findFirst()
                    .orElseThrow();
            assertThat(record.topic()).isEqualTo(Topics.topicOf(event));
            assertThat(record.key()).isEqualTo(Topics.keyOf(event));
            assertThat(CloudEventHeaders.read(record.headers(), "ce_id")).isEqualTo(CloudEventHeaders.idOf(event));
            assertThat(CloudEventHeaders.read(record.headers(), "ce_source")).isEqualTo("/vehicle-photos/test");
            assertThat(CloudEventHeaders.read(record.headers(), "ce_type")).isEqualTo(Topics.eventTypeOf(event));
        }
    }

    private static List<ConsumerRecord<String, PhotoEvent>> consume(
            DevstackEndpoints devstack, int count, List<PhotoEvent> wanted) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        devstack.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "round-trip-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new PhotoEventDeserializer())) {
            consumer.subscribe(Topics.all());
            var received = new ArrayList<ConsumerRecord<String, PhotoEvent>>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (wanted.contains(r.value())) {
                        received.add(r);
                    }
                });
                return received.stream().map(ConsumerRecord::value).distinct().count() >= count;
            });
            return received;
        }
    }
}
