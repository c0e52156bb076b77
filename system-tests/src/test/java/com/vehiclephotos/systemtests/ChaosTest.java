package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackControl;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.fixtures.images.Images;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Promise 1 under fire, at several instances of everything: a steady burst of uploads while an
 * instance of every deployment in turn (upload-api, upload-bridge, vehicle-service,
 * media-processor) is SIGKILLed and started again, round after round, and the Kafka broker is
 * restarted once. Before an instance is killed the others of its deployment are ready, as a
 * PodDisruptionBudget would have it; the killed one starts again while the burst goes on. At the end
 * every upload is READY or REJECTED exactly once, as its content deserves; no photo has two rows;
 * every READY photo's images are published; nothing is published without a READY row; no upload is
 * left behind. The counts go to target/chaos-report.txt.
 *
 * <p>Defaults are what CI runs: {@code -Dchaos.uploads=1000 -Dchaos.rounds=3 -Dchaos.rate=5} (uploads
 * per second; 3 rounds of 4 deployments = 12 kills) with {@code -Dsystem.instances=2}. Bigger runs:
 * {@code ./mvnw -pl system-tests -am verify -Dtest=ChaosTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dchaos.uploads=3000 -Dchaos.rounds=6 -Dsystem.instances=3}.
 */
@WithDevstack
class ChaosTest {

    private static final int UPLOADS = Integer.getInteger("chaos.uploads", 1000);
    private static final int ROUNDS = Integer.getInteger("chaos.rounds", 3);
    private static final double RATE = Double.parseDouble(System.getProperty("chaos.rate", "5"));
    private static final int PER_VEHICLE = 10;
    private static final List<String> VICTIMS = RunningServices.ALL;

    private static DevstackEndpoints devstack;
    private static RunningServices services;
    private static Client client;

    @BeforeAll
    static void start(DevstackEndpoints endpoints) {
        endpoints.requireClamd();
        devstack = endpoints;
        services = RunningServices.shared(endpoints);
        client = new Client(services);
    }

    /** One owner's vehicle: the owner's token and the vehicle's id. */
    private record Vehicle(String token, String id) {}

    @Test
    void everyUploadEndsExactlyOnceWhileServicesAreKilledAndKafkaRestarts() throws Exception {
        var vehicles = new ArrayList<Vehicle>();
        for (int v = 0; v < (UPLOADS + PER_VEHICLE - 1) / PER_VEHICLE; v++) {
            var token = client.token("chaos-" + v + "-" + System.nanoTime());
            vehicles.add(new Vehicle(token, client.vehicle(token, "Chaos", "Model " + v)));
        }
        var images = List.of(
                Images.jpeg(Images.marker(640, 480)),
                Images.jpeg(Images.marker(1024, 768)),
                Images.png(Images.marker(800, 600)));
        var html = "<html><body>not a photo</body></html>".getBytes(StandardCharsets.UTF_8);
        var expected = new ConcurrentHashMap<String, String>();
        var vehicleOf = new ConcurrentHashMap<String, Vehicle>();
        var sent = new AtomicInteger();

        var burst = CompletableFuture.runAsync(() -> {
            long interval = (long) (1_000_000_000L / RATE);
            long next = System.nanoTime();
            for (int i = 0; i < UPLOADS; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
                var vehicle = vehicles.get(i / PER_VEHICLE);
                boolean reject = i % 10 == 9;
                var bytes = reject ? html : images.get(i % images.size());
                var type = reject || i % images.size() != 2 ? "image/jpeg" : "image/png";
                var presign = client.presign(
                        vehicle.token(),
                        vehicle.id(),
                        "chaos-" + i + (type.equals("image/png") ? ".png" : ".jpg"),
                        type,
                        bytes.length);
                var photo = presign.get("photoId").asString();
                expected.put(photo, reject ? "REJECTED" : "READY");
                vehicleOf.put(photo, vehicle);
                int status = client.put(presign, bytes);
                if (status != 200) {
                    throw new IllegalStateException(
                            "S3 answered " + status + " to upload " + i + " (photo " + photo + ")");
                }
                sent.incrementAndGet();
            }
        });

        var kills = new LinkedHashMap<String, Integer>();
        int steps = ROUNDS * VICTIMS.size() + 1;
        int step = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (var deployment : VICTIMS) {
                var instances = RunningServices.instances(deployment);
                var victim = instances.get(round % instances.size());
                awaitSent(sent, burst, UPLOADS * ++step / (steps + 1));
                instances.forEach(services::awaitReady); // the others serve meanwhile
                services.kill(victim);
                kills.merge(victim, 1, Integer::sum);
                services.relaunch(victim);
            }
            if (round == 0) {
                awaitSent(sent, burst, UPLOADS * ++step / (steps + 1));
                var control = new DevstackControl(devstack);
                control.post("/kafka/stop");
                control.post("/kafka/start");
            }
        }
        var killsDuringBurst = burst.isDone() ? "some after the burst had ended" : "all during the burst";
        burst.get();
        RunningServices.allInstances().forEach(services::awaitReady);

