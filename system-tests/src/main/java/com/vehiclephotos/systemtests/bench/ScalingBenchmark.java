package com.vehiclephotos.systemtests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processor throughput at 1 and then 2 media-processor instances, against ./run-local: for each
 * instance count, photos at increasing rates for a fixed time each, and per rate the photos/s
 * actually finished, PUT done → PhotoReady on Kafka p50/p99, and the CPU the processor instances (with their
 * image workers) and the whole machine spent per photo. The second instance is started here, on
 * free ports, from the same jar and profile as run-local's, and stopped afterwards.
 * {@code ./mvnw -q -pl system-tests exec:java -Dexec.mainClass=com.vehiclephotos.systemtests.bench.ScalingBenchmark
 * -Dexec.args="--rates=0.5,1,1.5,2,3 --seconds=30 --instances=1,2"}; 20 s at 1/s first warm the stack up.
 */
public final class ScalingBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TICKS = 100; // USER_HZ: /proc's CPU times are in 1/100 s on Linux

    private ScalingBenchmark() {}

    record Step(
            int instances,
            double rate,
            int photos,
            double finishedPerSecond,
            long p50,
            long p99,
            double processorCpu,
            double machineCpu) {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var api = options.get("api", "http://127.0.0.1:8080");
        var vehiclesApi = options.get("vehicles", "http://127.0.0.1:8081");
        var rates = Arrays.stream(options.get("rates", "0.5,1,1.5,2,3").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        int seconds = Integer.parseInt(options.get("seconds", "40"));
        var counts = Arrays.stream(options.get("instances", "1,2").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        var endpoints = Endpoints.load(options.get("endpoints", "devstack-data/endpoints.properties"));
        var photo = options.values().containsKey("photo")
                ? Files.readAllBytes(Path.of(options.get("photo", "")))
                : LatencyBenchmark.synthetic(4000, 3000);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var ready = new ConcurrentHashMap<String, Long>();
        var reading = new AtomicBoolean(true);
        LatencyBenchmark.startTimestampReader(
                endpoints.get("kafka.bootstrap-servers"), new ConcurrentHashMap<>(), ready, reading);

        // warm-up, not counted: JIT, connection pools, image workers
        step(http, api, vehiclesApi, photo, 1, 1, Integer.parseInt(options.get("warmup-seconds", "20")), ready);
        var steps = new ArrayList<Step>();
        for (int instances : counts) {
            var extra = new ArrayList<Process>();
            for (int i = 2; i <= instances; i++) {
                extra.add(startProcessor(http, i));
            }
            for (double rate : rates) {
                steps.add(step(http, api, vehiclesApi, photo, instances, rate, seconds, ready));
                System.out.println(format(steps.get(steps.size() - 1)));
            }
            for (var process : extra) {
                process.destroy();
                process.waitFor();
            }
        }
        reading.set(false);

        System.out.printf(
                Locale.ROOT,
                "%nprocessor scaling: %d-byte JPEG (%s), %d s per rate, on %d cores%n",
                photo.length,
                options.values().containsKey("photo") ? options.get("photo", "") : "synthetic 4000x3000",
                seconds,
                Runtime.getRuntime().availableProcessors());
        System.out.println(
                "| instances | offered /s | finished /s | PUT → PhotoReady p50 | p99 | processor CPU s/photo | machine CPU s/photo |");
        System.out.println("|---|---|---|---|---|---|---|");
        steps.forEach(s -> System.out.println(format(s)));
        for (int instances : counts) {
            var best = steps.stream()
                    .filter(s -> s.instances() == instances)
                    .mapToDouble(Step::finishedPerSecond)
                    .max()
                    .orElse(0);
            var cpu = steps.stream()
                    .filter(s -> s.instances() == instances)
                    .mapToDouble(Step::processorCpu)
                    .average()
                    .orElse(0);
            System.out.printf(
                    Locale.ROOT,
                    "%d instance(s): at most %.2f photos/s finished; %.2f processor CPU-seconds per photo → %.2f photos/s per core%n",
                    instances,
                    best,
                    cpu,
                    cpu == 0 ? 0 : 1 / cpu);
        }
        System.exit(0);
    }

    private static Step step(
            HttpClient http,
            String api,
            String vehiclesApi,
            byte[] photo,
            int instances,
            double rate,
            int seconds,
            Map<String, Long> ready)
            throws Exception {
        int photos = (int) Math.max(1, Math.round(rate * seconds));
        var owners = new ArrayList<String[]>();
        for (int i = 0; i < (photos + 19) / 20; i++) { // 20 each: under the per-owner presign rate
            var token = JSON.readTree(LatencyBenchmark.post(
                            http, api + "/api/v1/dev/tokens", null, "{\"sub\":\"scaling-" + System.nanoTime() + "\"}"))
                    .get("access_token")
                    .asString();
            var vehicle = JSON.readTree(LatencyBenchmark.post(
                            http,
                            vehiclesApi + "/api/v1/vehicles",
                            token,
                            "{\"make\":\"Bench\",\"model\":\"Scaling\"}"))
                    .get("id")
                    .asString();
            owners.add(new String[] {token, vehicle});
        }
        long processorBefore = processorTicks();
        long machineBefore = machineTicks();
        var putDone = new ConcurrentHashMap<String, Long>();
        long interval = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; i < photos; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            var owner = owners.get(i / 20);
            putDone.put(LatencyBenchmark.upload(http, api, owner[0], owner[1], i, photo), System.currentTimeMillis());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!ready.keySet().containsAll(putDone.keySet()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        double processorCpu = (processorTicks() - processorBefore) / (double) TICKS / photos;
        double machineCpu = (machineTicks() - machineBefore) / (double) TICKS / photos;
        var latencies = putDone.entrySet().stream()
                .filter(e -> ready.containsKey(e.getKey()))
                .mapToLong(e -> (ready.get(e.getKey()) - e.getValue()) * 1_000_000)
                .sorted()
                .toArray();
        long first = putDone.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long last = putDone.keySet().stream()
                .filter(ready::containsKey)
                .mapToLong(ready::get)
                .max()
                .orElse(first);
        double finished = latencies.length / Math.max(0.001, (last - first + interval / 1e6) / 1000.0);
        return new Step(
                instances,
                rate,
                photos,
                finished,
                (long) Endpoints.percentile(latencies, 50),
                (long) Endpoints.percentile(latencies, 99),
                processorCpu,
                machineCpu);
    }

    private static String format(Step s) {
        return String.format(
                Locale.ROOT,
                "| %d | %.1f | %.2f | %d ms | %d ms | %.2f | %.2f |",
                s.instances(),
                s.rate(),
                s.finishedPerSecond(),
                s.p50(),
                s.p99(),
                s.processorCpu(),
                s.machineCpu());
    }

    /** One more media-processor, as run-local starts the first; returns once it is ready. */
    private static Process startProcessor(HttpClient http, int number) throws Exception {
        var jar = Path.of("media-processor/target/media-processor-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            jar = Path.of("..").resolve(jar);
        }
        var log = Path.of("devstack-data", "logs", "media-processor-" + number + ".log");
        Files.createDirectories(log.getParent());
        int port = freePort();
        int management = freePort();
        var process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx384m",
                        "-jar",
                        jar.toString(),
                        "--spring.profiles.active=local",
                        "--server.port=" + port,
                        "--management.server.port=" + management)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var status = http.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + management + "/actuator/health/readiness"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200) {
                    LockSupport.parkNanos(Duration.ofSeconds(10).toNanos()); // the consumer group settles
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("media-processor " + number + " exited; see " + log);
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new IllegalStateException("media-processor " + number + " was not ready in 3 minutes; see " + log);
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** CPU ticks of every media-processor JVM and its image workers, from /proc. */
    private static long processorTicks() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("media-processor-0.1.0-SNAPSHOT.jar"))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .mapToLong(ProcessHandle::pid)
                .distinct() // a worker's command line names the jar too
                .map(ScalingBenchmark::ticks)
                .sum();
    }

    private static long ticks(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** All CPU time the machine spent busy (not idle or waiting), from /proc/stat. */
    private static long machineTicks() throws java.io.IOException {
        var cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < cpu.length; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(cpu[i]);
            }
        }
        return busy;
    }
}
