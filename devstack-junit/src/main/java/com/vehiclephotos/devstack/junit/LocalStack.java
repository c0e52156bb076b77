package com.vehiclephotos.devstack.junit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * devstack as its own process (never on the test's classpath), on free ports and a fresh data dir.
 * It watches this JVM's pid and stops by itself if the tests die without closing it.
 */
final class LocalStack implements RunningStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final DevstackEndpoints endpoints;
    private final Path log;
    private final Path dataDir;

    private LocalStack(Process process, DevstackEndpoints endpoints, Path log, Path dataDir) {
        this.process = process;
        this.endpoints = endpoints;
        this.log = log;
        this.dataDir = dataDir;
    }

    static LocalStack start() {
        try {
            var jar = locateJar();
            var dir = Files.createTempDirectory("devstack-");
            var ready = dir.resolve("endpoints.ready");
            var log = dir.resolve("devstack.log");
            var command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-Djava.awt.headless=true",
                    "-jar",
                    jar.toString(),
                    "--ports=ephemeral",
                    "--data-dir=" + dir.resolve("data"),
                    "--ready-file=" + ready,
                    "--parent-pid=" + ProcessHandle.current().pid(),
                    // tests serve pages (the demo) from services on free loopback ports; s3proxy reads origins as
                    // patterns
                    "--cors-origins=http://localhost:3000,http://(localhost|127\\.0\\.0\\.1):[0-9]+",
                    "--clamav-required=" + Boolean.getBoolean("devstack.clamav.required")));
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitReady(process, ready, log);
            System.out.println("[devstack] started for this test JVM, log: " + log);
            return new LocalStack(process, new DevstackEndpoints(read(ready), "local"), log, dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start devstack", e);
        }
    }

    /** The jar built by the devstack module; surefire passes its path as -Ddevstack.jar. */
    static Path locateJar() {
        var configured = System.getProperty("devstack.jar");
        var candidates = new ArrayList<Path>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("devstack/target/devstack.jar"));
        }
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("devstack.jar not found (looked at " + candidates
                        + "). Build it first: ./mvnw -pl devstack package -DskipTests"));
    }

    private static void awaitReady(Process process, Path ready, Path log) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (!Files.exists(ready)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "devstack exited with code " + process.exitValue() + " before it was ready:\n" + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "devstack was not ready within " + READY_TIMEOUT.toSeconds() + " s:\n" + tail(log));
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while starting devstack", e);
        }
    }

    private static LinkedHashMap<String, String> read(Path file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        var values = new LinkedHashMap<String, String>();
        properties.stringPropertyNames().stream()
                .sorted()
                .forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private static String tail(Path log) throws IOException {
        var lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public DevstackEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: devstack's shutdown hook stops Kafka, clamd and PostgreSQL cleanly
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                System.err.println("[devstack] did not stop within 60 s and was killed; log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(dataDir); // the log stays beside it, for a look after a failed run
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[devstack] could not delete " + dir + ": " + e);
        }
    }
}
