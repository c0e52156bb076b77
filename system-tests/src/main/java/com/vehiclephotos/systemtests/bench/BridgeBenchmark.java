package com.vehiclephotos.systemtests.bench;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.kafka.PhotoEventDeserializer;
import com.vehiclephotos.events.storage.UploadKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Notifications bridged per second, SQS to Kafka, from a full queue. Against ./run-local's devstack
 * it makes a queue of its own, fills it with S3-format ObjectCreated messages, then starts an
 * upload-bridge of its own on that queue (the jar run-local runs, the same JVM flags) and times
 * until Kafka has every PhotoUploaded: once per setting in {@code --in-flight}, side by side.
 * {@code ./mvnw -q -pl system-tests exec:java -Dexec.mainClass=com.vehiclephotos.systemtests.bench.BridgeBenchmark
 * -Dexec.args="--messages=20000 --in-flight=1,4"}. The bridge starts cold with each setting; the
 * second half of the messages shows it warm. {@code --jfr=dir} records each bridge with Flight
 * Recorder's profiling settings into {@code dir/bridge-in-flight-N.jfr}.
 */
public final class BridgeBenchmark {

    private static final Path JAR = Path.of("upload-bridge/target/upload-bridge-0.1.0-SNAPSHOT.jar");

    private BridgeBenchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        int messages = Integer.parseInt(options.get("messages", "20000"));
        var settings = List.of(options.get("in-flight", "1,4").split(","));
        int pollers = Integer.parseInt(options.get("pollers", "2"));
        var endpoints = Endpoints.load(options.get("endpoints", "devstack-data/endpoints.properties"));
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: ./mvnw -DskipTests package (or ./run-local) builds it");
        }
        System.out.println("| in flight per poller | pollers | messages | bridged/s (all) | bridged/s (second half) |"
                + " first in Kafka after |");
        System.out.println("|---|---|---|---|---|---|");
        var jfr = options.get("jfr", "");
        for (var inFlight : settings) {
            var result = run(endpoints, messages, pollers, Integer.parseInt(inFlight.trim()), jfr);
            System.out.println(result);
        }
        System.exit(0);
    }

    private static String run(Endpoints endpoints, int messages, int pollers, int inFlight, String jfr)
            throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        try (var sqs = SqsClient.builder()
                        .endpointOverride(URI.create(endpoints.get("sqs.endpoint")))
                        .region(Region.of(endpoints.get("s3.region")))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                endpoints.get("s3.access-key"), endpoints.get("s3.secret-key"))))
                        .build();
                var consumer = new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                endpoints.get("kafka.bootstrap-servers"),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "bridge-bench-" + run,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "latest"),
                        new StringDeserializer(),
                        new PhotoEventDeserializer())) {
            var queue = sqs.createQueue(b -> b.queueName("bridge-bench-" + run)).queueUrl();
            consumer.subscribe(List.of(Topics.PHOTO_UPLOADED));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            var expected = fill(sqs, queue, messages, run);
            var bridge = start(endpoints, queue, pollers, inFlight, run, jfr);
            try {
                long started = System.nanoTime();
                var seen = new HashSet<String>();
                long first = 0;
                long half = 0;
                long last = 0;
                long deadline = started + Duration.ofMinutes(5).toNanos();
                while (seen.size() < messages && System.nanoTime() < deadline && bridge.isAlive()) {
                    for (var record : consumer.poll(Duration.ofMillis(50))) {
                        if (record.value() instanceof PhotoUploaded uploaded
                                && expected.contains(uploaded.key())
                                && seen.add(uploaded.key())) {
                            last = System.nanoTime();
                            first = first == 0 ? last : first;
                            half = seen.size() == messages / 2 ? last : half;
                        }
                    }
                }
                if (seen.size() < messages) {
                    return "| %d | %d | %d | only %d reached Kafka (bridge %s) | | |"
                            .formatted(
                                    inFlight, pollers, messages, seen.size(), bridge.isAlive() ? "running" : "exited");
                }
                return "| %d | %d | %d | %.0f | %.0f | %.1f s |"
                        .formatted(
                                inFlight,
                                pollers,
                                messages,
                                (messages - 1) / ((last - first) / 1e9),
                                (messages - messages / 2) / ((last - half) / 1e9),
                                (first - started) / 1e9);
            } finally {
                bridge.destroy();
                bridge.waitFor();
                sqs.deleteQueue(b -> b.queueUrl(queue));
            }
        }
    }

    private static Set<String> fill(SqsClient sqs, String queue, int messages, String run) {
        var expected = new HashSet<String>();
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
            sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(batch));
        }
        return expected;
    }

    /** The bridge run-local runs, on the benchmark's queue, with run-local's JVM flags. */
    private static Process start(Endpoints endpoints, String queue, int pollers, int inFlight, String run, String jfr)
            throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var log = Files.createTempFile("bridge-bench-" + run, ".log");
        var command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m"));
        if (!jfr.isEmpty()) {
            Files.createDirectories(Path.of(jfr));
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + Path.of(jfr, "bridge-in-flight-" + inFlight + ".jfr").toAbsolutePath());
        }
        command.addAll(List.of(
                "-jar",
                JAR.toString(),
                "--spring.profiles.active=local",
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + endpoints.get("kafka.bootstrap-servers"),
                "--upload.bridge.sqs-endpoint=" + endpoints.get("sqs.endpoint"),
                "--upload.bridge.queue-url=" + queue,
                "--upload.bridge.dead-letter-queue-url=" + endpoints.get("sqs.queue.uploads-dlq.url"),
                "--upload.bridge.pollers=" + pollers,
                "--upload.bridge.in-flight=" + inFlight));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
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
