package com.vehiclephotos.bridge;

import com.vehiclephotos.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Long-polls the uploads queue and sends each notification's uploads to Kafka. A message is deleted
 * only after Kafka acknowledged all of its records; until then it stays in SQS (hidden while its
 * sends are in flight). When Kafka fails, the {@link KafkaGate} closes and no poller receives until
 * Kafka answers again, so waiting messages are not redriven to the dead-letter queue for nothing;
 * and a poller whose sends failed — for any reason, reachable broker or not (NOT_ENOUGH_REPLICAS,
 * denied authorization) — holds those messages, hidden and resent with back-off, until Kafka
 * acknowledges them: SQS never counts another receive for them, so a failed send never lets a
 * message die.
 */
final class SqsBridge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SqsBridge.class);

    private final UploadQueue queue;
    private final KafkaSends kafka;
    private final KafkaGate gate;
    private final NotificationTranslator translator;
    private final BridgeProperties properties;
    private final BridgeMetrics metrics;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running;
    private ScheduledExecutorService depthProbe;

    SqsBridge(
            UploadQueue queue,
            KafkaSends kafka,
            KafkaGate gate,
            NotificationTranslator translator,
            BridgeProperties properties,
            BridgeMetrics metrics) {
        this.queue = queue;
        this.kafka = kafka;
        this.gate = gate;
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
        depthProbe.scheduleWithFixedDelay(
                () -> queue.depth().ifPresent(metrics.queueDepth::set), 0, 15, TimeUnit.SECONDS);
        log.info(
                "Bridging {} to Kafka {} with {} poller(s)",
                properties.queueUrl(),
                Topics.PHOTO_UPLOADED,
                properties.pollers());
    }

    /** Stop receiving, finish in-flight sends and delete what was sent; the rest stays in the queue. */
    @Override
    public void stop() {
        running = false;
        queue.cancelReceives();
        gate.wakeAll();
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

    /** Stops before the Kafka producer and the SQS client are closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    boolean isKafkaAvailable() {
        return gate.isOpen();
    }

    long queueDepth() {
        return metrics.queueDepth.get();
    }

    private void pollLoop() {
        while (running) {
            try {
                gate.awaitOpen(() -> running);
                if (!running) {
                    return;
                }
                var messages = queue.receive();
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

    private void handle(List<Message> messages) {
        metrics.received(messages.size());
        var done = new ArrayList<Message>();
        var sending = new LinkedHashMap<Message, KafkaSends.Sending>();
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
                sending.put(message, kafka.send(bridge));
            }
        }
        var failed = settle(sending, done);
        queue.delete(done);
        if (!failed.isEmpty()) {
            holdUntilSent(failed);
        }
    }

    /**
     * Waits for the sends; the acknowledged messages go to {@code done} (with their problems
     * dead-lettered), the others are returned with what they were to send.
     */
    private Map<Message, Translation.Bridge> settle(Map<Message, KafkaSends.Sending> sending, List<Message> done) {
        kafka.await(sending);
        var failed = new LinkedHashMap<Message, Translation.Bridge>();
        sending.forEach((message, send) -> {
            if (send.acknowledged()) {
                metrics.bridged(send.bridge().events().size(), System.nanoTime() - send.started());
                if (send.bridge().problems().isEmpty()
                        || deadLetter(message, String.join("; ", send.bridge().problems()))) {
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
        log.warn(
                "Kafka did not acknowledge {} message(s); the bridge holds them and sends them again until it does",
                failed.size());
        gate.close();
        var held = new LinkedHashMap<>(failed);
        var pauseFor = Duration.ofMillis(500);
        var longest =
                min(properties.maxBackoff(), properties.visibilityTimeout().dividedBy(3));
        while (running && !held.isEmpty()) {
            held.keySet().forEach(m -> metrics.retried());
            queue.hide(held.keySet());
            pause(pauseFor);
            var sending = new LinkedHashMap<Message, KafkaSends.Sending>();
            held.forEach((message, bridge) -> sending.put(message, kafka.send(bridge)));
            var done = new ArrayList<Message>();
            held = new LinkedHashMap<>(settle(sending, done));
            queue.delete(done);
            pauseFor = min(pauseFor.multipliedBy(2), longest);
        }
        if (held.isEmpty()) {
            log.info("Kafka acknowledged the held message(s)");
        }
    }

    private boolean deadLetter(Message message, String reason) {
        var sent = queue.deadLetter(message, reason);
        if (sent) {
            metrics.deadLettered();
        }
        return sent;
    }

    private static void pause(Duration duration) {
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
