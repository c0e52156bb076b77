package com.vehiclephotos.deadletters;

import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The uploads dead-letter queue: S3 notifications the bridge could not turn into PhotoUploaded
 * (attribute {@code bridge-failure} says why) or that SQS redrove after too many receives. Listing
 * receives each message with a short visibility timeout, so they are back on the queue moments
 * later; replay sends each one to the uploads queue and only then deletes it from the DLQ.
 */
final class SqsDeadLetters implements AutoCloseable {

    private static final int LIST_VISIBILITY_SECONDS = 30;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String dlqUrl;
    private final PrintStream out;

    SqsDeadLetters(DeadLetters.Settings settings, PrintStream out) {
        this.out = out;
        this.queueUrl = settings.require("queue-url");
        this.dlqUrl = settings.require("dlq-url");
        var builder = SqsClient.builder().region(Region.of(settings.values().getOrDefault("region", "us-east-1")));
        if (settings.get("sqs-endpoint") != null) {
            builder.endpointOverride(URI.create(settings.get("sqs-endpoint")));
        }
        builder.credentialsProvider(
                settings.get("access-key") != null && settings.get("secret-key") != null
                        ? StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(settings.get("access-key"), settings.get("secret-key")))
                        : DefaultCredentialsProvider.builder().build());
        this.sqs = builder.build();
    }

    void list(boolean full) {
        var seen = new HashSet<String>();
        while (true) {
            var messages = receive();
            if (messages.isEmpty() || !messages.stream().map(Message::messageId).allMatch(seen::add)) {
                break;
            }
            for (var m : messages) {
                var body = m.body().replaceAll("\\s+", " ");
                out.printf(
                        "%s  sent %s  received %s time(s)  %s%n  %s%n",
                        m.messageId(),
                        Instant.ofEpochMilli(Long.parseLong(
                                m.attributes().getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0"))),
                        m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "?"),
                        m.messageAttributes().containsKey("bridge-failure")
                                ? "bridge-failure: "
                                        + m.messageAttributes()
                                                .get("bridge-failure")
                                                .stringValue()
                                : "(redriven by SQS after too many receives)",
                        full || body.length() <= 300 ? body : body.substring(0, 300) + "…");
            }
        }
        out.printf("%d message(s) in %s (listing hides them for %d s)%n", seen.size(), dlqUrl, LIST_VISIBILITY_SECONDS);
    }

    void replay(int max, boolean dryRun) {
        int count = 0;
        while (count < max) {
            var messages = receive();
            if (messages.isEmpty()) {
                break;
            }
            for (var m : messages) {
                if (count >= max) {
                    break;
                }
                var attributes = new HashMap<String, MessageAttributeValue>(m.messageAttributes());
                attributes.remove("bridge-failure");
                out.printf("%s %s%n", dryRun ? "would replay" : "replaying", m.messageId());
                if (!dryRun) {
                    sqs.sendMessage(
                            b -> b.queueUrl(queueUrl).messageBody(m.body()).messageAttributes(attributes));
                    sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
                }
                count++;
            }
            if (dryRun) {
                break;
            }
        }
        out.printf("%s %d message(s) from %s to %s%n", dryRun ? "would replay" : "replayed", count, dlqUrl, queueUrl);
    }

    private java.util.List<Message> receive() {
        return sqs.receiveMessage(b -> b.queueUrl(dlqUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .visibilityTimeout(LIST_VISIBILITY_SECONDS)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    @Override
    public void close() {
        sqs.close();
    }
}
