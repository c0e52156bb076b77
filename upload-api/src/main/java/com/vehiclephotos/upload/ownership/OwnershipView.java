package com.vehiclephotos.upload.ownership;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.VehicleOwnershipSerde;
import com.vehiclephotos.kafka.KafkaClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who owns which vehicle, read from the compacted topic vehicle-service writes: every partition
 * from the beginning, no consumer group, kept in memory (about 150 bytes a vehicle). Until it has
 * read up to the end offsets it saw at start it is not {@link #isCaughtUp() caught up}, and presigns
 * wait rather than refuse. While the broker is away it keeps what it has and retries; a reload
 * (after the consumer failed) builds a new view beside the old one and swaps it in once caught up.
 *
 * <p>A record it cannot read is skipped, counted ({@code ownership.records.unreadable}) and copied
 * to {@code <topic>.DLT}; it never stops the view. The view knows how fresh it is: if the broker
 * answers but the view has not caught up with it for {@code upload.ownership.max-staleness}, it
 * {@link #isKeepingUp() is not keeping up} and readiness says so.
 */
@Component
public class OwnershipView implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnershipView.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FRESHNESS_CHECK = Duration.ofSeconds(2);

    private volatile Map<VehicleId, OwnerId> owners = new ConcurrentHashMap<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final OwnershipProperties properties;
    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> deadLetters;
    private final Counter unreadable;
    private final Clock clock;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    /** The view holds everything the topic held at this instant (null until the first load). */
    private volatile Instant freshAsOf;
    /** When the broker last answered an end-offsets question. */
    private volatile Instant brokerAnsweredAt;

    OwnershipView(OwnershipProperties properties, KafkaClients kafka, MeterRegistry meters) {
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.consumers = kafka.consumerFactory(
                Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "upload-api-ownership-view"),
                new ByteArrayDeserializer());
        this.deadLetters = new KafkaTemplate<>(kafka.producerFactory(
                Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "upload-api-ownership-dead-letters",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        5_000),
                new ByteArraySerializer()));
        this.unreadable = Counter.builder("ownership.records.unreadable")
                .description("Records on the ownership topic the view could not read (skipped and dead-lettered)")
                .register(meters);
        meters.gauge("ownership.view.staleness", this, v -> v.staleness().toMillis() / 1000.0);
    }

    /** The owner, waiting up to the miss grace for a vehicle that is not known (yet). */
    public Mono<Optional<OwnerId>> ownerOf(VehicleId vehicle) {
        return Mono.fromSupplier(() -> owners.get(vehicle))
                .repeatWhenEmpty(attempts -> attempts.delayElements(Duration.ofMillis(50))
                        .take(Math.max(1, properties.missGrace().toMillis() / 50)))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    public boolean isCaughtUp() {
        return caughtUp.get();
    }

    /**
     * False when the broker answers and the view has nevertheless not caught up with it for longer
     * than the allowed staleness: the records come faster than this instance reads them, or it is stuck.
     */
    public boolean isKeepingUp() {
        var answered = brokerAnsweredAt;
        var brokerAway = answered == null
                || Duration.between(answered, clock.instant()).compareTo(FRESHNESS_CHECK.multipliedBy(5)) > 0;
        return brokerAway || staleness().compareTo(properties.maxStaleness()) <= 0;
    }

    /** How old the newest state the view is known to hold completely is. */
    public Duration staleness() {
        var fresh = freshAsOf;
        return fresh == null ? Duration.ZERO : Duration.between(fresh, clock.instant());
    }

    public int size() {
        return owners.size();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "ownership-view");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (var kafka = consumers.createConsumer()) {
                consumer = kafka;
                load(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Ownership view lost {}: {}; retrying", properties.topic(), e.toString());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    /** Reads the topic from the beginning into a new view, swaps it in when caught up, then follows the topic. */
    private void load(Consumer<String, byte[]> kafka) {
        var partitions = kafka.partitionsFor(properties.topic(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + properties.topic() + " does not exist (yet)");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        var view = caughtUp.get()
                ? new ConcurrentHashMap<VehicleId, OwnerId>()
                : (ConcurrentHashMap<VehicleId, OwnerId>) owners;
        var loaded = false;
        var target = endOffsets(kafka, partitions);
        var targetAsOf = clock.instant();
        log.info("Loading vehicle ownership from {} ({} partitions)", properties.topic(), partitions.size());
        while (running) {
            for (var record : kafka.poll(POLL)) {
                apply(view, record);
            }
            if (!reached(kafka, target)) {
                continue;
            }
            freshAsOf = targetAsOf;
            if (!loaded) {
                owners = view;
                loaded = true;
                caughtUp.set(true);
                log.info("Vehicle ownership loaded: {} vehicles", view.size());
            }
            if (Duration.between(targetAsOf, clock.instant()).compareTo(FRESHNESS_CHECK) >= 0) {
                targetAsOf = clock.instant();
                target = endOffsets(kafka, partitions);
            }
        }
    }

    private Map<TopicPartition, Long> endOffsets(Consumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        var offsets = kafka.endOffsets(partitions, Duration.ofSeconds(10));
        brokerAnsweredAt = clock.instant();
        return offsets;
    }

    private static boolean reached(Consumer<String, byte[]> kafka, Map<TopicPartition, Long> target) {
        return target.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue());
    }

    private void apply(Map<VehicleId, OwnerId> view, ConsumerRecord<String, byte[]> record) {
        VehicleId vehicle;
        VehicleOwnership ownership;
        try {
            vehicle = VehicleId.of(record.key());
            ownership = new VehicleOwnershipSerde.OwnershipDeserializer().deserialize(record.topic(), record.value());
            if (ownership != null && !ownership.vehicleId().equals(vehicle)) {
                throw new IllegalArgumentException(
                        "the record's key names vehicle " + vehicle + ", its value " + ownership.vehicleId());
            }
        } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
            unreadable(record, e);
            return;
        }
        if (ownership == null) {
            view.remove(vehicle);
        } else {
            view.put(vehicle, ownership.ownerId());
        }
    }

    private void unreadable(ConsumerRecord<String, byte[]> record, RuntimeException why) {
        unreadable.increment();
        log.warn(
                "Skipping unreadable ownership record {}-{}@{} (key {}): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                why.getMessage());
        var copy = new ProducerRecord<>(
                Topics.deadLetterOf(record.topic()), null, record.key(), record.value(), record.headers());
        copy.headers()
                .add(
                        "ownership-view-error",
                        String.valueOf(why.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        copy.headers()
                .add(
                        "ownership-view-offset",
                        (record.partition() + "@" + record.offset()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        deadLetters.send(copy).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.warn(
                        "Could not dead-letter ownership record {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        failure.toString());
            }
        });
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        var current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
                deadLetters.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
