package com.vehiclephotos.systemtests.bench;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.kafka.PhotoEventDeserializer;
import com.vehiclephotos.events.storage.UploadKey;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Notifications bridged per second, SQS to Kafka, against ./run-local's bridge. It fills the queue
 * with S3-format ObjectCreated messages as fast as SQS takes them, and times until Kafka has them all:
 * {@code ./mvnw -q -pl system-tests -am exec:java -Dexec.mainClass=com.vehiclephotos.systemtests.bench.BridgeBenchmark
 * -Dexec.args="--messages=5000"}.
 */
public final class BridgeBenchmark {

    private BridgeBenchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        int messages = Integer.parseInt(options.get("messages", "5000"));
        var endpoints = Endpoints.load(options.get("endpoints", "devstack-data/endpoints.properties"));
        var run = UUID.randomUUID().toString().substring(0, 8);
        var expected = new HashSet<String>();

        try (var consumer = new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                endpoints.get("kafka.bootstrap-servers"),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "bridge-bench-" + run,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "latest"),
                        new StringDeserializer(),
                        new PhotoEventDeserializer());
                var sqs = SqsClient.builder()
                        .endpointOverride(URI.create(endpoints.get("sqs.endpoint")))
                        .region(Region.of(endpoints.get("s3.region")))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                endpoints.get("s3.access-key"), endpoints.get("s3.secret-key"))))
                        .build()) {
            consumer.subscribe(List.of(Topics.PHOTO_UPLOADED));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            long start = System.nanoTime();
            for (int i = 0; i < messages; i += 10) {
                var batch = new ArrayList<SendMessageBatchRequestEntry>();
                for (int j = i; j < Math.min(messages, i + 10); j++) {
                    var key = new UploadKey(
                                    new OwnerId("bench-" + run),
                                    new VehicleId(UUID.randomUUID()),
                                    PhotoId.random(),
                                    "photo " + j + ".jpg")
                            .key();
                    expected.add(key);
                    batch.add(SendMessageBatchRequestEntry.builder()
                            .id(Integer.toString(j - i))
                            .messageBody(notification(key, j))
                            .build());
                }
                sqs.sendMessageBatch(
                        b -> b.queueUrl(endpoints.get("sqs.queue.uploads.url")).entries(batch));
            }
            double sent = (System.nanoTime() - start) / 1e9;
            var seen = new HashSet<String>();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen.size() < messages && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof PhotoUploaded uploaded && expected.contains(uploaded.key())) {
                        seen.add(uploaded.key());
                    }
                }
            }
            double total = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "bridge: %d notifications queued in %.1f s (%.0f/s into SQS); all %d in Kafka after %.1f s: %.0f notifications/s bridged%n",
                    messages, sent, messages / sent, seen.size(), total, seen.size() / total);
        }
        System.exit(0);
    }

    private static String notification(String key, int i) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"%s",
                "eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"uploads","arn":"arn:aws:s3:::uploads"},
                "object":{"key":"%s","size":2483117,"eTag":"e%d","sequencer":"%018X"}}}]}
                """.formatted(
                Instant.now(), URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"), i, i);
    }
}
