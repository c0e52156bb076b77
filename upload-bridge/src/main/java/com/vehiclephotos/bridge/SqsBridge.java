package com.vehiclephotos.bridge;

import com.vehiclephotos.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
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
    private final List<Poller> pollers = new ArrayList<>();
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
            var poller = new Poller("sqs-bridge-" + i);
            poller.start();
            pollers.add(poller);
        }
        depthProbe = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "sqs-bridge-depth");
            t.setDaemon(true);
            return t;
        });
        depthProbe.scheduleWithFixedDelay(
                () -> queue.depth().ifPresent(metrics.queueDepth::set), 0, 15, TimeUnit.SECONDS);
        log.info(
                "Bridging {} to Kafka {} with {} poller(s), up to {} receive(s) in flight each",
                properties.queueUrl(),
                Topics.PHOTO_UPLOADED,
                properties.pollers(),
                properties.inFlight());
    }

    /** Stop receiving, finish in-flight sends and delete what was sent; the rest stays in the queue. */
    @Override
    public void stop() {
        running = false;
        queue.cancelReceives();
        gate.wakeAll();
        var patience = properties.sendTimeout().plusSeconds(5).toMillis();
        pollers.forEach(p -> p.join(p.receiver, patience));
        pollers.forEach(p -> p.join(p.settler, patience * properties.inFlight()));
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

    /** A received batch: its messages already finished with, and those whose sends are in flight. */
    private record Received(List<Message> done, Map<Message, KafkaSends.Sending> sending) {}

    /**
     * One poller is two threads: the receiver long-polls and starts each batch's Kafka sends; the
     * settler waits for their acknowledgements, in order, and deletes what Kafka has. Up to
     * {@code in-flight} batches are received and not yet settled, so the next receive overlaps the
     * last one's acknowledgements and delete. A batch waiting its turn is kept hidden like the one
     * being settled.
     */
    private final class Poller {

        private final Semaphore inFlight = new Semaphore(properties.inFlight());
        private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        private final Thread receiver;
        private final Thread settler;

        Poller(String name) {
            receiver = new Thread(this::receiveLoop, name);
            settler = new Thread(this::settleLoop, name + "-settle");
        }

        void start() {
            settler.start();
            receiver.start();
        }

        private void receiveLoop() {
            while (running) {
                try {
                    gate.awaitOpen(() -> running);
                    if (!running || !inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    var messages = List.<Message>of();
                    try {
                        messages = running && gate.isOpen() ? queue.receive() : List.of();
                    } finally {
                        if (messages.isEmpty()) {
                            inFlight.release();
                        }
                    }
                    if (!messages.isEmpty()) {
                        received.add(dispatch(messages));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (running) {
                        log.warn("Bridge poll failed: {}", e.toString());
                        pause(Duration.ofSeconds(1));
                    }
                }
            }
        }

        /** Until the receiver has stopped and every batch it handed over is settled. */
        private void settleLoop() {
            while (running || receiver.isAlive() || !received.isEmpty()) {
                try {
                    var batch = received.poll(200, TimeUnit.MILLISECONDS);
                    if (batch != null) {
                        try {
                            settle(batch);
                        } finally {
                            inFlight.release();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.warn("Bridge settle failed: {}", e.toString());
                }
            }
        }

        private void settle(Received batch) {
            var done = new ArrayList<>(batch.done());
            kafka.await(batch.sending(), this::hideWaiting);
            var failed = acknowledged(batch.sending(), done);
            queue.delete(done);
            if (!failed.isEmpty()) {
                holdUntilSent(failed);
            }
        }

        /** The batches behind the one being settled stay hidden as long as it does. */
        private void hideWaiting() {
            received.forEach(b -> queue.hide(b.sending().keySet()));
        }

        /**
         * Kafka did not acknowledge these messages' records. They are held by this poller — kept
         * hidden in SQS and sent again with growing pauses — until it does, then deleted; no poller
         * receives meanwhile. Released only when the bridge stops (they reappear after their
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
                hideWaiting();
                pause(pauseFor);
                var sending = new LinkedHashMap<Message, KafkaSends.Sending>();
                held.forEach((message, bridge) -> sending.put(message, kafka.send(bridge)));
                kafka.await(sending, this::hideWaiting);
                var done = new ArrayList<Message>();
                held = new LinkedHashMap<>(acknowledged(sending, done));
                queue.delete(done);
                pauseFor = min(pauseFor.multipliedBy(2), longest);
            }
            if (held.isEmpty()) {
                log.info("Kafka acknowledged the held message(s)");
            }
        }

        void join(Thread thread, long millis) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Translates the batch and starts the Kafka sends of what is to be bridged; skips and poison are done with. */
    private Received dispatch(List<Message> messages) {
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
        return new Received(done, sending);
    }

    /**
     * After the wait: the acknowledged messages go to {@code done} (with their problems
     * dead-lettered), the others are returned with what they were to send.
     */
    private Map<Message, Translation.Bridge> acknowledged(
            Map<Message, KafkaSends.Sending> sending, List<Message> done) {
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