        var started = System.nanoTime();
        var rows = await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> photoRows(vehicles),
                        r -> r.size() >= expected.size()
                                && r.stream()
                                        .noneMatch(
                                                p -> p.get("status").asString().equals("PROCESSING")));
        var settled = Duration.ofNanos(System.nanoTime() - started);

        var byPhoto =
                rows.stream().collect(Collectors.groupingBy(p -> p.get("id").asString()));
        var duplicates = byPhoto.values().stream().filter(l -> l.size() > 1).count();
        var statusCounts =
                rows.stream().collect(Collectors.groupingBy(p -> p.get("status").asString(), Collectors.counting()));
        var events = eventsPerPhoto(expected.keySet());
        var buckets = new Buckets(devstack);
        var unpublishedReady = new ArrayList<String>();
        var publishedWithoutReady = new ArrayList<String>();
        try (buckets) {
            for (var entry : byPhoto.entrySet()) {
                var photo = entry.getValue().get(0);
                var vehicle = vehicleOf.get(entry.getKey());
                var keys = buckets.published(vehicle.id(), entry.getKey());
                if (photo.get("status").asString().equals("READY")) {
                    if (keys.size() != 4 || Client.imageUrls(photo).stream().anyMatch(u -> client.status(u) != 200)) {
                        unpublishedReady.add(entry.getKey());
                    }
                } else if (!keys.isEmpty()) {
                    publishedWithoutReady.add(entry.getKey());
                }
            }
            var mediaPhotos = new HashSet<String>();
            for (var vehicle : vehicles) {
                buckets.published(vehicle.id()).forEach(k -> mediaPhotos.add(k.split("/")[3]));
            }
            mediaPhotos.stream()
                    .filter(p -> !byPhoto.containsKey(p)
                            || !byPhoto.get(p).get(0).get("status").asString().equals("READY"))
                    .forEach(publishedWithoutReady::add);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> leftovers(
                                    buckets, vehicles.stream().map(Vehicle::id).toList())
                            .isEmpty());
        }

        var report = new StringBuilder()
                .append("chaos run: ")
                .append(UPLOADS)
                .append(" uploads at ")
                .append(RATE)
                .append("/s; ")
                .append(RunningServices.INSTANCES)
                .append(" instances of each deployment; ")
                .append(kills.values().stream().mapToInt(Integer::intValue).sum())
                .append(" SIGKILLs + restarts ")
                .append(kills)
                .append(" (")
                .append(killsDuringBurst)
                .append("); Kafka broker restarted once\n")
                .append("photo rows: ")
                .append(rows.size())
                .append(" for ")
                .append(byPhoto.size())
                .append(" photos; by status ")
                .append(new java.util.TreeMap<>(statusCounts))
                .append('\n')
                .append("duplicate rows: ")
                .append(duplicates)
                .append("; READY without its published images: ")
                .append(unpublishedReady.size())
                .append("; published without a READY row: ")
                .append(publishedWithoutReady.size())
                .append("; uploads left in the bucket: 0\n")
                .append("outcome events on Kafka: ")
                .append(events.values().stream().mapToInt(Integer::intValue).sum())
                .append(" for ")
                .append(events.size())
                .append(" photos (redeliveries absorbed: ")
                .append(events.values().stream().mapToInt(n -> n - 1).sum())
                .append(")\n")
                .append("settled ")
                .append(settled.toSeconds())
                .append(" s after the last upload\n")
                .append("peak RSS per instance, MB (service JVMs at -Xmx384m): ")
                .append(services.peakRssMb())
                .append('\n');
        Files.writeString(Path.of("target", "chaos-report.txt"), report);
        System.out.print(report);

        assertThat(duplicates).as("photos with more than one row").isZero();
        assertThat(byPhoto.keySet()).as("one row per upload, no more").isEqualTo(expected.keySet());
        for (var entry : byPhoto.entrySet()) {
            assertThat(entry.getValue().get(0).get("status").asString())
                    .as(entry.getKey())
                    .isEqualTo(expected.get(entry.getKey()));
        }
        assertThat(unpublishedReady).as("READY without its published images").isEmpty();
        assertThat(publishedWithoutReady).as("published without a READY row").isEmpty();
        assertThat(kills.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ROUNDS * VICTIMS.size());
        for (var instance : RunningServices.allInstances()) {
            assertThat(services.ready(instance))
                    .as(instance + " ready after the run")
                    .isTrue();
        }
    }

    private static void awaitSent(AtomicInteger sent, CompletableFuture<Void> burst, int count) {
        await().atMost(Duration.ofMinutes(5)).until(() -> sent.get() >= count || burst.isDone());
        if (burst.isCompletedExceptionally()) {
            burst.join();
        }
    }

    private static List<JsonNode> photoRows(List<Vehicle> vehicles) {
        var rows = new ArrayList<JsonNode>();
        for (var vehicle : vehicles) {
            rows.addAll(client.photos(vehicle.token(), vehicle.id()));
        }
        return rows;
    }

    private static List<String> leftovers(Buckets buckets, List<String> vehicles) {
        return buckets.uploads().stream()
                .filter(k -> vehicles.stream().anyMatch(v -> k.contains("/" + v + "/")))
                .toList();
    }

    /** The photo id of an event; none for a record that is not an event (the hostile suite writes some). */
    private static String photoIdOf(byte[] value) {
        try {
            return Client.JSON.readTree(value).path("photoId").asString("");
        } catch (tools.jackson.core.JacksonException e) {
            return "";
        }
    }

    /** How many READY/REJECTED events each photo got on Kafka: at-least-once delivery shows here, not in the rows. */
    private static Map<String, Integer> eventsPerPhoto(java.util.Set<String> photos) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        var counts = new HashMap<String, Integer>();
        try (var consumer =
                new KafkaConsumer<byte[], byte[]>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = new ArrayList<TopicPartition>();
            for (var topic : List.of(Topics.PHOTO_READY, Topics.PHOTO_REJECTED)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var photo = photoIdOf(record.value());
                    if (photos.contains(photo)) {
                        counts.merge(photo, 1, Integer::sum);
                    }
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return counts;
    }
}
