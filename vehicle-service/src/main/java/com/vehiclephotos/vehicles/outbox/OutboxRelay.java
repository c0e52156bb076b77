package com.vehiclephotos.vehicles.outbox;

import com.vehiclephotos.events.kafka.PhotoEventJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Sends what the outbox holds to Kafka, oldest first, and deletes it once Kafka acknowledged; if
 * Kafka is down the transaction rolls back and the rows wait for the next round (and may be sent
 * again: at least once).
 *
 * <p>One relay at a time across all instances: each round runs under a transaction-scoped advisory
 * lock, and an instance that does not get it skips the round. Several relays sharing rows (SKIP
 * LOCKED) could send a vehicle's deletion before its creation — the compacted ownership topic would
 * then keep a live owner for a deleted vehicle forever. Order matters more than parallel sending
 * here; one relay sends thousands of rows a second.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    /** The advisory lock key of the relay leader (any constant no other code uses). */
    static final long RELAY_LOCK = 0x7665686963_6c6fL;

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;
    private volatile boolean failing;

    OutboxRelay(
            DatabaseClient db,
            TransactionalOperator transaction,
            KafkaTemplate<String, byte[]> outboxKafkaTemplate,
            MeterRegistry meters) {
        this.db = db;
        this.transaction = transaction;
        this.kafka = outboxKafkaTemplate;
        this.meters = meters;
    }

    private record Row(long id, String topic, String key, byte[] value, String headers) {}

    @Scheduled(fixedDelayString = "${vehicles.outbox.poll-interval:200ms}")
    void relay() {
        try {
            int sent;
            do {
                sent = relayBatch().block(Duration.ofSeconds(60));
            } while (sent == BATCH);
            if (failing) {
                log.info("Outbox relay is sending again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Outbox relay cannot send right now ({}); the events wait in the outbox", e.toString());
                failing = true;
            }
        }
    }

    private Mono<Integer> relayBatch() {
        return db.sql("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ") as leader")
                .map(row -> row.get("leader", Boolean.class))
                .one()
                .flatMap(leader -> leader ? sendOldest() : Mono.just(0))
                .as(transaction::transactional);
    }

    private Mono<Integer> sendOldest() {
        return db.sql("select id, topic, message_key, value, headers::text as headers from outbox order by id limit "
                        + BATCH)
                .map((row, meta) -> new Row(
                        row.get("id", Long.class),
                        row.get("topic", String.class),
                        row.get("message_key", String.class),
                        bytes(row.get("value", ByteBuffer.class)),
                        row.get("headers", String.class)))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty()
                        ? Mono.just(0)
                        : send(rows)
                                .then(db.sql("delete from outbox where id = any(:ids)")
                                        .bind("ids", rows.stream().map(Row::id).toArray(Long[]::new))
                                        .then())
                                .thenReturn(rows.size()));
    }

    /** Each row as the record it was stored as: no parsing, no serializing again. */
    private Mono<Void> send(List<Row> rows) {
        var futures = new ArrayList<CompletableFuture<?>>();
        for (var row : rows) {
            var record = new ProducerRecord<>(row.topic(), null, row.key(), row.value(), headers(row.headers()));
            futures.add(kafka.send(record));
        }
        return Mono.fromFuture(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)))
                .timeout(Duration.ofSeconds(30))
                .doOnSuccess(v -> meters.counter("outbox.sent").increment(rows.size()));
    }

    private static RecordHeaders headers(String json) {
        var headers = new RecordHeaders();
        PhotoEventJson.mapper()
                .readValue(json, HEADERS)
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        var bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
