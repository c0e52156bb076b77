package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here, so docker-compose.yml is checked for structure instead of being run. */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void hasTheInfrastructureServices() {
        assertThat(services).containsKeys("kafka", "kafka-init", "localstack", "postgres", "clamav");
    }

    @Test
    void pinsLocalStackToTheLastTagThatStartsWithoutALicenceAndPassesTheTokenThrough() {
        var localstack = services.get("localstack");

        assertThat(localstack.get("image")).isEqualTo("localstack/localstack:4.14.0");
        assertThat(environment(localstack)).containsEntry("LOCALSTACK_AUTH_TOKEN", "${LOCALSTACK_AUTH_TOKEN:-}");
        assertThat(environment(localstack).get("SERVICES").toString()).contains("s3").contains("sqs");
    }

    @Test
    void mountsTheSharedLocalStackInitScriptThatExists() {
        var volumes = list(services.get("localstack"), "volumes");

        assertThat(volumes).contains("./docker/localstack/init-aws.sh:/etc/localstack/init/ready.d/init-aws.sh:ro");
        assertThat(ROOT.resolve("docker/localstack/init-aws.sh")).isRegularFile().isExecutable();
    }

    @Test
    void theInitScriptCreatesWhatDevstackCreates() throws IOException {
        var script = Files.readString(ROOT.resolve("docker/localstack/init-aws.sh"));

        assertThat(script).contains("UPLOADS_BUCKET:-uploads", "MEDIA_BUCKET:-media", "UPLOADS_QUEUE:-photo-uploads",
                "UPLOADS_DLQ:-photo-uploads-dlq", "RedrivePolicy", "put-bucket-notification-configuration",
                "s3:ObjectCreated:*", "\\\"Value\\\": \\\"uploads/\\\"", "put-bucket-cors", "devstack-init: done");
    }

    @Test
    void runsKafkaInKraftModeWithEveryTopicAndItsDeadLetterTwin() {
        var kafka = services.get("kafka");

        assertThat(kafka.get("image").toString()).startsWith("apache/kafka:");
        assertThat(environment(kafka)).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(list(kafka, "ports")).contains("9092:9092");
        var init = services.get("kafka-init");
        assertThat(environment(init).get("TOPICS").toString().split(" "))
                .containsExactlyInAnyOrder("photo.uploaded.v1", "photo.ready.v1", "photo.rejected.v1", "photo.deleted.v1");
        assertThat(list(init, "command").get(0)).contains("$$t.DLT")
                .contains("--topic vehicle.owners.v1").contains("cleanup.policy=compact");
    }

    @Test
    void exposesPostgresAndClamdOnTheirUsualPortsWithHealthChecks() {
        assertThat(services.get("postgres").get("image").toString()).startsWith("postgres:17");
        assertThat(list(services.get("postgres"), "ports")).contains("5432:5432");
        assertThat(services.get("clamav").get("image").toString()).startsWith("clamav/clamav:");
        assertThat(list(services.get("clamav"), "ports")).contains("3310:3310");
        for (var name : List.of("kafka", "localstack", "postgres", "clamav")) {
            assertThat(services.get(name)).as(name + " health check").containsKey("healthcheck");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> service, String key) {
        return (List<String>) service.get(key);
    }
}
