package com.vehiclephotos.devstack.junit;

import java.time.Duration;
import java.util.LinkedHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * For developers with Docker: the same endpoints from Kafka, LocalStack (pinned to 4.14.0, the last
 * tag that starts without a licence key; signatures validated, so a tampered presigned URL is 403
 * as on AWS and devstack), PostgreSQL and ClamAV containers (ClamAV downloads its signatures at
 * start: a few minutes the first time). It never replaces the devstack run, which is what CI does.
 */
final class DockerStack implements RunningStack {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String LOCALSTACK_IMAGE = "localstack/localstack:4.14.0";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String CLAMAV_IMAGE = "clamav/clamav:1.4";

    private final KafkaContainer kafka;
    private final LocalStackContainer localstack;
    private final PostgreSQLContainer postgres;
    private final GenericContainer<?> clamav;
    private final DevstackEndpoints endpoints;

    private DockerStack(
            KafkaContainer kafka,
            LocalStackContainer localstack,
            PostgreSQLContainer postgres,
            GenericContainer<?> clamav) {
        this.kafka = kafka;
        this.localstack = localstack;
        this.postgres = postgres;
        this.clamav = clamav;
        var s3 = localstack.getEndpoint().toString();
        var values = new LinkedHashMap<String, String>();
        values.put("kafka.bootstrap-servers", kafka.getBootstrapServers());
        values.put("s3.endpoint", s3);
        values.put("s3.region", localstack.getRegion());
        values.put("s3.access-key", localstack.getAccessKey());
        values.put("s3.secret-key", localstack.getSecretKey());
        values.put("s3.bucket.uploads", "uploads");
        values.put("s3.bucket.uploads-prefix", "uploads/");
        values.put("s3.bucket.media", "media");
        values.put("s3.media-base-url", s3 + "/media");
        values.put("sqs.endpoint", s3);
        values.put("sqs.queue.uploads", "photo-uploads");
        values.put("sqs.queue.uploads.url", s3 + "/000000000000/photo-uploads");
        values.put("sqs.queue.uploads-dlq", "photo-uploads-dlq");
        values.put("sqs.queue.uploads-dlq.url", s3 + "/000000000000/photo-uploads-dlq");
        values.put("postgres.jdbc-url", postgres.getJdbcUrl());
        values.put("postgres.r2dbc-url", postgres.getJdbcUrl().replace("jdbc:", "r2dbc:"));
        values.put("postgres.database", postgres.getDatabaseName());
        values.put("postgres.username", postgres.getUsername());
        values.put("postgres.password", postgres.getPassword());
        values.put("clamd.available", "true");
        values.put("clamd.host", clamav.getHost());
        values.put("clamd.port", Integer.toString(clamav.getMappedPort(3310)));
        this.endpoints = new DevstackEndpoints(values, "docker");
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static DockerStack start() {
        var kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        var localstack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices("s3", "sqs")
                .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""))
                .withEnv("S3_SKIP_SIGNATURE_VALIDATION", "0")
                .withCopyFileToContainer(
                        MountableFile.forClasspathResource("devstack-docker/init-aws.sh", 0755),
                        "/etc/localstack/init/ready.d/init-aws.sh")
                .waitingFor(Wait.forLogMessage(".*devstack-init: done.*", 1));
        var postgres = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE)).withDatabaseName("vehicles");
        var clamav = new GenericContainer<>(DockerImageName.parse(CLAMAV_IMAGE))
                .withExposedPorts(3310)
                .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(6)));
        Startables.deepStart(kafka, localstack, postgres, clamav).join();
        return new DockerStack(kafka, localstack, postgres, clamav);
    }

    @Override
    public DevstackEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        kafka.stop();
        localstack.stop();
        postgres.stop();
        clamav.stop();
    }
}
