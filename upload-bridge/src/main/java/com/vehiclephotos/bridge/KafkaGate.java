package com.vehiclephotos.bridge;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open while Kafka takes writes. A poller whose sends failed closes it; while it is closed no
 * poller receives (so waiting messages are not received, and counted by SQS, for nothing), and one
 * caller at a time asks the broker with growing pauses until it answers.
 */
final class KafkaGate {

    private static final Logger log = LoggerFactory.getLogger(KafkaGate.class);

    private final BooleanSupplier reachable;
    private final Duration maxPause;
    private final BridgeMetrics metrics;
    private final Object lock = new Object();
    private volatile boolean open = true;

    KafkaGate(BooleanSupplier reachable, Duration maxPause, BridgeMetrics metrics) {
        this.reachable = reachable;
        this.maxPause = maxPause;
        this.metrics = metrics;
    }

    boolean isOpen() {
        return open;
    }

    void close() {
        open = false;
        metrics.kafkaAvailable.set(0);
    }

    /** Returns when the gate is open, or when {@code running} turns false (then with the gate as it is). */
    void awaitOpen(BooleanSupplier running) {
        var pause = Duration.ofMillis(500);
        while (running.getAsBoolean() && !open) {
            synchronized (lock) {
                if (reachable.getAsBoolean()) {
                    log.info("Kafka answers again; resuming the bridge");
                    open = true;
                    metrics.kafkaAvailable.set(1);
                    lock.notifyAll();
                    return;
                }
                try {
                    lock.wait(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            pause = pause.multipliedBy(2).compareTo(maxPause) <= 0 ? pause.multipliedBy(2) : maxPause;
        }
    }

    /** Wakes the waiting pollers (at shutdown). */
    void wakeAll() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
