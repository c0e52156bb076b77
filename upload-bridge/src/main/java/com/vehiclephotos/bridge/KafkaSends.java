package com.vehiclephotos.bridge;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.kafka.KafkaTrace;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import software.amazon.awssdk.services.sqs.model.Message;

/** Sends a message's PhotoUploaded events and waits for Kafka's acknowledgement, keeping the message hidden meanwhile. */
final class KafkaSends {

    /** One message's sends in flight. */
    record Sending(Translation.Bridge bridge, CompletableFuture<Void> future, long started) {

        boolean acknowledged() {
            return future.isDone() && !future.isCompletedExceptionally();
        }
    }

    private final KafkaTemplate<String, PhotoEvent> kafka;
    private final UploadQueue queue;
    private final BridgeProperties properties;
    private final KafkaTrace trace;

    KafkaSends(
            KafkaTemplate<String, PhotoEvent> kafka, UploadQueue queue, BridgeProperties properties, KafkaTrace trace) {
        this.kafka = kafka;
        this.queue = queue;
        this.properties = properties;
        this.trace = trace;
    }

    Sending send(Translation.Bridge bridge) {
        var started = System.nanoTime();
        try {
            var sends = bridge.events().stream().map(this::send).toArray(CompletableFuture[]::new);
            return new Sending(bridge, CompletableFuture.allOf(sends), started);
        } catch (RuntimeException e) { // e.g. metadata not available within max.block.ms
            return new Sending(bridge, CompletableFuture.failedFuture(e), started);
        }
    }

    /** One event, in a trace of its own (an S3 notification carries none) that its traceparent header names. */
    private CompletableFuture<?> send(PhotoEvent event) {
        try (var span = trace.startTrace("bridge upload")) {
            var record = new ProducerRecord<>(Topics.PHOTO_UPLOADED, Topics.keyOf(event), event);
            trace.inject(record.headers());
            return kafka.send(record);
        }
    }

    /**
     * Waits up to the send timeout for all of them, hiding the messages again every third of their
     * visibility timeout (and running {@code alsoHide} then, for messages waiting elsewhere).
     * Returns early when one failed; the caller looks at each.
     */
    void await(Map<Message, Sending> sending, Runnable alsoHide) {
        if (sending.isEmpty()) {
            return;
        }
        var all = CompletableFuture.allOf(
                sending.values().stream().map(Sending::future).toArray(CompletableFuture[]::new));
        var heartbeat = properties.visibilityTimeout().dividedBy(3);
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                all.get(Math.min(heartbeat.toNanos(), deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                queue.hide(sending.keySet());
                alsoHide.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                return;
            }
        }
    }
}
