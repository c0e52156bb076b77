package com.vehiclephotos.upload.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.upload.Vehicles;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A record on the ownership topic that cannot be read — from a bug, a manual produce, a newer
 * writer — is skipped, counted and dead-lettered; the view keeps serving everyone else and never
 * starts over.
 */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class UnreadableOwnershipRecordTest {

    @Autowired
    WebTestClient web;

    @Autowired
    OwnershipView ownership;

    @Autowired
    MeterRegistry meters;

    @LocalManagementPort
    int managementPort;

    @Test
    void garbageOnTheOwnershipTopicIsSkippedAndPresignsForOtherVehiclesKeepWorking(DevstackEndpoints devstack)
            throws Exception {
        var owner = "carol-" + UUID.randomUUID();
        var before = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
        var unreadableBefore = meters.counter("ownership.records.unreadable").count();
        var garbageKey = UUID.randomUUID().toString();

        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.VEHICLE_OWNERS, garbageKey, "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(
                            Topics.VEHICLE_OWNERS,
                            "not-a-vehicle-id",
                            ("{\"vehicleId\":\"" + UUID.randomUUID() + "\",\"ownerId\":\"x\"}")
                                    .getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(
                            Topics.VEHICLE_OWNERS,
                            UUID.randomUUID().toString(),
                            ("{\"vehicleId\":\"" + UUID.randomUUID() + "\",\"ownerId\":\"mallory\"}")
                                    .getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        var after = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);

        assertThat(meters.counter("ownership.records.unreadable").count()).isEqualTo(unreadableBefore + 3);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ownership.isCaughtUp()
                        && ownership.ownerOf(new VehicleId(before)).block().isPresent());
        presign(owner, before);
        presign(owner, after);
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(ownership.isKeepingUp()).isTrue();
        assertThat(ownership.staleness())
                .as("the view follows the topic within a few seconds")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(deadLetters(devstack)).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(garbageKey);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(r.headers().lastHeader("ownership-view-error")).isNotNull();
        });
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(DevstackEndpoints devstack) {
        var found = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        devstack.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlt-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetterOf(Topics.VEHICLE_OWNERS)));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return found.size() >= 3;
            });
        }
        return found;
    }

    private void presign(String owner, UUID vehicle) {
        web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "vehicleId",
                        vehicle,
                        "filename",
                        "car.jpg",
                        "contentType",
                        "image/jpeg",
                        "contentLength",
                        1000))
                .exchange()
                .expectStatus()
                .isCreated();
    }
}
