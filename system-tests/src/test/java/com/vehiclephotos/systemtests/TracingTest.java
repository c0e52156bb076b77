package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.fixtures.images.Images;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One trace from the browser's presign request to vehicle-service: the W3C traceparent the client
 * sends is continued by upload-api, signed into the upload's metadata, continued by the processor,
 * carried in PhotoReady's Kafka headers and continued by vehicle-service. Each service's log lines
 * about the photo carry the trace id and the photo id — media-processor's as JSON fields. Every
 * service exports its spans over OTLP, and the bridge's own trace is linked from the processor's.
 */
@WithDevstack
class TracingTest {

    @Test
    void thePresignRequestsTraceReachesVehicleServiceThroughKafkaHeaders(DevstackEndpoints devstack) throws Exception {
        devstack.requireClamd();
        var services = RunningServices.shared(devstack);
        var client = new Client(services);
        var random = new Random();
        var traceId = HexFormat.of().formatHex(bytes(random, 16));
        var token = client.token("trace-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Peugeot", "208");
        var jpeg = Images.jpeg(Images.marker(640, 480));
        client.presign(
                token, vehicle, "warmup.jpg", "image/jpeg", jpeg.length); // waits until upload-api knows the vehicle

        var body = Client.JSON.writeValueAsString(Map.of(
                "vehicleId",
                vehicle,
                "filename",
                "traced.jpg",
                "contentType",
                "image/jpeg",
                "contentLength",
                jpeg.length));
        var response = client.send(HttpRequest.newBuilder(services.url("upload-api", "/api/v1/uploads"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(bytes(random, 8)) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode presign = Client.JSON.readTree(response.body());
        var photo = presign.get("photoId").asString();
        assertThat(Client.headers(presign).get("x-amz-meta-traceparent"))
                .as("signed into the upload")
                .startsWith("00-" + traceId + "-");
        assertThat(client.put(presign, jpeg)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> client.photos(token, vehicle).stream()
                        .anyMatch(p -> p.get("id").asString().equals(photo)
                                && p.get("status").asString().equals("READY")));

        assertThat(traceparent(devstack, Topics.PHOTO_READY, photo))
                .as("PhotoReady's Kafka header")
                .startsWith("00-" + traceId + "-");
        // the bridge announced the upload in a trace of its own (the S3 notification carries none) ...
        var bridgeTraceId = traceparent(devstack, Topics.PHOTO_UPLOADED, photo).split("-")[1];
        assertThat(bridgeTraceId).isNotEqualTo(traceId);
        // ... and every service exported its spans; the processor's span of the photo, in the presign's
        // trace, links the bridge's
        var traces = services.traces();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(traces.of("upload-api", traceId))
                    .as("upload-api's spans")
                    .isNotEmpty();
            assertThat(traces.of("upload-bridge", bridgeTraceId))
                    .as("upload-bridge's spans")
                    .isNotEmpty();
            assertThat(traces.of("media-processor", traceId))
                    .as("media-processor's span of the photo, linked to the bridge's trace")
                    .anyMatch(export -> export.holdsTrace(bridgeTraceId));
            assertThat(traces.of("vehicle-service", traceId))
                    .as("vehicle-service's spans")
                    .isNotEmpty();
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> services.logLines("vehicle-service").stream()
                        .anyMatch(
                                l -> l.contains(traceId) && l.contains("[" + photo + "]") && l.contains("PhotoReady")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> services.logLines("media-processor").stream()
                        .filter(l -> l.startsWith("{"))
                        .map(Client.JSON::readTree)
                        .anyMatch(j -> photo.equals(j.path("photoId").asString(null))
                                && traceId.equals(j.path("traceId").asString(null))
                                && j.path("message").asString("").contains("is ready")));
    }

    /** The traceparent header of the record on {@code topic} about {@code photo}. */
    private static String traceparent(DevstackEndpoints devstack, String topic, String photo) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                for (var record : consumer.poll(Duration.ofMillis(300))) {
                                    if (new String(record.value(), StandardCharsets.UTF_8).contains(photo)
                                            && record.headers().lastHeader("traceparent") != null) {
                                        return new String(
                                                record.headers()
                                                        .lastHeader("traceparent")
                                                        .value(),
                                                StandardCharsets.UTF_8);
                                    }
                                }
                                return null;
                            },
                            java.util.Objects::nonNull);
        }
    }

    private static byte[] bytes(Random random, int n) {
        var bytes = new byte[n];
        random.nextBytes(bytes);
        bytes[0] |= 1; // never all zero, which W3C calls invalid
        return bytes;
    }
}
