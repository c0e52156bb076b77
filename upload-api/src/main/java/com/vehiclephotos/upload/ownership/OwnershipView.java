package com.vehiclephotos.upload.ownership;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.VehicleOwnershipSerde;

import reactor.core.publisher.Mono;

/**
 * Who owns which vehicle, read from the compacted topic vehicle-service writes: every partition
 * from the beginning, no consumer group, kept in memory (about 150 bytes a vehicle). Until it has
 * read up to the end offsets it saw at start it is not {@link #isCaughtUp() caught up}, and presigns
 * wait rather than refuse. While the broker is away it keeps what it has and retries.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "upload.api.enabled", havingValue = "true", matchIfMissing = true)
public class OwnershipView implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnershipView.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<VehicleId, OwnerId> owners = new ConcurrentHashMap<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final OwnershipProperties properties;
    private final Map<String, Object> consumerConfig;
    private volatile KafkaConsumer<String, VehicleOwnership> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    OwnershipView(OwnershipProperties properties, KafkaProperties kafka) {
        this.properties = properties;
        var config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "upload-api-ownership-view");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, VehicleOwnershipSerde.OwnershipDeserializer.class);
        this.consumerConfig = config;
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
            try (var kafka = new KafkaConsumer<String, VehicleOwnership>(consumerConfig)) {
                consumer = kafka;
                var partitions = kafka.partitionsFor(properties.topic(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("topic " + properties.topic() + " does not exist (yet)");
                }
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                var target = kafka.endOffsets(partitions);
                owners.clear();
                log.info("Loading vehicle ownership from {} ({} partitions)", properties.topic(), partitions.size());
                while (running) {
                    for (var record : kafka.poll(POLL)) {
                        apply(record.key(), record.value());
                    }
                    if (!caughtUp.get() && target.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                        caughtUp.set(true);
                        log.info("Vehicle ownership loaded: {} vehicles", owners.size());
                    }
                }
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

    private void apply(String key, VehicleOwnership ownership) {
        if (key == null) {
            return;
        }
        VehicleId vehicle;
        try {
            vehicle = VehicleId.of(key);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring ownership record with a key that is not a vehicle id: {}", key);
            return;
        }
        if (ownership == null) {
            owners.remove(vehicle);
        } else {
            owners.put(vehicle, ownership.ownerId());
        }
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
