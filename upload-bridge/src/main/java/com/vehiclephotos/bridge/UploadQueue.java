package com.vehiclephotos.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The uploads queue and its dead-letter queue, in the words the bridge needs: receive, hide for
 * longer, delete, dead-letter, and how many wait. SQS batch calls take ten entries at most; this
 * class cuts larger lists. Failures to delete or hide are logged, not thrown: the message then
 * comes back and is bridged again, which consumers dedupe.
 */
final class UploadQueue {

    private static final Logger log = LoggerFactory.getLogger(UploadQueue.class);
    private static final int BATCH = 10;
    private static final int MAX_ATTRIBUTE = 250;

    private final SqsAsyncClient sqs;
    private final BridgeProperties properties;
    private final Set<CompletableFuture<?>> receives = ConcurrentHashMap.newKeySet();

    UploadQueue(SqsAsyncClient sqs, BridgeProperties properties) {
        this.sqs = sqs;
        this.properties = properties;
    }

    /** One long poll; empty when it was cancelled by {@link #cancelReceives()}. */
    List<Message> receive() {
        var future = sqs.receiveMessage(b -> b.queueUrl(properties.queueUrl())
                .maxNumberOfMessages(properties.maxMessages())
                .waitTimeSeconds((int) properties.waitTime().toSeconds())
                .visibilityTimeout((int) properties.visibilityTimeout().toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        receives.add(future);
        try {
            return future.join().messages();
        } catch (CancellationException e) {
            return List.of(); // shutting down; anything received reappears after its visibility timeout
        } finally {
            receives.remove(future);
        }
    }

    /** Ends the long polls in flight (at shutdown). */
    void cancelReceives() {
        receives.forEach(f -> f.cancel(true));
    }

    /** Keeps the messages hidden for another visibility timeout. */
    void hide(Iterable<Message> messages) {
        var entries = new ArrayList<ChangeMessageVisibilityBatchRequestEntry>();
        int i = 0;
        for (var message : messages) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i++))
                    .receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) properties.visibilityTimeout().toSeconds())
                    .build());
        }
        for (var batch : batches(entries)) {
            try {
                sqs.changeMessageVisibilityBatch(
                                b -> b.queueUrl(properties.queueUrl()).entries(batch))
                        .join();
            } catch (RuntimeException e) {
                log.warn("Could not change the visibility of {} message(s): {}", batch.size(), e.toString());
            }
        }
    }

    void delete(List<Message> messages) {
        for (var batch : batches(messages)) {
            var entries = new ArrayList<DeleteMessageBatchRequestEntry>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(batch.get(i).receiptHandle())
                        .build());
            }
            try {
                var result = sqs.deleteMessageBatch(
                                b -> b.queueUrl(properties.queueUrl()).entries(entries))
                        .join();
                result.failed()
                        .forEach(f -> log.warn(
                                "Could not delete a bridged message ({}): it will be bridged again", f.message()));
            } catch (RuntimeException e) {
                log.warn(
                        "Could not delete {} bridged message(s): they will be bridged again (consumers dedupe)",
                        batch.size(),
                        e);
            }
        }
    }

    /**
     * Copies the message to the dead-letter queue with the reason; false if that failed (the
     * message then stays, and the queue's redrive policy moves it after maxReceiveCount receives).
     */
    boolean deadLetter(Message message, String reason) {
        log.warn("Dead-lettering message {}: {}", message.messageId(), reason);
        try {
            sqs.sendMessage(b -> b.queueUrl(properties.deadLetterQueueUrl())
                            .messageBody(message.body())
                            .messageAttributes(Map.of(
                                    "bridge-failure", text(reason),
                                    "source-message-id", text(message.messageId()))))
                    .join();
            return true;
        } catch (RuntimeException e) {
            log.error("Could not dead-letter message {}; the queue's redrive policy will", message.messageId(), e);
            return false;
        }
    }

    /** ApproximateNumberOfMessages, or empty when SQS does not answer. */
    OptionalLong depth() {
        try {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(properties.queueUrl())
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .join()
                    .attributes();
            return OptionalLong.of(
                    Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "-1")));
        } catch (RuntimeException e) {
            log.debug("Queue depth not available: {}", e.toString());
            return OptionalLong.empty();
        }
    }

    private static <T> List<List<T>> batches(List<T> all) {
        var batches = new ArrayList<List<T>>();
        for (int from = 0; from < all.size(); from += BATCH) {
            batches.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return batches;
    }

    private static MessageAttributeValue text(String value) {
        var bounded = value.length() > MAX_ATTRIBUTE ? value.substring(0, MAX_ATTRIBUTE) + "…" : value;
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(bounded)
                .build();
    }
}
