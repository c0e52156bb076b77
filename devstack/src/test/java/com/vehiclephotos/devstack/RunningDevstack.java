package com.vehiclephotos.devstack;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One devstack per test JVM, on free ports and a fresh data dir, plus clients configured for it. */
final class RunningDevstack {

    private static Devstack devstack;
    private static final List<String> INBOX = new CopyOnWriteArrayList<>();

    private RunningDevstack() {}

    static synchronized Devstack get() {
        if (devstack == null) {
            try {
                var dataDir = Files.createTempDirectory("devstack-test");
                devstack = Devstack.start(DevstackSettings.defaultsWith(Map.of(
                        "ports", "ephemeral",
                        "data-dir", dataDir.toString(),
                        "clamav-required", System.getProperty("devstack.clamav.required", "false"))));
            } catch (Exception e) {
                throw new IllegalStateException("devstack did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(devstack::close));
        }
        return devstack;
    }

    static String endpoint(String name) {
        return get().endpoints().get(name);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(endpoint("s3.access-key"), endpoint("s3.secret-key")));
    }

    static S3Client s3() {
        return s3(o -> {});
    }

    static S3Client s3(java.util.function.Consumer<ClientOverrideConfiguration.Builder> override) {
        return S3Client.builder()
                .overrideConfiguration(override)
                .endpointOverride(URI.create(endpoint("s3.endpoint")))
                .region(Region.of(endpoint("s3.region")))
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .build();
    }

    static S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(URI.create(endpoint("s3.endpoint")))
                .region(Region.of(endpoint("s3.region")))
                .credentialsProvider(credentials())
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    static SqsClient sqs() {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint("sqs.endpoint")))
                .region(Region.of(endpoint("s3.region")))
                .credentialsProvider(credentials())
                .build();
    }

    /**
     * Every notification body received from the uploads queue so far in this JVM. Tests share one
     * queue, so each reads through this inbox instead of competing for messages.
     */
    static synchronized List<String> receiveNotifications(Duration wait) {
        try (var sqs = sqs()) {
            var url = endpoint("sqs.queue.uploads.url");
            var messages = sqs.receiveMessage(
                            b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds((int) wait.toSeconds()))
                    .messages();
            for (var message : messages) {
                INBOX.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
        return List.copyOf(INBOX);
    }
}
