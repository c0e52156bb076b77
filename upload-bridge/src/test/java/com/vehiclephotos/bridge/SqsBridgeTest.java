package com.vehiclephotos.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackControl;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.storage.UploadKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The bridge deployment against devstack: real presigned PUTs to S3, real notifications on SQS,
 * real Kafka — stopped and restarted under it.
 */
@WithDevstack
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "upload.bridge.send-timeout=6s",
            "upload.bridge.visibility-timeout=10s",
            "upload.bridge.max-backoff=2s"
        })
@ActiveProfiles("devstack")
class SqsBridgeTest {

    private static UploadedEvents uploaded;
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    SqsBridge bridge;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @BeforeAll
    static void listen(DevstackEndpoints devstack) {
        uploaded = new UploadedEvents(devstack.kafkaBootstrapServers());
    }

    @AfterAll
    static void stopListening() throws InterruptedException {
        uploaded.close();
    }

    @Test
    void itsOnePortServesReadinessWithTheBridgeAndMetrics(DevstackEndpoints devstack) throws Exception {
        var readiness = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"bridge\"").contains("\"queueDepth\"");

        var keys = upload(devstack, 1, "metrics.jpg"); // the producer exists once it has sent
        await().atMost(Duration.ofSeconds(30)).until(() -> uploaded.distinctPhotos(keys) == 1);
        // the bridge's own metrics, and the Kafka client's through Boot's factory customizers
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(prometheus())
                        .contains("bridge_messages_total")
                        .contains("bridge_kafka_available")
                        .contains("kafka_producer_record_send_total")
                        .contains("client_id=\"upload-bridge"));
    }

    private String prometheus() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void everyPresignedUploadBecomesAPhotoUploadedAndItsMessageIsDeleted(DevstackEndpoints devstack) throws Exception {
        var keys = upload(devstack, 30, "burst.jpg");

        await().atMost(Duration.ofSeconds(60)).until(() -> uploaded.distinctPhotos(keys) == keys.size());
        var event = uploaded.forKeys(keys).get(0);
        assertThat(event.bucket()).isEqualTo("uploads");
        assertThat(event.size()).isEqualTo(3);
        assertThat(keys).contains(event.key());
        await().atMost(Duration.ofSeconds(30)).until(() -> queueIsEmpty(devstack));
    }

    @Test
    void keysWithSpacesPlusAndNonAsciiSurvive(DevstackEndpoints devstack) throws Exception {
        var keys = upload(devstack, 1, "mein Auto+Anhänger 東京 100%.jpg");

        await().atMost(Duration.ofSeconds(30)).until(() -> uploaded.distinctPhotos(keys) == 1);
        assertThat(uploaded.forKeys(keys).get(0).key()).endsWith("/mein Auto+Anhänger 東京 100%.jpg");
    }

    @Test
    void theTestEventIsAcknowledgedAndSkipped(DevstackEndpoints devstack) {
        var skippedBefore = counter("skipped");
        try (var sqs = sqs(devstack)) {
            sqs.sendMessage(
                    b -> b.queueUrl(devstack.uploadsQueueUrl())
                            .messageBody(
                                    "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-28T10:00:00.000Z\",\"Bucket\":\"uploads\"}"));
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> counter("skipped") > skippedBefore && queueIsEmpty(devstack));
        assertThat(dlqBodies(devstack)).noneMatch(b -> b.contains("s3:TestEvent"));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterQueueWithTheReasonAndTheRestFlows(DevstackEndpoints devstack) throws Exception {
        var marker = UUID.randomUUID().toString();
        try (var sqs = sqs(devstack)) {
            sqs.sendMessage(b -> b.queueUrl(devstack.uploadsQueueUrl()).messageBody("this is not json " + marker));
            sqs.sendMessage(b -> b.queueUrl(devstack.uploadsQueueUrl())
                    .messageBody(NotificationTranslatorTest.message(
                            "ObjectCreated:Put", "uploads", "uploads/not/our/layout-" + marker)));
        }
        var keys = upload(devstack, 3, "after-poison.jpg");

        await().atMost(Duration.ofSeconds(30)).until(() -> uploaded.distinctPhotos(keys) == 3);
        var deadLetters = new ArrayList<software.amazon.awssdk.services.sqs.model.Message>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            deadLetters.addAll(dlq(devstack));
            return deadLetters.stream().filter(m -> m.body().contains(marker)).count() == 2;
        });
        assertThat(deadLetters.stream().filter(m -> m.body().contains(marker)))
                .allSatisfy(m -> assertThat(
                                m.messageAttributes().get("bridge-failure").stringValue())
                        .isNotBlank());
    }

    @Test
    void aKafkaOutageDuringABurstLosesNothingAndSendsNothingToTheDeadLetterQueue(DevstackEndpoints devstack)
            throws Exception {
        control(devstack, "/kafka/stop");
        List<String> keys;
        try {
            keys = upload(devstack, 20, "during-outage.jpg");
            // the bridge meets the dead broker, puts the messages back and waits for Kafka
            await().atMost(Duration.ofSeconds(60)).until(() -> counter("retried") > 0);
        } finally {
            control(devstack, "/kafka/start");
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> uploaded.distinctPhotos(keys) == keys.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> queueIsEmpty(devstack));
        assertThat(dlqBodies(devstack))
                .noneMatch(body -> keys.stream()
                        .anyMatch(k -> body.contains(k.substring(k.lastIndexOf('/') - 36, k.lastIndexOf('/')))));
    }

    /**
     * A broker that answers but refuses every write to the topic (its max.message.bytes below any
     * record: MESSAGE_TOO_LARGE, not a connectivity error). The bridge must hold the messages rather
     * than let SQS count receives until it redrives them: 30 s is more than five receive cycles at
     * this test's timings.
     */
    @Test
    void aBrokerThatRefusesWritesMakesTheBridgeHoldItsMessagesAndNoneIsDeadLettered(DevstackEndpoints devstack)
            throws Exception {
        List<String> keys;
        try (var admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
            var topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PHOTO_UPLOADED);
            admin.incrementalAlterConfigs(Map.of(
                            topic,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("max.message.bytes", "64"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
            try {
                double retriedBefore = counter("retried");
                keys = upload(devstack, 5, "refused-writes.jpg");
                await().during(Duration.ofSeconds(30))
                        .atMost(Duration.ofSeconds(35))
                        .until(() -> uploaded.distinctPhotos(keys) == 0);
                assertThat(counter("retried") - retriedBefore)
                        .as("sent again while held")
                        .isGreaterThanOrEqualTo(5);
                assertThat(dlqBodies(devstack))
                        .noneMatch(body -> keys.stream().anyMatch(k -> body.contains(photoIdOf(k))));
            } finally {
                admin.incrementalAlterConfigs(Map.of(
                                topic,
                                List.of(new AlterConfigOp(
                                        new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE))))
                        .all()
                        .get();
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> uploaded.distinctPhotos(keys) == keys.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> queueIsEmpty(devstack));
        assertThat(dlqBodies(devstack)).noneMatch(body -> keys.stream().anyMatch(k -> body.contains(photoIdOf(k))));
    }

    private static String photoIdOf(String key) {
        return key.substring(key.lastIndexOf('/') - 36, key.lastIndexOf('/'));
    }

    @Test
    void aShutdownMidBurstLosesNothingAfterTheRestart(DevstackEndpoints devstack) throws Exception {
        var keys = new ArrayList<>(upload(devstack, 10, "before-stop.jpg"));
        bridge.stop();
        try {
            keys.addAll(upload(devstack, 15, "while-stopped.jpg"));
        } finally {
            bridge.start();
        }
        keys.addAll(upload(devstack, 5, "after-restart.jpg"));

        await().atMost(Duration.ofSeconds(60)).until(() -> uploaded.distinctPhotos(keys) == keys.size());
    }

    private List<String> upload(DevstackEndpoints devstack, int count, String name) throws Exception {
        var keys = new ArrayList<String>();
        try (var presigner = S3Presigner.builder()
                .endpointOverride(devstack.s3Endpoint())
                .region(Region.of(devstack.region()))
                .credentialsProvider(credentials(devstack))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            for (int i = 0; i < count; i++) {
                var key = new UploadKey(
                                new OwnerId("bridge-owner"), new VehicleId(UUID.randomUUID()), PhotoId.random(), name)
                        .key();
                var put = PutObjectRequest.builder()
                        .bucket("uploads")
                        .key(key)
                        .contentType("image/jpeg")
                        .contentLength(3L)
                        .build();
                var presigned = presigner.presignPutObject(
                        b -> b.putObjectRequest(put).signatureDuration(Duration.ofMinutes(5)));
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(presigned.url().toString()))
                                .header("Content-Type", "image/jpeg")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                keys.add(key);
            }
        }
        return keys;
    }

    private boolean queueIsEmpty(DevstackEndpoints devstack) {
        try (var sqs = sqs(devstack)) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(devstack.uploadsQueueUrl())
                            .attributeNamesWithStrings(
                                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                    .attributesAsStrings();
            return "0".equals(attributes.get("ApproximateNumberOfMessages"))
                    && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
        }
    }

    private List<software.amazon.awssdk.services.sqs.model.Message> dlq(DevstackEndpoints devstack) {
        try (var sqs = sqs(devstack)) {
            return sqs.receiveMessage(b -> b.queueUrl(devstack.get("sqs.queue.uploads-dlq.url"))
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .visibilityTimeout(0)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
        }
    }

    private List<String> dlqBodies(DevstackEndpoints devstack) {
        return dlq(devstack).stream()
                .map(software.amazon.awssdk.services.sqs.model.Message::body)
                .toList();
    }

    private double counter(String outcome) {
        var counter = meters.find("bridge.messages").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void control(DevstackEndpoints devstack, String path) {
        new DevstackControl(devstack).post(path);
    }

    private static SqsClient sqs(DevstackEndpoints devstack) {
        return SqsClient.builder()
                .endpointOverride(devstack.sqsEndpoint())
                .region(Region.of(devstack.region()))
                .credentialsProvider(credentials(devstack))
                .build();
    }

    private static StaticCredentialsProvider credentials(DevstackEndpoints devstack) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(devstack.accessKey(), devstack.secretKey()));
    }
}
