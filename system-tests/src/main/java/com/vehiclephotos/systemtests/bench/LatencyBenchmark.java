package com.vehiclephotos.systemtests.bench;

import com.vehiclephotos.events.Topics;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end latency against ./run-local, from the moment S3 answered the browser's PUT to the
 * moment READY reaches the vehicle's live stream, at a steady rate, split into its legs:
 * <ul>
 * <li><b>in</b>: PUT done → PhotoUploaded on Kafka (S3 notification → SQS → bridge → Kafka);</li>
 * <li><b>processor</b>: PhotoUploaded → PhotoReady on Kafka (Kafka hop, download, scan, image work, publish);</li>
 * <li><b>out</b>: PhotoReady → READY on the SSE stream (Kafka → vehicle-service → PostgreSQL → NOTIFY → SSE).</li>
 * </ul>
 * Kafka's record timestamps (CreateTime) mark the hops; all clocks are this machine's. The
 * processor's own per-step timers ({@code media.step}) then split its leg into plumbing and image work.
 * {@code ./mvnw -q -pl system-tests exec:java -Dexec.mainClass=com.vehiclephotos.systemtests.bench.LatencyBenchmark
 * -Dexec.args="--photos=200 --rate=2"}; {@code --photo=some.jpg} sends a real photo instead of a synthetic 12 MP one.
 */
