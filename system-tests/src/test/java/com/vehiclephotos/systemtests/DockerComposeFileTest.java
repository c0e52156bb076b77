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
    void hasTheInfrastructureAndTheServices() {
        assertThat(services).containsKeys("kafka", "kafka-init", "localstack", "postgres", "clamav");
        assertThat(services).containsKeys("upload-api", "upload-bridge", "media-processor", "vehicle-service");
    }

    @Test
    void pinsLocalStackToTheLastTagThatStartsWithoutALicenceAndPassesTheTokenThrough() {
        var localstack = services.get("localstack");

        assertThat(localstack.get("image")).isEqualTo("localstack/localstack:4.14.0");
        assertThat(environment(localstack)).containsEntry("LOCALSTACK_AUTH_TOKEN", "${LOCALSTACK_AUTH_TOKEN:-}");
        assertThat(environment(localstack).get("SERVICES").toString())
                .contains("s3")
                .contains("sqs");
    }

    @Test
    void mountsTheSharedLocalStackInitScriptThatExists() {
        var volumes = list(services.get("localstack"), "volumes");

        assertThat(volumes).contains("./docker/localstack/init-aws.sh:/etc/localstack/init/ready.d/init-aws.sh:ro");
        assertThat(ROOT.resolve("docker/localstack/init-aws.sh"))
                .isRegularFile()
                .isExecutable();
    }

    @Test
    void theInitScriptCreatesWhatDevstackCreates() throws IOException {
        var script = Files.readString(ROOT.resolve("docker/localstack/init-aws.sh"));

        assertThat(script)
                .contains(
                        "UPLOADS_BUCKET:-uploads",
                        "MEDIA_BUCKET:-media",
                        "UPLOADS_QUEUE:-photo-uploads",
                        "UPLOADS_DLQ:-photo-uploads-dlq",
                        "RedrivePolicy",
                        "put-bucket-notification-configuration",
                        "s3:ObjectCreated:*",
                        "\\\"Value\\\": \\\"uploads/\\\"",
                        "put-bucket-cors",
                        "devstack-init: done");
        // LocalStack reports its init as completed even when the script failed: the health check asks for the
        // script's own last step, under set -e
        assertThat(script).contains("set -euo pipefail", "touch /tmp/devstack-init-done");
        assertThat(String.join(" ", list(services.get("localstack"), "healthcheck", "test")))
                .contains("test -f /tmp/devstack-init-done");
    }

    @Test
    void runsKafkaInKraftModeWithEveryTopicAndItsDeadLetterTwin() {
        var kafka = services.get("kafka");

        assertThat(kafka.get("image").toString()).startsWith("apache/kafka:");
        assertThat(environment(kafka)).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(list(kafka, "ports")).contains("127.0.0.1:9092:9092");
        var init = services.get("kafka-init");
        assertThat(environment(init).get("TOPICS").toString().split(" "))
                .containsExactlyInAnyOrder(
                        "photo.uploaded.v1",
                        "photo.ready.v1",
                        "photo.rejected.v1",
                        "photo.deleted.v1",
                        "photo.flagged.v1");
        assertThat(list(init, "command").get(0))
                .contains("$$t.DLT")
                .contains("--topic vehicle.owners.v1")
                .contains("cleanup.policy=compact");
    }

    @Test
    void exposesPostgresAndClamdOnTheirUsualPortsWithHealthChecks() {
        assertThat(services.get("postgres").get("image").toString()).startsWith("postgres:17");
        assertThat(list(services.get("postgres"), "ports")).contains("127.0.0.1:5432:5432");
        assertThat(services.get("clamav").get("image").toString()).startsWith("clamav/clamav:");
        assertThat(list(services.get("clamav"), "ports")).contains("127.0.0.1:3310:3310");
        for (var name : List.of("kafka", "localstack", "postgres", "clamav")) {
            assertThat(services.get(name)).as(name + " health check").containsKey("healthcheck");
        }
    }

    @Test
    void runsEachServiceFromItsLayeredJarWithAReadinessHealthCheck() {
        for (var name : List.of("upload-api", "upload-bridge", "media-processor", "vehicle-service")) {
            var service = services.get(name);
            @SuppressWarnings("unchecked")
            var build = (Map<String, Object>) service.get("build");
            assertThat(build)
                    .as(name + " build")
                    .containsEntry("context", ".")
                    .containsEntry("dockerfile", "docker/service.Dockerfile");
            @SuppressWarnings("unchecked")
            var module = ((Map<String, Object>) build.get("args")).get("MODULE").toString();
            assertThat(ROOT.resolve(module).resolve("pom.xml"))
                    .as(name + " builds a reactor module")
                    .isRegularFile();
            assertThat(String.join(" ", list(service, "healthcheck", "test")))
                    .as(name)
                    .contains("/actuator/health/readiness")
                    .contains("${MANAGEMENT_PORT}");
            assertThat(environment(service)).as(name).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092");
            var management = environment(service).get("MANAGEMENT_PORT");
            assertThat(management).as(name + " has a management port").isNotNull();
            if (!name.equals("upload-bridge")) { // the bridge has no API port: its one port is the management port
                assertThat(environment(service)).as(name).containsKey("PORT");
                assertThat(management)
                        .as(name)
                        .isNotEqualTo(environment(service).get("PORT"));
            }
            if (service.containsKey("ports")) {
                assertThat(list(service, "ports"))
                        .as(name + " does not publish its management port")
                        .noneMatch(port -> port.toString().endsWith(":" + management));
            }
            @SuppressWarnings("unchecked")
            var dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            assertThat(dependsOn).as(name).containsKeys("kafka-init", "localstack");
            dependsOn.forEach((dependency, condition) ->
                    assertThat(services).as(name + " depends on").containsKey(dependency));
            assertThat(dependsOn.get("kafka-init")).containsEntry("condition", "service_completed_successfully");
        }
        assertThat(services.get("media-processor").get("depends_on").toString()).contains("clamav");
        assertThat(services.get("vehicle-service").get("depends_on").toString()).contains("postgres");
    }

    @Test
    void theBridgeIsItsOwnDeploymentFromItsOwnModule() {
        assertThat(services.get("upload-bridge").get("image"))
                .isNotEqualTo(services.get("upload-api").get("image"));
        assertThat(environment(services.get("upload-bridge")))
                .containsKeys("UPLOADS_QUEUE_URL", "UPLOADS_DLQ_URL", "AWS_SQS_ENDPOINT_URL");
        assertThat(environment(services.get("upload-api")))
                .doesNotContainKeys("UPLOADS_QUEUE_URL", "UPLOAD_BRIDGE_ENABLED");
        assertThat(services.get("upload-bridge")).doesNotContainKey("ports");
    }

    @Test
    void presignedUrlsAndMediaUrlsPointWhereTheBrowserCanReachThem() {
        assertThat(list(services.get("localstack"), "ports")).contains("127.0.0.1:4566:4566");
        assertThat(environment(services.get("upload-api")))
                .containsEntry("AWS_S3_ENDPOINT_URL", "http://localstack:4566")
                .containsEntry("AWS_S3_PUBLIC_ENDPOINT_URL", "http://localhost:4566");
        assertThat(environment(services.get("media-processor")))
                .containsEntry("MEDIA_PUBLIC_BASE_URL", "http://localhost:4566/media");
        assertThat(list(services.get("upload-api"), "ports")).contains("127.0.0.1:8080:8080");
        assertThat(list(services.get("vehicle-service"), "ports")).contains("127.0.0.1:8081:8081");
    }

    @Test
    void everyPublishedPortIsOnLoopbackAndNoSecretHasADefault() throws IOException {
        for (var entry : services.entrySet()) {
            @SuppressWarnings("unchecked")
            var service = (Map<String, Object>) entry.getValue();
            if (service.containsKey("ports")) {
                assertThat(list(service, "ports"))
                        .as(entry.getKey())
                        .allMatch(port -> port.toString().startsWith("127.0.0.1:"));
            }
        }
        var file = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(file).contains("${PHOTOS_HMAC_SECRET:?").doesNotContain("PHOTOS_HMAC_SECRET:-");
    }

    /** A misspelt variable is silently ignored by Spring: every one must be a property the service has. */
    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() throws IOException {
        // the last two are shared by every service through the compose anchor; media-processor does not read them
        var readByJvmOrSdk = List.of(
                "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY",
                "AWS_REGION",
                "JAVA_TOOL_OPTIONS",
                "PHOTOS_SECURITY_HMAC_SECRET",
                "PHOTOS_INSECURE_LOCAL_TOKENS_ALLOWED");
        for (var name : List.of("upload-api", "upload-bridge", "media-processor", "vehicle-service")) {
            @SuppressWarnings("unchecked")
            var module = ((Map<String, Object>) services.get(name).get("build"))
                    .get("args")
                    .toString()
                    .replaceAll(".*MODULE=([a-z-]+).*", "$1");
            var yaml = Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml"));
            var keys = new java.util.HashSet<String>();
            flatten("", new Yaml().load(yaml), keys);
            for (var variable : environment(services.get(name)).keySet()) {
                var relaxed = variable.replace("_", "");
                assertThat(readByJvmOrSdk.contains(variable)
                                || yaml.contains("${" + variable + ":")
                                || keys.contains(relaxed))
                        .as(name + " reads " + variable)
                        .isTrue();
            }
        }
    }

    /** The tracing overlay points every service that makes spans at a collector it also starts, on the name Boot reads. */
    @Test
    @SuppressWarnings("unchecked")
    void theTracingOverlaySendsSpansToTheCollectorItStarts() throws IOException {
        Map<String, Object> overlay = new Yaml().load(Files.readString(ROOT.resolve("docker/compose.tracing.yml")));
        var overlaid = (Map<String, Map<String, Object>>) overlay.get("services");
        var boots = "management.opentelemetry.tracing.export.otlp.endpoint"
                .replace(".", "_")
                .toUpperCase(java.util.Locale.ROOT);

        assertThat(list(overlaid.get("jaeger"), "ports")).containsExactly("127.0.0.1:16686:16686");
        for (var name : RunningServices.ALL) {
            assertThat(services).containsKey(name);
            assertThat(environment(overlaid.get(name))).as(name).containsEntry(boots, "http://jaeger:4318/v1/traces");
        }
        for (var name : RunningServices.ALL) {
            var pom = Files.readString(ROOT.resolve(name).resolve("pom.xml"));
            assertThat(pom)
                    .as(name + " has the OTLP exporter Boot configures from that endpoint")
                    .contains("<artifactId>opentelemetry-exporter-otlp</artifactId>");
        }
    }

    @Test
    void theImageIsLayeredAndRunsAsANonRootUser() throws IOException {
        var dockerfile = Files.readString(ROOT.resolve("docker/service.Dockerfile"));

        assertThat(dockerfile)
                .contains(
                        "-Djarmode=tools",
                        "extract --layers --launcher",
                        "USER app",
                        "org.springframework.boot.loader.launch.JarLauncher");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!*/target/*-0.1.0-SNAPSHOT.jar");
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, java.util.Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix + k, v, keys));
        } else {
            keys.add(prefix.replace("-", "").replace(".", "").toUpperCase(java.util.Locale.ROOT));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> service, String key, String inner) {
        return (List<String>) ((Map<String, Object>) service.get(key)).get(inner);
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
