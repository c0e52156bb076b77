package com.vehiclephotos.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

import com.vehiclephotos.devstack.junit.DevstackEndpoints;

/**
 * The three services as the black boxes they are in production: their built jars, each in its own
 * JVM on a free port, configured for the devstack of this test JVM; logs in target/e2e-logs.
 */
final class RunningServices implements AutoCloseable {

    static final String SECRET = "system-test-secret-0123456789-abcdefghij";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    static RunningServices start(DevstackEndpoints d) {
        var services = new RunningServices();
        var kafka = "--spring.kafka.bootstrap-servers=" + d.kafkaBootstrapServers();
        services.launch("upload-api", List.of(kafka, "--photos.security.hmac-secret=" + SECRET, "--upload.security.dev-tokens=true",
                "--upload.s3.endpoint=" + d.s3Endpoint(), "--upload.s3.region=" + d.region(), "--upload.s3.path-style=true",
                "--upload.s3.access-key=" + d.accessKey(), "--upload.s3.secret-key=" + d.secretKey(),
                "--upload.bridge.queue-url=" + d.uploadsQueueUrl(), "--upload.bridge.dead-letter-queue-url=" + d.get("sqs.queue.uploads-dlq.url"),
                "--upload.bridge.sqs-endpoint=" + d.sqsEndpoint(), "--upload.bridge.wait-time=2s"));
        services.launch("vehicle-service", List.of(kafka, "--photos.security.hmac-secret=" + SECRET,
                "--spring.r2dbc.url=" + d.get("postgres.r2dbc-url"), "--spring.r2dbc.username=" + d.get("postgres.username"),
                "--spring.r2dbc.password=" + d.get("postgres.password"), "--spring.flyway.url=" + d.jdbcUrl(),
                "--spring.flyway.user=" + d.get("postgres.username"), "--spring.flyway.password=" + d.get("postgres.password")));
        services.launch("media-processor", List.of(kafka, "--media.public-base-url=" + d.get("s3.media-base-url"),
                "--media.s3.endpoint=" + d.s3Endpoint(), "--media.s3.region=" + d.region(), "--media.s3.path-style=true",
                "--media.s3.access-key=" + d.accessKey(), "--media.s3.secret-key=" + d.secretKey(),
                "--media.clamd.host=" + d.get("clamd.host"), "--media.clamd.port=" + d.clamdPort()));
        services.awaitReady();
        return services;
    }

    URI url(String service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    private void launch(String name, List<String> arguments) {
        var jar = ROOT.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl " + name + " -am package -DskipTests");
        }
        int port = freePort();
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        try {
            var logs = Files.createDirectories(Path.of("target", "e2e-logs"));
            processes.put(name, new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile()).start());
            ports.put(name, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        var http = HttpClient.newHttpClient();
        for (var name : processes.keySet()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!processes.get(name).isAlive()) {
                    throw new IllegalStateException(name + " exited; see target/e2e-logs/" + name + ".log");
                }
                try {
                    return http.send(HttpRequest.newBuilder(url(name, "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (var process : processes.values()) {
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
