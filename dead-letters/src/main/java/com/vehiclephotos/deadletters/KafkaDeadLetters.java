package com.vehiclephotos.deadletters;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A dead-letter topic as spring-kafka's DeadLetterPublishingRecoverer writes it: the failed record's
 * key, value and headers, plus {@code kafka_dlt-*} headers naming the original topic, partition,
 * offset and the exception. Replay sends key, value and original headers back to the original topic;
 * what was replayed is remembered as the offsets of the consumer group {@code dead-letters-replay},
 * so a second replay sends only what arrived since. Consumers are idempotent, so replaying twice
 * would be harmless too.
 */
final class KafkaDeadLetters implements AutoCloseable {

    static final String GROUP = "dead-letters-replay";
    private static final String DLT_PREFIX = "kafka_dlt-";
    private static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    private final String bootstrapServers;
    private final PrintStream out;
    private final KafkaConsumer<byte[], byte[]> consumer;

    KafkaDeadLetters(String bootstrapServers, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.out = out;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        GROUP,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void list(String topic) {
        var partitions = partitions(topic);
        var replayed = consumer.committed(new java.util.HashSet<>(partitions));
        int[] count = {0};
        read(partitions, true, record -> {
            count[0]++;
            var done = replayed.get(new TopicPartition(topic, record.partition()));
            out.printf(
                    "%d/%d  %s  key=%s  from %s/%s@%s  %s: %s%s%n",
                    record.partition(),
                    record.offset(),
                    Instant.ofEpochMilli(record.timestamp()),
                    text(record.key()),
                    header(record, ORIGINAL_TOPIC),
                    header(record, "kafka_dlt-original-partition"),
                    header(record, "kafka_dlt-original-offset"),
                    header(record, "kafka_dlt-exception-fqcn"),
                    oneLine(header(record, "kafka_dlt-exception-message")),
                    done != null && record.offset() < done.offset() ? "  [replayed]" : "");
        });
        out.printf("%d record(s) in %s%n", count[0], topic);
    }

    void show(String topic, int partition, long offset) {
        var record = at(topic, partition, offset);
        out.printf(
                "%s %d/%d at %s%nkey: %s%nheaders:%n",
                topic, partition, offset, Instant.ofEpochMilli(record.timestamp()), text(record.key()));
        for (Header h : record.headers()) {
            out.printf("  %s: %s%n", h.key(), text(h.value()));
        }
        out.printf("value (%d bytes):%n%s%n", record.value() == null ? 0 : record.value().length, text(record.value()));
    }

    void replayOne(String topic, int partition, long offset, boolean dryRun) {
        var record = at(topic, partition, offset);
        try (var producer = producer()) {
            replay(producer, record, dryRun);
        }
        out.printf("%s 1 record%n", dryRun ? "would replay" : "replayed");
    }

    /** Everything not replayed before, up to the end as it is now; then remembers how far it got. */
    void replayAll(String topic, boolean dryRun) {
        var partitions = partitions(topic);
        int[] count = {0};
        try (var producer = producer()) {
            read(partitions, false, record -> {
                replay(producer, record, dryRun);
                count[0]++;
            });
            producer.flush();
            if (!dryRun) {
                var positions = new java.util.HashMap<TopicPartition, OffsetAndMetadata>();
                partitions.forEach(p -> positions.put(p, new OffsetAndMetadata(consumer.position(p))));
                consumer.commitSync(positions);
            }
        }
        out.printf("%s %d record(s) from %s%n", dryRun ? "would replay" : "replayed", count[0], topic);
    }

    private void replay(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record, boolean dryRun) {
        var target = header(record, ORIGINAL_TOPIC);
        if (target.isEmpty()) {
            target = record.topic().substring(0, record.topic().length() - ".DLT".length());
        }
        var headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith(DLT_PREFIX)) {
                headers.add(h);
            }
        }
        out.printf(
                "%s %d/%d -> %s  key=%s%n",
                dryRun ? "would replay" : "replaying", record.partition(), record.offset(), target, text(record.key()));
        if (!dryRun) {
            try {
                producer.send(new ProducerRecord<>(target, null, record.key(), record.value(), headers))
                        .get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "Kafka refused the replay of " + record.partition() + "/" + record.offset(), e.getCause());
            }
        }
    }

    private List<TopicPartition> partitions(String topic) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("no topic " + topic);
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Reads up to the end offsets of now: from the beginning, or from where the last replay stopped. */
    private void read(
            List<TopicPartition> partitions, boolean fromBeginning, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        consumer.assign(partitions);
        var end = consumer.endOffsets(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            var committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (var p : partitions) {
                var at = committed.get(p);
                if (at == null) {
                    consumer.seekToBeginning(List.of(p));
                } else {
                    consumer.seek(p, at.offset());
                }
            }
        }
        var remaining = new ArrayList<>(partitions.stream()
                .filter(p -> consumer.position(p) < end.get(p))
                .toList());
        while (!remaining.isEmpty()) {
            for (var record : consumer.poll(Duration.ofMillis(500))) {
                var p = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(p)) {
                    action.accept(record);
                }
            }
            remaining.removeIf(p -> consumer.position(p) >= end.get(p));
        }
    }

    private ConsumerRecord<byte[], byte[]> at(String topic, int partition, long offset) {
        var p = new TopicPartition(topic, partition);
        consumer.assign(List.of(p));
        consumer.seek(p, offset);
        var end = consumer.endOffsets(List.of(p)).get(p);
        if (offset >= end) {
            throw new IllegalArgumentException(
                    topic + " partition " + partition + " has no offset " + offset + " (end " + end + ")");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (var record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() == offset) {
                    return record;
                }
            }
        }
        throw new IllegalArgumentException(
                "no record at " + topic + " " + partition + "/" + offset + " (removed by retention?)");
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        if (header == null) {
            return "";
        }
        if (name.endsWith("-partition") && header.value().length == 4) {
            return String.valueOf(ByteBuffer.wrap(header.value()).getInt());
        }
        if (name.endsWith("-offset") && header.value().length == 8) {
            return String.valueOf(ByteBuffer.wrap(header.value()).getLong());
        }
        return text(header.value());
    }

    /** UTF-8 text when the bytes are text, hex otherwise. */
    static String text(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
    }

    private static String oneLine(String text) {
        var line = text.replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
