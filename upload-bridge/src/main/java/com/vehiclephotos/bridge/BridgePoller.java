package com.vehiclephotos.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One poller is two threads: the receiver long-polls and starts each batch's Kafka sends; the
 * settler waits for their acknowledgements, in order, and deletes what Kafka has. Up to {@code
 * in-flight} batches are received and not yet settled, so the next receive overlaps the last one's
 * acknowledgements and delete. A batch waiting its turn is kept hidden like the one being settled.
 */
final class BridgePoller {

    private static final Logger log = LoggerFactory.getLogger(BridgePoller.class);

    private final UploadQueue queue;
    private final KafkaSends kafka;
    private final KafkaGate gate;
    private final Batches batches;
    private final BridgeProperties properties;
    private final BridgeMetrics metrics;
    private final BooleanSupplier running;
    private final Semaphore inFlight;
    private final BlockingQueue<Batches.Received> received = new LinkedBlockingQueue<>();
    private final Thread receiver;
    private final Thread settler;

    BridgePoller(
            String name,
            UploadQueue queue,
            KafkaSends kafka,
            KafkaGate gate,
            Batches batches,
            BridgeProperties properties,
            BridgeMetrics metrics,
            BooleanSupplier running) {
        this.queue = queue;
        this.kafka = kafka;
        this.gate = gate;
        this.batches = batches;
        this.properties = properties;
        this.metrics = metrics;
        this.running = running;
        this.inFlight = new Semaphore(properties.inFlight());
        this.receiver = new Thread(this::receiveLoop, name);
        this.settler = new Thread(this::settleLoop, name + "-settle");
    }

    void start() {
        settler.start();
        receiver.start();
    }

    /** After {@code running} turned false: lets the receiver stop, then the settler finish what was handed over. */
    void join(long patienceMillis) {
        join(receiver, patienceMillis);
        join(settler, patienceMillis * properties.inFlight());
    }

    private void receiveLoop() {
        while (running.getAsBoolean()) {
            try {
                gate.awaitOpen(running);
                if (!running.getAsBoolean() || !inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                var messages = List.<Message>of();
                try {
                    messages = running.getAsBoolean() && gate.isOpen() ? queue.receive() : List.of();
                } finally {
                    if (messages.isEmpty()) {
                        inFlight.release();
                    }
                }
                if (!messages.isEmpty()) {
                    received.add(batches.dispatch(messages));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running.getAsBoolean()) {
                    log.warn("Bridge poll failed: {}", e.toString());
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** Until the receiver has stopped and every batch it handed over is settled. */
    private void settleLoop() {
        while (running.getAsBoolean() || receiver.isAlive() || !received.isEmpty()) {
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

    private void settle(Batches.Received batch) {
        var done = new ArrayList<>(batch.done());
        kafka.await(batch.sending(), this::hideWaiting);
        var failed = batches.acknowledged(batch.sending(), done);
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
        while (running.getAsBoolean() && !held.isEmpty()) {
            held.keySet().forEach(m -> metrics.retried());
            queue.hide(held.keySet());
            hideWaiting();
            pause(pauseFor);
            var sending = new LinkedHashMap<Message, KafkaSends.Sending>();
            held.forEach((message, bridge) -> sending.put(message, kafka.send(bridge)));
            kafka.await(sending, this::hideWaiting);
            var done = new ArrayList<Message>();
            held = new LinkedHashMap<>(batches.acknowledged(sending, done));
            queue.delete(done);
            pauseFor = min(pauseFor.multipliedBy(2), longest);
        }
        if (held.isEmpty()) {
            log.info("Kafka acknowledged the held message(s)");
        }
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
