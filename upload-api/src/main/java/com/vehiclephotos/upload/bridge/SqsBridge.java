package com.vehiclephotos.upload.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Long-polls the uploads queue and sends each notification's uploads to Kafka. A message is deleted
 * only after Kafka acknowledged all of its records; until then it stays in SQS (its visibility
 * extended while sends are in flight). When Kafka fails, every poller stops receiving until Kafka
 * answers again, so waiting messages are not redriven to the dead-letter queue for nothing; and a
 * poller whose sends failed — for any reason, reachable broker or not (NOT_ENOUGH_REPLICAS, denied
 * authorization) — holds those messages, hidden and resent with back-off, until Kafka acknowledges
 * them: SQS never counts another receive for them, so a failed send never lets a message die.
 */
final class SqsBridge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SqsBridge.class);
    private static final int MAX_ATTRIBUTE = 250;

    private final SqsAsyncClient sqs;
    private final KafkaTemplate<String, PhotoEvent> kafka;
    private final Supplier<Boolean> kafkaReachable;
    private final NotificationTranslator translator;
    private final BridgeProperties properties;
    private final BridgeMetrics metrics;
    private final Set<CompletableFuture<?>> receives = ConcurrentHashMap.newKeySet();
    private final List<Thread> pollers = new ArrayList<>();
    private final Object kafkaDown = new Object();
    private volatile boolean running;
    private volatile boolean kafkaAvailable = true;
    private ScheduledExecutorService depthProbe;

    SqsBridge(SqsAsyncClient sqs, KafkaTemplate<String, PhotoEvent> kafka, Supplier<Boolean> kafkaReachable,
              NotificationTranslator translator, BridgeProperties properties, BridgeMetrics metrics) {
        this.sqs = sqs;
        this.kafka = kafka;
        this.kafkaReachable = kafkaReachable;
        this.translator = translator;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.pollers(); i++) {
            var thread = new Thread(this::pollLoop, "sqs-bridge-" + i);
            thread.start();
            pollers.add(thread);
        }
        depthProbe = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "sqs-bridge-depth");
            t.setDaemon(true);
            return t;
        });
        depthProbe.scheduleWithFixedDelay(this::probeDepth, 0, 15, TimeUnit.SECONDS);
        log.info("Bridging {} to Kafka {} with {} poller(s)", properties.queueUrl(), Topics.PHOTO_UPLOADED, properties.pollers());
    }

    /** Stop receiving, finish in-flight sends and delete what was sent; the rest stays in the queue. */
    @Override
    public void stop() {
        running = false;
        receives.forEach(f -> f.cancel(true));
        synchronized (kafkaDown) {
            kafkaDown.notifyAll();
        }
        for (var poller : pollers) {
            try {
                poller.join(properties.sendTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pollers.clear();
        if (depthProbe != null) {
            depthProbe.shutdownNow();
        }
        log.info("Bridge stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    boolean isKafkaAvailable() {
        return kafkaAvailable;
    }

    long queueDepth() {
        return metrics.queueDepth.get();
    }

    /** Stops before the Kafka producer and the SQS client are closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void pollLoop() {
        while (running) {
            try {
                awaitKafka();
                if (!running) {
                    return;
                }
                var messages = receive();
                if (!messages.isEmpty()) {
                    handle(messages);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Bridge poll failed: {}", e.toString());
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    private List<Message> receive() {
        var future = sqs.receiveMessage(b -> b.queueUrl(properties.queueUrl())
                .maxNumberOfMessages(properties.maxMessages())
                .waitTimeSeconds((int) properties.waitTime().toSeconds())
                .visibilityTimeout((int) properties.visibilityTimeout().toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        receives.add(future);
        try {
            return future.join().messages();
        } catch (java.util.concurrent.CancellationException e) {
            return List.of(); // shutting down; anything received reappears after its visibility timeout
        } finally {
            receives.remove(future);
        }
    }

    private void handle(List<Message> messages) {
        metrics.received(messages.size());
        var done = new ArrayList<Message>();
        var sending = new LinkedHashMap<Message, Sending>();
        for (var message : messages) {
            var translation = translator.translate(message.body());
            if (translation instanceof Translation.Skip skip) {
                log.debug("Skipping message {}: {}", message.messageId(), skip.why());
                metrics.skipped();
                done.add(message);
            } else if (translation instanceof Translation.Poison poison) {
                if (deadLetter(message, poison.reason())) {
                    done.add(message);
                }
            } else if (translation instanceof Translation.Bridge bridge) {
                sending.put(message, send(bridge));
            }
        }
        var failed = settle(sending, done);
        delete(done);
        if (!failed.isEmpty()) {
            holdUntilSent(failed);
        }
    }

    /**
     * Waits for the sends; the acknowledged messages go to {@code done} (with their problems
     * dead-lettered), the others are returned with what they were to send.
     */
    private Map<Message, Translation.Bridge> settle(Map<Message, Sending> sending, List<Message> done) {
        awaitSends(sending);
        var failed = new LinkedHashMap<Message, Translation.Bridge>();
        sending.forEach((message, send) -> {
            if (send.future().isDone() && !send.future().isCompletedExceptionally()) {
                metrics.bridged(send.bridge().events().size(), System.nanoTime() - send.started());
                if (send.bridge().problems().isEmpty() || deadLetter(message, String.join("; ", send.bridge().problems()))) {
                    done.add(message);
                }
            } else {
                failed.put(message, send.bridge());
            }
        });
        return failed;
    }

    /**
     * Kafka did not acknowledge these messages' records. They are held by this poller — kept
     * hidden in SQS and sent again with growing pauses — until it does, then deleted; other pollers
     * stop receiving meanwhile. Released only when the bridge stops (they reappear after their
     * visibility timeout).
     */
    private void holdUntilSent(Map<Message, Translation.Bridge> failed) {
        log.warn("Kafka did not acknowledge {} message(s); the bridge holds them and sends them again until it does", failed.size());
        kafkaAvailable = false;
        metrics.kafkaAvailable.set(0);
        var held = new LinkedHashMap<>(failed);
        var pauseFor = Duration.ofMillis(500);
        while (running && !held.isEmpty()) {
            held.keySet().forEach(m -> metrics.retried());
            extendVisibility(held.keySet(), properties.visibilityTimeout());
            pause(pauseFor);
            var sending = new LinkedHashMap<Message, Sending>();
            held.forEach((message, bridge) -> sending.put(message, send(bridge)));
            var done = new ArrayList<Message>();
            held = new LinkedHashMap<>(settle(sending, done));
            delete(done);
            pauseFor = min(pauseFor.multipliedBy(2), min(properties.maxBackoff(), properties.visibilityTimeout().dividedBy(3)));
        }
        if (held.isEmpty()) {
            log.info("Kafka acknowledged the held message(s)");
        }
    }

    private record Sending(Translation.Bridge bridge, CompletableFuture<Void> future, long started) {
    }

    private Sending send(Translation.Bridge bridge) {
        var started = System.nanoTime();
        try {
            var sends = bridge.events().stream()
                    .map(e -> kafka.send(Topics.PHOTO_UPLOADED, Topics.keyOf(e), (PhotoEvent) e))
                    .toArray(CompletableFuture[]::new);
            return new Sending(bridge, CompletableFuture.allOf(sends), started);
        } catch (RuntimeException e) { // e.g. metadata not available within max.block.ms
            return new Sending(bridge, CompletableFuture.failedFuture(e), started);
        }
    }

    /** Waits for Kafka's acknowledgements, keeping the messages hidden meanwhile. */
    private void awaitSends(Map<Message, Sending> sending) {
        if (sending.isEmpty()) {
            return;
        }
        var all = CompletableFuture.allOf(sending.values().stream().map(Sending::future).toArray(CompletableFuture[]::new));
        var heartbeat = properties.visibilityTimeout().dividedBy(3);
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                all.get(Math.min(heartbeat.toNanos(), deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                extendVisibility(sending.keySet(), properties.visibilityTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                return; // one of them failed: the caller looks at each
            }
        }
    }

    /** While Kafka is failing, no poller receives; one probe at a time checks with growing pauses. */
    private void awaitKafka() {
        var pauseFor = Duration.ofMillis(500);
        while (running && !kafkaAvailable) {
            synchronized (kafkaDown) {
                if (kafkaReachable.get()) {
                    log.info("Kafka answers again; resuming the bridge");
                    kafkaAvailable = true;
                    metrics.kafkaAvailable.set(1);
                    kafkaDown.notifyAll();
                    return;
                }
                try {
                    kafkaDown.wait(pauseFor.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            pauseFor = min(pauseFor.multipliedBy(2), properties.maxBackoff());
        }
    }

    private boolean deadLetter(Message message, String reason) {
        log.warn("Dead-lettering message {}: {}", message.messageId(), reason);
        try {
            sqs.sendMessage(b -> b.queueUrl(properties.deadLetterQueueUrl()).messageBody(message.body())
                    .messageAttributes(Map.of(
                            "bridge-failure", text(reason),
                            "source-message-id", text(message.messageId())))).join();
            metrics.deadLettered();
            return true;
        } catch (RuntimeException e) {
            // Left in the queue: the redrive policy moves it after maxReceiveCount receives.
            log.error("Could not dead-letter message {}; the queue's redrive policy will", message.messageId(), e);
            return false;
        }
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            var batch = messages.subList(from, Math.min(messages.size(), from + 10));
            var entries = new ArrayList<DeleteMessageBatchRequestEntry>();
            for (int i = 0; i < batch.size(); i++) {
                var message = batch.get(i);
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(message.receiptHandle()).build());
            }
            try {
                var result = sqs.deleteMessageBatch(b -> b.queueUrl(properties.queueUrl()).entries(entries)).join();
                result.failed().forEach(f -> log.warn("Could not delete a bridged message ({}): it will be bridged again", f.message()));
            } catch (RuntimeException e) {
                log.warn("Could not delete {} bridged message(s): they will be bridged again (consumers dedupe)", batch.size(), e);
            }
        }
    }

    private void extendVisibility(Iterable<Message> messages, Duration timeout) {
        var entries = new ArrayList<ChangeMessageVisibilityBatchRequestEntry>();
        int i = 0;
        for (var message : messages) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i++))
                    .receiptHandle(message.receiptHandle()).visibilityTimeout((int) timeout.toSeconds()).build());
        }
        for (int from = 0; from < entries.size(); from += 10) {
            var batch = entries.subList(from, Math.min(entries.size(), from + 10));
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(properties.queueUrl()).entries(batch)).join();
            } catch (RuntimeException e) {
                log.warn("Could not change the visibility of {} message(s): {}", batch.size(), e.toString());
            }
        }
    }

    private void probeDepth() {
        try {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(properties.queueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes();
            metrics.queueDepth.set(Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "-1")));
        } catch (RuntimeException e) {
            log.debug("Queue depth not available: {}", e.toString());
        }
    }

    private static MessageAttributeValue text(String value) {
        var bounded = value.length() > MAX_ATTRIBUTE ? value.substring(0, MAX_ATTRIBUTE) + "…" : value;
        return MessageAttributeValue.builder().dataType("String").stringValue(bounded).build();
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
