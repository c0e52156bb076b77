package com.vehiclephotos.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What a received batch becomes: each message translated, its Kafka sends started, skips and poison
 * done with at once; after Kafka answered, which messages are done (problems dead-lettered) and
 * which are still to be sent.
 */
final class Batches {

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    /** A received batch: its messages already finished with, and those whose sends are in flight. */
    record Received(List<Message> done, Map<Message, KafkaSends.Sending> sending) {}

    private final UploadQueue queue;
    private final KafkaSends kafka;
    private final NotificationTranslator translator;
    private final BridgeMetrics metrics;

    Batches(UploadQueue queue, KafkaSends kafka, NotificationTranslator translator, BridgeMetrics metrics) {
        this.queue = queue;
        this.kafka = kafka;
        this.translator = translator;
        this.metrics = metrics;
    }

    /** Translates the batch and starts the Kafka sends of what is to be bridged; skips and poison are done with. */
    Received dispatch(List<Message> messages) {
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
    Map<Message, Translation.Bridge> acknowledged(Map<Message, KafkaSends.Sending> sending, List<Message> done) {
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
}