public final class LatencyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STEP =
            Pattern.compile("^media_step_seconds_(sum|count)\\{.*step=\"(\\w+)\".*} ([0-9.eE+-]+)$");

    private LatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var api = options.get("api", "http://127.0.0.1:8080");
        var vehiclesApi = options.get("vehicles", "http://127.0.0.1:8081");
        var processor = options.get("processor-management", "http://127.0.0.1:9082");
        int photos = Integer.parseInt(options.get("photos", "200"));
        double rate = Double.parseDouble(options.get("rate", "2"));
        var endpoints = Endpoints.load(options.get("endpoints", "devstack-data/endpoints.properties"));
        var photo = options.values().containsKey("photo")
                ? Files.readAllBytes(Path.of(options.get("photo", "")))
                : synthetic(4000, 3000);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        var putDone = new ConcurrentHashMap<String, Long>();
        var uploaded = new ConcurrentHashMap<String, Long>();
        var ready = new ConcurrentHashMap<String, Long>();
        var visible = new ConcurrentHashMap<String, Long>();
        var reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        startTimestampReader(endpoints.get("kafka.bootstrap-servers"), uploaded, ready, reading);

        record Owner(String token, String vehicle) {}
        var owners = new ArrayList<Owner>();
        for (int i = 0; i < Math.max(1, (photos + 19) / 20); i++) { // 20 each: under the default 30-per-minute limit
            var token = JSON.readTree(post(
                            http, api + "/api/v1/dev/tokens", null, "{\"sub\":\"latency-" + System.nanoTime() + "\"}"))
                    .get("access_token")
                    .asString();
            var vehicle = JSON.readTree(post(
                            http,
                            vehiclesApi + "/api/v1/vehicles",
                            token,
                            "{\"make\":\"Bench\",\"model\":\"Latency\"}"))
                    .get("id")
                    .asString();
            owners.add(new Owner(token, vehicle));
            http.sendAsync(
                            HttpRequest.newBuilder(
                                            URI.create(vehiclesApi + "/api/v1/vehicles/" + vehicle + "/photos/stream"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> r.body().filter(l -> l.startsWith("data:")).forEach(l -> {
                        long now = System.currentTimeMillis();
                        for (var p : JSON.readTree(l.substring(5))) {
                            if (p.get("status").asString().equals("READY")) {
                                visible.putIfAbsent(p.get("id").asString(), now);
                            }
                        }
                    }));
        }
        var stepsBefore = steps(http, processor);

        long interval = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; i < photos; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            var owner = owners.get(i / 20);
            putDone.put(upload(http, api, owner.token(), owner.vehicle(), i, photo), System.currentTimeMillis());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (visible.keySet().containsAll(putDone.keySet()) == false && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        var stepsAfter = steps(http, processor);
        reading.set(false);

        var ids = putDone.keySet().stream()
                .filter(id -> visible.containsKey(id) && uploaded.containsKey(id) && ready.containsKey(id))
                .toList();
        System.out.printf(
                "end to end: %d photos of %d bytes at %.1f/s; %d of them measured (READY on the stream)%n",
                photos, photo.length, rate, ids.size());
        print(
                "PUT done -> READY on the stream",
                ids.stream().mapToLong(id -> visible.get(id) - putDone.get(id)).toArray());
        print(
                "  in: PUT done -> PhotoUploaded (S3 event, SQS, bridge, Kafka)",
                ids.stream().mapToLong(id -> uploaded.get(id) - putDone.get(id)).toArray());
        print(
                "  processor: PhotoUploaded -> PhotoReady",
                ids.stream().mapToLong(id -> ready.get(id) - uploaded.get(id)).toArray());
        print(
                "  out: PhotoReady -> READY on the stream (vehicle-service, PostgreSQL, SSE)",
                ids.stream().mapToLong(id -> visible.get(id) - ready.get(id)).toArray());
        System.out.println("  processor's steps, mean ms per photo during the run:");
        var means = new java.util.TreeMap<String, Double>();
        for (var step : stepsAfter.keySet()) {
            var before = stepsBefore.getOrDefault(step, new double[2]);
            var after = stepsAfter.get(step);
            double count = after[1] - before[1];
            means.put(step, count == 0 ? 0 : (after[0] - before[0]) / count * 1000);
            System.out.printf("    %-9s %8.1f ms%n", step, means.get(step));
        }
        // render is the round trip to the worker process; decode and resize are timed inside it
        double image = means.getOrDefault("measure", 0.0)
                + means.getOrDefault("decode", 0.0)
                + means.getOrDefault("resize", 0.0);
        double worker = Math.max(
                0,
                means.getOrDefault("render", 0.0)
                        - means.getOrDefault("decode", 0.0)
                        - means.getOrDefault("resize", 0.0));
        double io = means.entrySet().stream()
                        .filter(e -> !List.of("measure", "decode", "resize", "render")
                                .contains(e.getKey()))
                        .mapToDouble(java.util.Map.Entry::getValue)
                        .sum()
                + worker;
        System.out.printf(
                "  image work (measure + decode + resize) %.1f ms; the processor's plumbing %.1f ms (of which the"
                        + " worker round trip beyond decode and resize %.1f ms)%n",
                image, io, worker);
        System.exit(0);
    }

    private static void print(String leg, long[] millis) {
        Arrays.sort(millis);
        var nanos = Arrays.stream(millis).map(m -> m * 1_000_000).toArray();
        System.out.printf(
                "%-78s p50 %7.0f ms   p99 %7.0f ms   max %7.0f ms%n",
                leg,
                Endpoints.percentile(nanos, 50),
                Endpoints.percentile(nanos, 99),
                millis.length == 0 ? Double.NaN : (double) millis[millis.length - 1]);
    }

    /** Reads PhotoUploaded and PhotoReady as they are written and keeps each one's CreateTime by photo id. */
    static void startTimestampReader(
            String bootstrap,
            Map<String, Long> uploaded,
            Map<String, Long> ready,
            java.util.concurrent.atomic.AtomicBoolean reading) {
        var consumer = new KafkaConsumer<byte[], byte[]>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        var partitions = new ArrayList<TopicPartition>();
        for (var topic : List.of(Topics.PHOTO_UPLOADED, Topics.PHOTO_READY)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        var thread = new Thread(
                () -> {
                    try (consumer) {
                        while (reading.get()) {
                            for (var record : consumer.poll(Duration.ofMillis(200))) {
                                try {
                                    var id = JSON.readTree(record.value())
                                            .path("photoId")
                                            .asString("");
                                    (record.topic().equals(Topics.PHOTO_UPLOADED) ? uploaded : ready)
                                            .putIfAbsent(id, record.timestamp());
                                } catch (tools.jackson.core.JacksonException e) {
                                    // not an event: someone else's test record; not ours to time
                                }
                            }
                        }
                    }
                },
                "timestamps");
        thread.setDaemon(true);
        thread.start();
    }

    /** media.step timer sums and counts by step, from the processor's Prometheus endpoint. */
    public static Map<String, double[]> steps(HttpClient http, String processor) throws Exception {
        var body = http.send(
                        HttpRequest.newBuilder(URI.create(processor + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var steps = new TreeMap<String, double[]>();
        for (var line : body.split("\n")) {
            var m = STEP.matcher(line);
            if (m.matches()) {
                steps.computeIfAbsent(m.group(2), s -> new double[2])[m.group(1).equals("sum") ? 0 : 1] +=
                        Double.parseDouble(m.group(3));
            }
        }
        return steps;
    }

    /** Presigns upload {@code i} and PUTs the photo to the URL as a browser does; the photo's id once S3 has answered 200. */
    static String upload(HttpClient http, String api, String token, String vehicle, int i, byte[] original)
            throws Exception {
        var photo = distinct(original, i);
        var presign = presign(http, api, token, vehicle, i, photo.length);
        var upload = presign.get("upload");
        var put = HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo));
        upload.get("headers")
                .properties()
                .forEach(e -> put.header(e.getKey(), e.getValue().asString()));
        var status =
                http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("S3 answered " + status + " to upload " + i);
        }
        return presign.get("photoId").asString();
    }

    private static final String RUN = UUID.randomUUID().toString();

    /**
     * The photo with a JPEG comment naming this run and upload, so that no two uploads are the same
     * bytes, as no two users' photos are: ClamAV remembers files it found clean by their hash and
     * answers the same bytes again in a few milliseconds, which made the scan look ten times cheaper
     * than it is. The pixels, and so the image work, stay the same. Not a JPEG: sent as it is. (The
     * tests' fixtures have the same for JPEG and PNG, {@code Images.distinct}; the load generators run
     * without the test classpath.)
     */
    static byte[] distinct(byte[] photo, int i) {
        if (photo.length < 2 || (photo[0] & 0xff) != 0xFF || (photo[1] & 0xff) != 0xD8) {
            return photo;
        }
        var comment = ("bench " + RUN + " " + i).getBytes(StandardCharsets.US_ASCII);
        var out = new ByteArrayOutputStream(photo.length + comment.length + 4);
        out.write(photo, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xFE); // COM
        out.write((comment.length + 2) >> 8);
        out.write((comment.length + 2) & 0xff);
        out.write(comment, 0, comment.length);
        out.write(photo, 2, photo.length - 2);
        return out.toByteArray();
    }

    static JsonNode presign(HttpClient http, String api, String token, String vehicle, int i, long length)
            throws Exception {
        var body = "{\"vehicleId\":\"" + vehicle + "\",\"filename\":\"latency-" + i
                + ".jpg\",\"contentType\":\"image/jpeg\",\"contentLength\":" + length + "}";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) { // a new vehicle reaches upload-api through the ownership topic: 404 until it has
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/api/v1/uploads"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            if (response.statusCode() != 404 || System.nanoTime() > deadline) {
                throw new IllegalStateException("presign answered " + response.statusCode() + ": " + response.body());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    static String post(HttpClient http, String url, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A 12 MP photo-like JPEG: gradients and noise, so it neither compresses to nothing nor decodes trivially. */
    static byte[] synthetic(int width, int height) throws Exception {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 120), width, height, new Color(220, 180, 90)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        var random = new java.util.Random(7);
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                image.setRGB(x, y, image.getRGB(x, y) ^ (random.nextInt(32) * 0x010101));
            }
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
