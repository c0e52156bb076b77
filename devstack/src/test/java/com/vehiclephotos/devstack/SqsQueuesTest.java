package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The uploads queue hands a message that keeps failing to its dead-letter queue, as configured. */
class SqsQueuesTest {

    @Test
    void uploadsQueueRedrivesToItsDeadLetterQueue() {
        try (var sqs = RunningDevstack.sqs()) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(RunningDevstack.endpoint("sqs.queue.uploads.url"))
                            .attributeNames(QueueAttributeName.REDRIVE_POLICY))
                    .attributes();

            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .contains("arn:aws:sqs:us-east-1:000000000000:photo-uploads-dlq")
                    .containsPattern("\"maxReceiveCount\":\"?5\"?");
        }
    }

    @Test
    void aMessageReceivedTooOftenEndsInTheDeadLetterQueue() {
        RunningDevstack.receiveNotifications(Duration.ZERO); // keep other tests' notifications out of the way
        var poison = "poison-" + UUID.randomUUID();
        var queue = RunningDevstack.endpoint("sqs.queue.uploads.url");
        var dlq = RunningDevstack.endpoint("sqs.queue.uploads-dlq.url");
        try (var sqs = RunningDevstack.sqs()) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(poison));

            // A consumer that never deletes it: each receive makes it visible again at once.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sqs.receiveMessage(b -> b.queueUrl(queue)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0)
                        .waitTimeSeconds(0));
                return sqs
                        .receiveMessage(
                                b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(0))
                        .messages()
                        .stream()
                        .anyMatch(m -> m.body().equals(poison));
            });
        }
    }
}
