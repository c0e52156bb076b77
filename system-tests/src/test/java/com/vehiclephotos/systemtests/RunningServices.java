package com.vehiclephotos.systemtests;

import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.fixtures.FreePorts;
import com.vehiclephotos.fixtures.tracing.OtlpReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The services as the black boxes they are in production: their built jars, each in its own JVM on
 * a free port, configured for the devstack of this test JVM; logs in target/e2e-logs. The bridge is
 * its own deployment (module upload-bridge), as in production, so it can be killed alone.
 *
 * <p>Several instances of each deployment ({@code -Dsystem.instances}, 2 by default): the first is
 * named after its deployment ({@code media-processor}), the others get a number
 * ({@code media-processor-2}). {@link #url} spreads calls over a deployment's live instances as a
 * load balancer would; every instance of a deployment is in one consumer group, one database, one
 * queue, as in production. Topics need at least two partitions per instance (devstack makes 6).
 *
 * <p>Started once per test JVM and shared by the suites; a suite that kills a service restarts it
 * before it ends, so the next one finds everything running. media-processor logs JSON (profile
 * {@code json}), the others text, so both shapes are exercised.
 */
final class RunningServices {

    static final String SECRET = "system-test-secret-0123456789-abcdefghij";
    /** Short enough that the hostile suite can watch a presigned URL expire. */
    static final Duration URL_EXPIRY = Duration.ofSeconds(20);

    static final List<String> ALL = List.of("upload-api", "upload-bridge", "vehicle-service", "media-processor");
    /** Instances of each deployment. */
    static final int INSTANCES = Integer.getInteger("system.instances", 2);

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LOGS = Path.of("target", "e2e-logs");
    private static RunningServices shared;

    private final Map<String, List<String>> commands = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, Integer> starts = new LinkedHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> turns =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    /** Launched and not yet seen ready: out of the load balancer's rotation, as a readiness probe keeps them. */
    private final java.util.Set<String> starting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Every service exports its spans here, as a collector would receive them. */
    private final OtlpReceiver traces = new OtlpReceiver();

    /** The spans the services exported (OTLP over HTTP). */
    OtlpReceiver traces() {
        return traces;
    }

    static synchronized RunningServices shared(DevstackEndpoints devstack) {
        if (shared == null) {
            shared = start(devstack);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-services"));
        } else {
            // every suite starts with every instance serving, whatever the suite before left restarting
            allInstances().forEach(shared::awaitReady);
        }
        return shared;
    }

    /** The instances of a deployment: its own name for the first, then {@code name-2}, {@code name-3}... */
    static List<String> instances(String deployment) {
        var names = new ArrayList<String>();
        names.add(deployment);
        for (int i = 2; i <= INSTANCES; i++) {
            names.add(deployment + "-" + i);
        }
        return names;
    }

    /** Every instance of every deployment. */
    static List<String> allInstances() {
        return ALL.stream().flatMap(d -> instances(d).stream()).toList();
    }

    private static RunningServices start(DevstackEndpoints d) {
        requirePartitions(d);
        var services = new RunningServices();
        for (var name : allInstances()) {
            try {
                Files.deleteIfExists(LOGS.resolve(name + ".log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        services.ports.putAll(freePorts(allInstances(), services.managementPorts));
        var kafka = "--spring.kafka.bootstrap-servers=" + d.kafkaBootstrapServers();
        var s3 = List.of(
                "--upload.s3.endpoint=" + d.s3Endpoint(),
                "--upload.s3.region=" + d.region(),
                "--upload.s3.path-style=true",
                "--upload.s3.access-key=" + d.accessKey(),
                "--upload.s3.secret-key=" + d.secretKey());
        var api = new ArrayList<>(List.of(
                kafka,
                "--photos.security.hmac-secret=" + SECRET,
                "--photos.security.insecure-local-tokens-allowed=true",
                "--upload.security.dev-tokens=true",
                "--upload.url-expiry=" + URL_EXPIRY.toSeconds(),
                "--upload.demo.enabled=true",
                "--upload.demo.vehicles-url=" + services.instanceUrl("vehicle-service", "")));
        api.addAll(s3);
        services.define("upload-api", "upload-api", api);
        services.define(
                "upload-bridge",
                "upload-bridge",
                List.of(
                        kafka,
                        "--upload.bridge.queue-url=" + d.uploadsQueueUrl(),
                        "--upload.bridge.dead-letter-queue-url=" + d.get("sqs.queue.uploads-dlq.url"),
                        "--upload.bridge.sqs-endpoint=" + d.sqsEndpoint(),
                        "--upload.bridge.region=" + d.region(),
                        "--upload.bridge.access-key=" + d.accessKey(),
                        "--upload.bridge.secret-key=" + d.secretKey(),
                        "--upload.bridge.wait-time=2s",
                        "--upload.bridge.send-timeout=5s",
                        "--upload.bridge.visibility-timeout=15s"));
        services.define(
                "vehicle-service",
                "vehicle-service",
                List.of(
                        kafka,
                        "--photos.security.hmac-secret=" + SECRET,
                        "--photos.security.insecure-local-tokens-allowed=true",
                        "--photos.security.allowed-origins="
                                + String.join(
                                        ",",
                                        instances("upload-api").stream()
                                                .map(i -> services.instanceUrl(i, "")
                                                        .toString())
                                                .toList()),
                        "--spring.r2dbc.url=" + d.get("postgres.r2dbc-url"),
                        "--spring.r2dbc.username=" + d.get("postgres.username"),
                        "--spring.r2dbc.password=" + d.get("postgres.password"),
                        "--spring.flyway.url=" + d.jdbcUrl(),
                        "--spring.flyway.user=" + d.get("postgres.username"),
                        "--spring.flyway.password=" + d.get("postgres.password")));
        services.define(
                "media-processor",
                "media-processor",
                List.of(
                        kafka,
                        "--spring.profiles.active=json",
                        "--media.public-base-url=" + d.get("s3.media-base-url"),
                        "--media.s3.endpoint=" + d.s3Endpoint(),
                        "--media.s3.region=" + d.region(),
                        "--media.s3.path-style=true",
                        "--media.s3.access-key=" + d.accessKey(),
                        "--media.s3.secret-key=" + d.secretKey(),
                        "--media.clamd.host=" + d.get("clamd.host"),
                        "--media.clamd.port=" + d.clamdPort(),
                        // every instance of every deployment shares this machine's cores, so a photo's
                        // decode takes INSTANCES times longer than on an instance of its own: the budget
                        // follows, so that the valid 49 MP PNG still fits as it does in production
                        "--media.workers.budget=" + 15 * INSTANCES + "s"));
        try {
            allInstances().forEach(services::launch);
            allInstances().forEach(services::awaitReady);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    /**
     * A live instance of the deployment, in turn, as a load balancer spreads requests, so that every
     * suite exercises every instance. One instance by its name: {@code vehicle-service-2}, or
     * {@code vehicle-service-1} for the first.
     */
    URI url(String service, String path) {
        if (ALL.contains(service)) {
            return instanceUrl(next(service), path);
        }
        var first = service.endsWith("-1") ? service.substring(0, service.length() - 2) : null;
        return instanceUrl(first != null && ALL.contains(first) ? first : service, path);
    }

    /** That instance, whether or not it is up. */
    URI instanceUrl(String instance, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(instance) + path);
    }

    /** The same request on another live instance of the deployment {@code uri} points at, as a load balancer retries. */
    URI failover(URI uri) {
        var deployment = ports.entrySet().stream()
                .filter(e -> e.getValue() == uri.getPort())
                .map(e -> deploymentOf(e.getKey()))
                .findFirst()
                .orElse(null);
        if (deployment == null) {
            return uri;
        }
        var port = ports.get(next(deployment));
        return URI.create("http://127.0.0.1:" + port + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private String next(String deployment) {
        var names = instances(deployment);
        var turn = turns.computeIfAbsent(deployment, k -> new java.util.concurrent.atomic.AtomicInteger());
        for (int i = 0; i < names.size(); i++) {
            var name = names.get(Math.floorMod(turn.getAndIncrement(), names.size()));
            if (!starting.contains(name) || ready(name)) {
                var process = processes.get(name);
                if (process != null && process.isAlive()) {
                    return name;
                }
            }
        }
        for (var name : names) { // none ready: a live one at least, which answers once it has started
            var process = processes.get(name);
            if (process != null && process.isAlive()) {
                return name;
            }
        }
        return deployment;
    }

    static String deploymentOf(String instance) {
        return ALL.stream()
                .filter(d -> instance.equals(d) || instance.startsWith(d + "-"))
                .findFirst()
                .orElseThrow();
    }

    /** Every line every instance of the deployment logged. */
    List<String> logLines(String deployment) {
        var lines = new ArrayList<String>();
        for (var instance : instances(deployment)) {
            try {
                if (Files.exists(log(instance))) {
                    lines.addAll(Files.readAllLines(log(instance)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** Each photo topic has at least two partitions per instance, so that every instance's consumers have work. */
    private static void requirePartitions(DevstackEndpoints d) {
        try (var admin =
                org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", d.kafkaBootstrapServers()))) {
            var topics = List.of(
                    com.vehiclephotos.events.Topics.PHOTO_UPLOADED,
                    com.vehiclephotos.events.Topics.PHOTO_READY,
                    com.vehiclephotos.events.Topics.PHOTO_REJECTED,
                    com.vehiclephotos.events.Topics.PHOTO_DELETED);
            var described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            described.forEach((topic, description) -> {
                if (description.partitions().size() < 2 * INSTANCES) {
                    throw new IllegalStateException(
                            topic + " has " + description.partitions().size()
                                    + " partitions; " + INSTANCES + " instances need " + 2 * INSTANCES
                                    + " (devstack --topic-partitions)");
                }
            });
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not describe the photo topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** On the service's management port: {@code /actuator/health}, {@code /actuator/prometheus}. */
    URI management(String service, String path) {
        return URI.create("http://127.0.0.1:" + managementPorts.get(service) + path);
    }

    /** The process id, to prove a service was not restarted behind the test's back. */
    long pid(String service) {
        return processes.get(service).pid();
    }

    /** How many times the service was started, the first start included. */
    int starts(String service) {
        return starts.getOrDefault(service, 0);
    }

    /**
     * The most memory (peak RSS, Linux's VmHWM, in MB) any instance of each deployment has used so
     * far, and {@code image-worker} for media-processor's worker processes: the figures the
     * Kubernetes memory limits are sized from.
     */
    synchronized Map<String, Long> peakRssMb() {
        processes.forEach((instance, process) -> notePeak(instance, process));
        return new java.util.TreeMap<>(peaks);
    }

    private final Map<String, Long> peaks = new LinkedHashMap<>();

    private synchronized void notePeak(String instance, Process process) {
        if (!process.isAlive()) {
            return;
        }
        peaks.merge(deploymentOf(instance), vmHwmMb(process.pid()), Math::max);
        process.children().forEach(worker -> peaks.merge("image-worker", vmHwmMb(worker.pid()), Math::max));
    }

    private static long vmHwmMb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux, or the process just ended
        }
    }

    /** SIGKILL: no shutdown hooks, no graceful drain, in-flight work cut wherever it stands. */
    void kill(String service) {
        var process = processes.get(service);
        notePeak(service, process);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the service again on its port and waits until it reports ready. */
    void restart(String service) {
        launch(service);
        awaitReady(service);
    }

    /** Starts the instance again on its port without waiting for it; {@link #awaitReady} waits. */
    void relaunch(String instance) {
        launch(instance);
    }

    boolean ready(String service) {
        try {
            boolean ready = processes.get(service).isAlive()
                    && http.send(
                                            HttpRequest.newBuilder(management(service, "/actuator/health/readiness"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
            if (ready) {
                starting.remove(service);
            }
            return ready;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Path log(String service) {
        return LOGS.resolve(service + ".log");
    }

    private void define(String deployment, String module, List<String> arguments) {
        for (var instance : instances(deployment)) {
            defineInstance(instance, deployment, module, arguments);
        }
    }

    private void defineInstance(String name, String deployment, String module, List<String> arguments) {
        var jar = ROOT.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build it with ./mvnw -pl " + module + " -am package -DskipTests");
        }
        int port = ports.get(name);
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--management.server.port=" + managementPorts.get(name),
                "--spring.application.name=" + deployment,
                "--management.opentelemetry.tracing.export.otlp.endpoint=" + traces.endpoint()));
        command.addAll(arguments);
        commands.put(name, command);
    }

    private void launch(String name) {
        try {
            var log = Files.createDirectories(LOGS).resolve(name + ".log").toFile();
            processes.put(
                    name,
                    new ProcessBuilder(commands.get(name))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                            .start());
            starting.add(name);
            starts.merge(name, 1, Integer::sum);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(String name) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!processes.get(name).isAlive()) {
                        throw new IllegalStateException(name + " exited; see target/e2e-logs/" + name + ".log");
                    }
                    return ready(name);
                });
    }

    /** Two free ports each: the API's (returned) and the management port (put into {@code management}). */
    private static Map<String, Integer> freePorts(List<String> names, Map<String, Integer> management) {
        var ports = FreePorts.take(names.size() * 2);
        var chosen = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < names.size(); i++) {
            chosen.put(names.get(i), ports.get(2 * i));
            management.put(names.get(i), ports.get(2 * i + 1));
        }
        return chosen;
    }

    /**
     * SIGTERM to all, then SIGKILL to whatever is still running after ten seconds: devstack stops
     * with this JVM, so a graceful shutdown could wait on a broker that is gone, and surefire
     * does not wait long for its fork to exit.
     */
    private void close() {
        traces.close();
        processes.values().forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (var process : processes.values()) {
            try {
                if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
