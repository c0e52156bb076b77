package com.vehiclephotos.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bridge_messages_total{outcome}}: received, bridged, skipped, dead_lettered, retried;
 * {@code bridge_events_total}: PhotoUploaded records acknowledged by Kafka;
 * {@code bridge_send_seconds}: from send to Kafka's acknowledgement of a message's records;
 * {@code bridge_queue_depth}: the queue's ApproximateNumberOfMessages;
 * {@code bridge_kafka_available}: 0 while the bridge waits for Kafka.
 */
final class BridgeMetrics {

    private final Counter received;
    private final Counter bridged;
    private final Counter skipped;
    private final Counter deadLettered;
    private final Counter retried;
    private final Counter events;
    private final Timer send;
    final AtomicLong queueDepth = new AtomicLong(-1);
    final AtomicLong kafkaAvailable = new AtomicLong(1);

    BridgeMetrics(MeterRegistry registry) {
        received = counter(registry, "received");
        bridged = counter(registry, "bridged");
        skipped = counter(registry, "skipped");
        deadLettered = counter(registry, "dead_lettered");
        retried = counter(registry, "retried");
        events = Counter.builder("bridge.events")
                .description("PhotoUploaded records acknowledged by Kafka")
                .register(registry);
        send = Timer.builder("bridge.send")
                .description("Kafka acknowledgement of one message's records")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("bridge.queue.depth", queueDepth, AtomicLong::get)
                .description("ApproximateNumberOfMessages")
                .register(registry);
        Gauge.builder("bridge.kafka.available", kafkaAvailable, AtomicLong::get).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("bridge.messages").tag("outcome", outcome).register(registry);
    }

    void received(int count) {
        received.increment(count);
    }

    void bridged(int eventCount, long nanos) {
        bridged.increment();
        events.increment(eventCount);
        send.record(nanos, TimeUnit.NANOSECONDS);
    }

    void skipped() {
        skipped.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void retried() {
        retried.increment();
    }
}
