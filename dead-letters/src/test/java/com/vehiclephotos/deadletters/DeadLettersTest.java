package com.vehiclephotos.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The command against devstack's real Kafka and SQS, with dead letters shaped as the services write them. */
@WithDevstack
class DeadLettersTest {

    private static final String TOPIC = "photo.ready.v1";
    private static final String DLT = TOPIC + ".DLT";

    @Test
    void listsShowsAndReplaysKafkaDeadLettersToTheirOriginalTopicOnce(DevstackEndpoints devstack) throws Exception {
        var first = "first-" + UUID.randomUUID();
        var second = "second-" + UUID.randomUUID();
        var endBefore = endOffsets(devstack, TOPIC);
        deadLetter(devstack, first, "{\"photoId\":\"" + first + "\"}");
        deadLetter(devstack, second, "{\"photoId\":\"" + second + "\"}");

        var list = run(devstack, "kafka", "list", DLT);
        assertThat(list.out())
                .contains(
                        "key=" + first,
                        "key=" + second,
                        "from photo.ready.v1/2@41",
                        "org.springframework.kafka.listener.ListenerExecutionFailedException: photo row locked");
        var coordinates = list.out()
                .lines()
                .filter(l -> l.contains("key=" + first))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[0]
                .split("/");

        var show = run(devstack, "kafka", "show", DLT, coordinates[0], coordinates[1]);
        assertThat(show.out())
                .contains(
                        "ce_type: com.vehiclephotos.photo.ready",
                        "{\"photoId\":\"" + first + "\"}",
                        "kafka_dlt-exception-message: photo row locked");

        assertThat(run(devstack, "kafka", "replay", DLT, "--dry-run").out())
                .contains("would replay")
                .doesNotContain("replayed ");
        var replay = run(devstack, "kafka", "replay", DLT);
        assertThat(replay.out()).contains("replayed ");
        var replayed = readFrom(devstack, TOPIC, endBefore);
        assertThat(replayed)
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .contains(first, second);
        for (var record : replayed) {
            assertThat(record.headers().lastHeader("kafka_dlt-original-topic")).isNull();
            assertThat(record.headers().lastHeader("ce_type")).isNotNull();
        }

        assertThat(run(devstack, "kafka", "replay", DLT).out()).contains("replayed 0 record(s)");
        assertThat(run(devstack, "kafka", "list", DLT).out().lines().filter(l -> l.contains("key=" + first)))
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith("[replayed]"));
    }

    @Test
    void listsAndReplaysTheUploadsDeadLetterQueueBackToItsQueue(DevstackEndpoints devstack) {
        var body = "{\"Records\":[{\"s3\":{\"object\":{\"key\":\"uploads/" + UUID.randomUUID() + "\"}}}]}";
        try (var sqs = sqs(devstack)) {
            var dlq = devstack.get("sqs.queue.uploads-dlq.url");
            sqs.sendMessage(b -> b.queueUrl(dlq)
                    .messageBody(body)
                    .messageAttributes(Map.of(
                            "bridge-failure",
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("Kafka was down for 30 minutes")
                                    .build())));

            assertThat(run(devstack, "sqs", "list").out())
                    .contains("bridge-failure: Kafka was down for 30 minutes", body, "1 message(s)");
            var replay = await().atMost(Duration.ofSeconds(45))
                    .until(() -> run(devstack, "sqs", "replay"), r -> r.out().contains("replayed 1 message(s)"));
            assertThat(replay.status()).isZero();

            var moved = sqs.receiveMessage(b -> b.queueUrl(devstack.uploadsQueueUrl())
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(2)
                            .messageAttributeNames("All"))
                    .messages();
            assertThat(moved).anySatisfy(m -> {
                assertThat(m.body()).isEqualTo(body);
                assertThat(m.messageAttributes()).doesNotContainKey("bridge-failure");
            });
            assertThat(sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1))
                            .messages())
                    .isEmpty();
        }
    }

    @Test
    void answersBadUsageWithTheUsage(DevstackEndpoints devstack) {
        var noTopic = run(devstack, "kafka", "list");
        assertThat(noTopic.status()).isEqualTo(2);
        assertThat(noTopic.err()).contains("which dead-letter topic", "usage:");
        assertThat(run(devstack, "kafka", "replay", "photo.ready.v1").err()).contains("is not a dead-letter topic");
        assertThat(run(devstack, "kafka", "show", DLT, "0", "999999").err()).contains("has no offset 999999");
        assertThat(run(devstack, "nonsense").status()).isEqualTo(2);
    }

    record Result(int status, String out, String err) {}

    private static Result run(DevstackEndpoints devstack, String... words) {
        var args = new ArrayList<>(List.of(words));
        args.add("--bootstrap-servers=" + devstack.kafkaBootstrapServers());
        args.add("--sqs-endpoint=" + devstack.sqsEndpoint());
        args.add("--queue-url=" + devstack.uploadsQueueUrl());
        args.add("--dlq-url=" + devstack.get("sqs.queue.uploads-dlq.url"));
        args.add("--access-key=" + devstack.accessKey());
        args.add("--secret-key=" + devstack.secretKey());
        args.add("--region=" + devstack.region());
        args.add("--endpoints=/nonexistent");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = DeadLetters.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What spring-kafka's DeadLetterPublishingRecoverer writes: the record, its headers, and kafka_dlt-* headers. */
    private static void deadLetter(DevstackEndpoints devstack, String key, String value) throws Exception {
        var headers = new RecordHeaders();
        headers.add("ce_type", "com.vehiclephotos.photo.ready".getBytes(StandardCharsets.UTF_8));
        headers.add("kafka_dlt-original-topic", TOPIC.getBytes(StandardCharsets.UTF_8));
        headers.add(
                "kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(2).array());
        headers.add(
                "kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(41).array());
        headers.add(
                "kafka_dlt-exception-fqcn",
                "org.springframework.kafka.listener.ListenerExecutionFailedException".getBytes(StandardCharsets.UTF_8));
        headers.add("kafka_dlt-exception-message", "photo row locked".getBytes(StandardCharsets.UTF_8));
        try (var producer = new KafkaProducer<byte[], byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            DLT,
                            null,
                            key.getBytes(StandardCharsets.UTF_8),
                            value.getBytes(StandardCharsets.UTF_8),
                            headers))
                    .get();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(DevstackEndpoints devstack, String topic) {
        try (var consumer = consumer(devstack)) {
            return consumer.endOffsets(consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList());
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readFrom(
            DevstackEndpoints devstack, String topic, Map<TopicPartition, Long> from) {
        try (var consumer = consumer(devstack)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
                return records.size() >= 2;
            });
            return records;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(DevstackEndpoints devstack) {
        return new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static SqsClient sqs(DevstackEndpoints devstack) {
        return SqsClient.builder()
                .endpointOverride(devstack.sqsEndpoint())
                .region(Region.of(devstack.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(devstack.accessKey(), devstack.secretKey())))
                .build();
    }
}
