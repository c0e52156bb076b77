package com.vehiclephotos.devstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** What a service's component test gets from {@code @WithDevstack}: a working stack and its endpoints. */
@WithDevstack
class WithDevstackTest {

    @Test
    void publishesEveryEndpointAsASystemProperty(DevstackEndpoints devstack) {
        assertThat(devstack.all())
                .containsKeys(
                        "kafka.bootstrap-servers",
                        "s3.endpoint",
                        "sqs.queue.uploads.url",
                        "postgres.jdbc-url",
                        "clamd.available");
        devstack.all()
                .forEach((name, value) ->
                        assertThat(System.getProperty("devstack." + name)).isEqualTo(value));
    }

    @Test
    void anUploadToS3ArrivesAsANotificationOnTheQueue(DevstackEndpoints devstack) {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(devstack.accessKey(), devstack.secretKey()));
        var key = "uploads/owner/vehicle/" + UUID.randomUUID() + "/photo.jpg";
        try (var s3 = S3Client.builder()
                        .endpointOverride(devstack.s3Endpoint())
                        .region(Region.of(devstack.region()))
                        .credentialsProvider(credentials)
                        .forcePathStyle(true)
                        .build();
                var sqs = SqsClient.builder()
                        .endpointOverride(devstack.sqsEndpoint())
                        .region(Region.of(devstack.region()))
                        .credentialsProvider(credentials)
                        .build()) {
            s3.putObject(b -> b.bucket("uploads").key(key), RequestBody.fromString("bytes"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sqs
                            .receiveMessage(b -> b.queueUrl(devstack.uploadsQueueUrl())
                                    .maxNumberOfMessages(10)
                                    .waitTimeSeconds(1))
                            .messages()
                            .stream()
                            .map(m -> S3EventNotification.fromJson(m.body()))
                            .filter(n -> n.getRecords() != null)
                            .flatMap(n -> n.getRecords().stream())
                            .anyMatch(r -> r.getS3().getObject().getKey().equals(key)));
        }
    }

    @Test
    void kafkaAndPostgresAnswer(DevstackEndpoints devstack) throws Exception {
        try (var admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        try (var connection = DriverManager.getConnection(
                devstack.jdbcUrl(), devstack.get("postgres.username"), devstack.get("postgres.password"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void clamdAnswersWhereItIsInstalled(DevstackEndpoints devstack) throws Exception {
        devstack.requireClamd();

        try (var socket = new java.net.Socket("127.0.0.1", devstack.clamdPort())) {
            socket.getOutputStream().write("zPING\0".getBytes());
            assertThat(new String(socket.getInputStream().readAllBytes())).startsWith("PONG");
        }
    }
}
