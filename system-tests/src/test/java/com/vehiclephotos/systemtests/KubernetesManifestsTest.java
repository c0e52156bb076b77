package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No cluster runs here, so deploy/k8s is checked as a cluster would read it: every manifest parsed
 * into the Kubernetes model (fabric8), and every environment variable, port, probe, budget and bound
 * checked against what the services read — as DockerComposeFileTest does for compose.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path BASE = ROOT.resolve("deploy/k8s/base");
    private static final Path LOCAL = ROOT.resolve("deploy/k8s/overlays/local");
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    /** Read by the JVM or the AWS SDK, not by Spring. */
    private static final Set<String> JVM_OR_SDK =
            Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "JAVA_TOOL_OPTIONS");
    /** Spring Boot's own settings for validating tokens; the services that take requests read them. */
    private static final Set<String> TOKEN_SETTINGS = Set.of(
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI",
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES");
    /**
     * Peak RSS in MB of any instance, service JVMs at a 384 MB heap, in the CI run's suites at two
     * instances (ChaosTest's report, "peak RSS", 2026-12-02; the higher of two runs): each limit
     * leaves a fifth more. An image worker peaked at 939 MB on the 49 MP PNG, within its 1 GB heap.
     */
    private static final Map<String, Integer> PEAK_RSS_MB =
            Map.of("upload-api", 397, "upload-bridge", 316, "vehicle-service", 412, "media-processor", 413);

    private static List<HasMetadata> base;
    private static List<HasMetadata> local;

    @BeforeAll
    static void parse() throws IOException {
        base = resources(BASE);
        local = new ArrayList<>();
        for (var patch : List.of("local-config.yaml", "local-deployments.yaml")) {
            local.addAll(documents(LOCAL.resolve(patch)));
        }
    }

    @Test
    void theBaseListsEveryManifestAndTheOverlayPatchesOnlyWhatTheBaseHas() throws IOException {
        var listed = kustomization(BASE).get("resources");
        try (var files = Files.list(BASE)) {
            assertThat(files.map(f -> f.getFileName().toString())
                            .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")))
                    .containsExactlyInAnyOrderElementsOf(strings(listed));
        }
        var overlay = kustomization(LOCAL);
        assertThat(strings(overlay.get("resources"))).containsExactly("../../base");
        var known = base.stream().map(KubernetesManifestsTest::id).collect(Collectors.toSet());
        for (var patched : local) {
            assertThat(known).as("the overlay patches " + id(patched)).contains(id(patched));
        }
        assertThat(Files.readString(ROOT.resolve(".gitignore")))
                .as("the local token key is never committed")
                .contains("deploy/k8s/overlays/local/local-tokens.env");
    }

    @Test
    void eachServiceRunsWithReplicasABudgetAndProbesOnItsManagementPort() throws IOException {
        var common = configMap(base, "vehicle-photos-common");
        for (var name : RunningServices.ALL) {
            var deployment = deployment(name);
            var pod = deployment.getSpec().getTemplate();
            var labels = pod.getMetadata().getLabels();
            assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(labels);
            assertThat(deployment.getSpec().getReplicas())
                    .as(name + " replicas")
                    .isGreaterThanOrEqualTo(2);
            assertThat(deployment
                            .getSpec()
                            .getStrategy()
                            .getRollingUpdate()
                            .getMaxUnavailable()
                            .getIntVal())
                    .isZero();

            var budget = find(base, PodDisruptionBudget.class, name);
            assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(labels);
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

            var container = pod.getSpec().getContainers().get(0);
            var ports = container.getPorts().stream()
                    .collect(Collectors.toMap(p -> p.getName(), p -> p.getContainerPort()));
            assertThat(ports.get("management"))
                    .as(name + " management port")
                    .isEqualTo(Integer.parseInt(common.getData().get("MANAGEMENT_PORT")));
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            for (var probe :
                    List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
            }
            assertThat(readinessGroup(name)).as(name + " has a readiness group").isNotBlank();

            var own = configMap(base, name).getData();
            if (name.equals("upload-bridge")) {
                assertThat(ports).as("the bridge has no API").containsOnlyKeys("management");
                assertThat(base.stream()
                                .filter(r -> r instanceof Service
                                        && r.getMetadata().getName().equals(name)))
                        .isEmpty();
            } else {
                assertThat(ports.get("http")).as(name + " API port").isEqualTo(Integer.parseInt(own.get("PORT")));
                assertThat(Integer.parseInt(own.get("PORT"))).isEqualTo(defaultPort(name));
            }
            if (List.of("upload-api", "vehicle-service").contains(name)) { // the two with an API
                var service = find(base, Service.class, name);
                assertThat(service.getSpec().getSelector()).isEqualTo(labels);
                assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal())
                        .isEqualTo("http");
            }
        }
    }

    /** SIGTERM after preStop; Spring then finishes what it holds within its shutdown phase: the pod must be given that long. */
    @Test
    void gracefulShutdownOutlastsTheLongestWork() throws IOException {
        for (var name : RunningServices.ALL) {
            var spec = deployment(name).getSpec().getTemplate().getSpec();
            var container = spec.getContainers().get(0);
            long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
            var phase = Duration.parse(
                    "PT" + setting(name, "timeout-per-shutdown-phase").toUpperCase(Locale.ROOT));
            assertThat(spec.getTerminationGracePeriodSeconds())
                    .as(name + " grace period ≥ preStop + Spring's shutdown phase")
                    .isGreaterThanOrEqualTo(preStop + phase.toSeconds());
            if (name.equals("media-processor")) {
                var budget = Duration.parse(
                        "PT" + placeholderDefault(name, "MEDIA_WORKER_BUDGET").toUpperCase(Locale.ROOT));
                assertThat(phase)
                        .as("the photo in hand finishes within the shutdown phase")
                        .isGreaterThanOrEqualTo(budget.multipliedBy(2));
            }
        }
    }

    @Test
    void memoryIsSizedFromTheMeasuredPeakAndTheWorstPhoto() throws IOException {
        for (var name : RunningServices.ALL) {
            var resources = deployment(name)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getResources();
            assertThat(resources.getRequests()).as(name).containsKeys("cpu", "memory");
            long limit = bytes(resources.getLimits().get("memory"));
            assertThat(limit)
                    .as(name + " memory limit leaves a fifth above the measured peak")
                    .isGreaterThanOrEqualTo(PEAK_RSS_MB.get(name) * 1_200_000L);
            assertThat(bytes(resources.getRequests().get("memory"))).isLessThanOrEqualTo(limit);
        }
        var processor = configMap(base, "media-processor").getData();
        var heap = Pattern.compile("-Xmx(\\d+)m").matcher(processor.get("JAVA_TOOL_OPTIONS"));
        assertThat(heap.find())
                .as("media-processor's own heap is fixed, not a share of a limit that includes its workers")
                .isTrue();
        long workers = Long.parseLong(processor.get("MEDIA_WORKERS"));
        long workerHeap = bytes(new Quantity(processor.get("MEDIA_WORKER_HEAP").replace("g", "Gi")));
        long limit = bytes(deployment("media-processor")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getLimits()
                .get("memory"));
        assertThat(limit)
                .as("room for the service's heap and every worker decoding the worst valid photo at once")
                .isGreaterThanOrEqualTo(Long.parseLong(heap.group(1)) * (1 << 20) + workers * workerHeap);
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() throws IOException {
        var secrets = secretKeys();
        for (var name : RunningServices.ALL) {
            var variables = new HashSet<String>();
            var container = deployment(name)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0);
            var localContainer = find(local, Deployment.class, name)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0);
            for (var source : concat(container.getEnvFrom(), localContainer.getEnvFrom())) {
                if (source.getConfigMapRef() != null) {
                    var ref = source.getConfigMapRef().getName();
                    variables.addAll(configMap(base, ref).getData().keySet());
                    local.stream()
                            .filter(r -> r instanceof ConfigMap
                                    && r.getMetadata().getName().equals(ref))
                            .forEach(r ->
                                    variables.addAll(((ConfigMap) r).getData().keySet()));
                } else {
                    var ref = source.getSecretRef().getName();
                    assertThat(secrets)
                            .as(name + " uses Secret " + ref + ", which the overlay makes")
                            .containsKey(ref);
                    variables.addAll(secrets.get(ref));
                }
            }
            var read = read(name);
            for (var variable : variables) {
                assertThat(JVM_OR_SDK.contains(variable)
                                || (TOKEN_SETTINGS.contains(variable)
                                        && !name.equals("upload-bridge")
                                        && !name.equals("media-processor"))
                                || read.contains(variable.replace("_", "")))
                        .as(name + " reads " + variable)
                        .isTrue();
            }
        }
    }

    @Test
    void autoscalingFollowsLagAndQueueDepthWithinThePartitions() throws IOException {
        var common = configMap(base, "vehicle-photos-common").getData();
        var processor = find(base, GenericKubernetesResource.class, "media-processor", "ScaledObject");
        var annotations = processor.getMetadata().getAnnotations();
        int partitions = Integer.parseInt(annotations.get("vehicle-photos/topic-partitions"));
        int concurrency = Integer.parseInt(annotations.get("vehicle-photos/listener-concurrency"));
        assertThat(concurrency).isEqualTo(Integer.parseInt(setting("media-processor", "concurrency")));
        int max = ((Number) processor.get("spec", "maxReplicaCount")).intValue();
        assertThat(max * concurrency).as("consumers at most the partitions").isLessThanOrEqualTo(partitions);
        Map<String, Object> kafka = trigger(processor);
        assertThat(kafka).containsEntry("type", "kafka");
        Map<String, String> metadata = cast(kafka.get("metadata"));
        assertThat(metadata)
                .containsEntry("topic", Topics.PHOTO_UPLOADED)
                .containsEntry("consumerGroup", setting("media-processor", "group-id"))
                .containsEntry("bootstrapServers", common.get("KAFKA_BOOTSTRAP_SERVERS"))
                .containsEntry("allowIdleConsumers", "false");

        var bridge = find(base, GenericKubernetesResource.class, "upload-bridge", "ScaledObject");
        Map<String, Object> sqs = trigger(bridge);
        assertThat(sqs).containsEntry("type", "aws-sqs-queue");
        Map<String, String> queue = cast(sqs.get("metadata"));
        assertThat(queue)
                .containsEntry(
                        "queueURL", configMap(base, "upload-bridge").getData().get("UPLOADS_QUEUE_URL"))
                .containsEntry("awsRegion", common.get("AWS_REGION"));
        var auth = find(base, GenericKubernetesResource.class, "upload-bridge-sqs", "TriggerAuthentication");
        List<Map<String, String>> refs = cast(auth.get("spec", "secretTargetRef"));
        var secrets = secretKeys();
        for (var ref : refs) {
            assertThat(secrets.get(ref.get("name"))).contains(ref.get("key"));
        }
        for (var scaled : List.of(processor, bridge)) {
            Map<String, String> target = cast(scaled.get("spec", "scaleTargetRef"));
            assertThat(deployment(target.get("name"))).isNotNull();
            assertThat(((Number) scaled.get("spec", "minReplicaCount")).intValue())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    // --- reading the manifests

    private static List<HasMetadata> resources(Path dir) throws IOException {
        var all = new ArrayList<HasMetadata>();
        for (var file : strings(kustomization(dir).get("resources"))) {
            all.addAll(documents(dir.resolve(file)));
        }
        return all;
    }

    private static List<HasMetadata> documents(Path file) throws IOException {
        var parsed = new ArrayList<HasMetadata>();
        for (var document : Files.readString(file).split("(?m)^---$")) {
            if (document.lines().anyMatch(l -> l.startsWith("kind:"))) {
                parsed.add(KUBERNETES.unmarshal(document));
            }
        }
        return parsed;
    }

    private static Map<String, Object> kustomization(Path dir) throws IOException {
        return new Yaml().load(Files.readString(dir.resolve("kustomization.yaml")));
    }

    /** The keys of each Secret the local overlay generates (production creates the same names by hand). */
    private static Map<String, List<String>> secretKeys() throws IOException {
        var keys = new HashMap<String, List<String>>();
        List<Map<String, Object>> generators = cast(kustomization(LOCAL).get("secretGenerator"));
        for (var generator : generators) {
            var names = new ArrayList<String>();
            if (generator.containsKey("literals")) {
                strings(generator.get("literals")).forEach(l -> names.add(l.substring(0, l.indexOf('='))));
            } else {
                // from a file each developer makes: the README's command writes this one variable
                var readme = Files.readString(LOCAL.resolve("kustomization.yaml"));
                var made = Pattern.compile("printf '([A-Z_]+)=").matcher(readme);
                assertThat(made.find()).isTrue();
                names.add(made.group(1));
            }
            keys.put((String) generator.get("name"), names);
        }
        return keys;
    }

    private static Deployment deployment(String name) {
        return find(base, Deployment.class, name);
    }

    private static ConfigMap configMap(List<HasMetadata> resources, String name) {
        return find(resources, ConfigMap.class, name);
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> resources, Class<T> type, String name) {
        return find(resources, type, name, null);
    }

    private static <T extends HasMetadata> T find(
            List<HasMetadata> resources, Class<T> type, String name, String kind) {
        return resources.stream()
                .filter(type::isInstance)
                .filter(r -> r.getMetadata().getName().equals(name) && (kind == null || kind.equals(r.getKind())))
                .map(type::cast)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + (kind == null ? type.getSimpleName() : kind) + " " + name));
    }

    private static String id(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    private static Map<String, Object> trigger(GenericKubernetesResource scaled) {
        List<Map<String, Object>> triggers = cast(scaled.get("spec", "triggers"));
        assertThat(triggers).hasSize(1);
        return triggers.get(0);
    }

    // --- what the services read

    /** Every environment variable name (underscores dropped) the service's settings table lists. */
    private static Set<String> read(String service) throws IOException {
        var operations = Files.readString(ROOT.resolve("docs/OPERATIONS.md"));
        var begin = operations.indexOf("### " + service + "\n");
        var end = operations.indexOf("\n### ", begin + 1);
        var section = operations.substring(begin, end < 0 ? operations.length() : end);
        var names = new HashSet<String>();
        for (var line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            for (var name : line.split("\\|")[2].split(" or ")) {
                names.add(name.trim().replace("_", ""));
            }
        }
        var yaml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
        var placeholders = Pattern.compile("\\$\\{([A-Z0-9_]+):").matcher(yaml);
        while (placeholders.find()) {
            names.add(placeholders.group(1).replace("_", ""));
        }
        return names;
    }

    /** The value of the first {@code key:} in the service's application.yml (a default or a placeholder's default). */
    private static String setting(String service, String key) throws IOException {
        var yaml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
        var matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*(\\S+)")
                .matcher(yaml);
        assertThat(matcher.find()).as(service + " sets " + key).isTrue();
        var value = matcher.group(1);
        var placeholder = Pattern.compile("\\$\\{[A-Z0-9_.-]+:([^}]*)}").matcher(value);
        return placeholder.matches() ? placeholder.group(1) : value;
    }

    private static String placeholderDefault(String service, String variable) throws IOException {
        var yaml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
        var matcher = Pattern.compile("\\$\\{" + variable + ":([^}]*)}").matcher(yaml);
        assertThat(matcher.find()).as(service + " reads " + variable).isTrue();
        return matcher.group(1);
    }

    private static String readinessGroup(String service) throws IOException {
        return setting(service, "include");
    }

    private static int defaultPort(String service) throws IOException {
        return Integer.parseInt(placeholderDefault(service, "PORT"));
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static List<String> strings(Object value) {
        return cast(value);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var all = new ArrayList<T>(a);
        b.forEach(x -> {
            if (!all.contains(x)) {
                all.add(x);
            }
        });
        return all;
    }
}
