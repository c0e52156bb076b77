package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.storage.UploadKey;
import com.vehiclephotos.fixtures.images.HeifPhotos;
import com.vehiclephotos.fixtures.images.Hostile;
import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * Abuse from outside, against the running services: hostile files through the real upload path,
 * tampered and expired URLs, other owners' vehicles, fuzzed bodies and malformed messages. Every
 * case gets its typed answer, nothing is published, and no service restarts.
 */
@WithDevstack
class HostileInputTest {

    private static DevstackEndpoints devstack;
    private static RunningServices services;
    private static Client client;
    private static Buckets buckets;
    private static final Map<String, Long> PIDS = new HashMap<>();

    @BeforeAll
    static void start(DevstackEndpoints endpoints) {
        endpoints.requireClamd();
        devstack = endpoints;
        services = RunningServices.shared(endpoints);
        client = new Client(services);
        buckets = new Buckets(endpoints);
        RunningServices.allInstances().forEach(s -> PIDS.put(s, services.pid(s)));
    }

    @AfterAll
    static void noServiceRestartedAndAllAreReady() {
        if (services == null) {
            return;
        }
        for (var service : RunningServices.allInstances()) {
            assertThat(services.pid(service)).as("pid of %s", service).isEqualTo(PIDS.get(service));
            assertThat(services.ready(service)).as("%s ready", service).isTrue();
        }
        buckets.close();
    }

    @Test
    void eachHostileFileThroughTheUploadPathIsRejectedWithItsReasonAndNothingIsPublished() {
        var token = client.token("hostile-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Renault", "Clio");
        var jpeg = Images.jpeg(Images.marker(640, 480));
        record Case(String name, byte[] bytes, String type, String reason) {}
        var cases = new ArrayList<>(List.of(
                new Case("jpeg-with-eicar.jpg", Images.concat(jpeg, Images.EICAR), "image/jpeg", "MALWARE_DETECTED"),
                new Case("eicar.jpg", Images.EICAR, "image/jpeg", "UNSUPPORTED_TYPE"),
                new Case("zip.jpg", Images.zip("eicar.com", Images.EICAR), "image/jpeg", "UNSUPPORTED_TYPE"),
                new Case(
                        "page.jpg",
                        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                        "image/jpeg",
                        "UNSUPPORTED_TYPE"),
                new Case("png-said-jpeg.jpg", Images.png(Images.marker(64, 64)), "image/jpeg", "TYPE_MISMATCH"),
                new Case("bomb.png", Images.pngBomb(), "image/png", "TOO_MANY_PIXELS"),
                new Case("huge-header.jpg", Images.jpegClaiming65500(), "image/jpeg", "TOO_MANY_PIXELS"),
                new Case(
                        "truncated.jpg",
                        Images.truncated(Images.jpeg(Images.marker(1200, 900))),
                        "image/jpeg",
                        "CORRUPT_IMAGE"),
                new Case("ztxt-bomb.png", Hostile.pngWithZtxtBomb(2048), "image/png", "UNPROCESSABLE"),
                new Case("scan-bomb.jpg", Hostile.jpegScanBomb(512, 512, 5000), "image/jpeg", "UNPROCESSABLE"),
                new Case("metadata-bulk.jpg", Hostile.jpegWithMetadataBulk(80), "image/jpeg", "UNPROCESSABLE"),
                new Case("animated.png", Hostile.apng(50), "image/png", "UNSUPPORTED_TYPE")));
        if (HeifPhotos.encoderInstalled() || System.getenv("CI") != null) {
            var heic = readAll(HeifPhotos.heic(RealPhotos.right(), 70));
            cases.add(new Case("truncated.heic", Arrays.copyOf(heic, heic.length / 2), "image/heic", "CORRUPT_IMAGE"));
            cases.add(new Case(
                    "huge-header.heic",
                    HeifPhotos.claimingSize(heic, 60_000, 60_000),
                    "image/heic",
                    "TOO_MANY_PIXELS"));
        }
        var expected = new HashMap<String, Case>();
        for (var c : cases) {
            var presign = client.presign(token, vehicle, c.name(), c.type(), c.bytes().length);
            assertThat(client.put(presign, c.bytes())).as(c.name()).isEqualTo(200);
            expected.put(presign.get("photoId").asString(), c);
        }

        var photos = await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> client.photos(token, vehicle),
                        list -> list.size() == cases.size()
                                && list.stream()
                                        .allMatch(
                                                p -> p.get("status").asString().equals("REJECTED")));
        for (var photo : photos) {
            var c = expected.get(photo.get("id").asString());
            assertThat(photo.get("rejection").get("reason").asString())
                    .as(c.name())
                    .isEqualTo(c.reason());
            assertThat(photo.get("rejection").get("message").asString())
                    .as(c.name())
                    .isNotBlank();
            assertThat(buckets.published(vehicle, photo.get("id").asString()))
                    .as("published for " + c.name())
                    .isEmpty();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> buckets.uploads().stream().noneMatch(k -> k.contains("/" + vehicle + "/")));
    }

    @Test
    void presignRefusesWhatItCanJudgeBeforeAnyByteIsSent() {
        var token = client.token("hostile-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Fiat", "Panda");
        client.presign(token, vehicle, "ok.jpg", "image/jpeg", 10);

        assertProblem(presign(token, vehicle, "big.jpg", "image/jpeg", 21L * 1024 * 1024), 413);
        assertProblem(presign(token, vehicle, "empty.jpg", "image/jpeg", 0), 400);
        assertProblem(presign(token, vehicle, "page.html", "text/html", 100), 415);
        assertProblem(presign(token, vehicle, "x.svg", "image/svg+xml", 100), 415);
        assertProblem(presign(null, vehicle, "a.jpg", "image/jpeg", 100), 401);
        assertProblem(presign("not.a.jwt", vehicle, "a.jpg", "image/jpeg", 100), 401);
    }

    @Test
    void s3RefusesTamperedAndExpiredUrlsAndNothingIsStored() {
        var token = client.token("hostile-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Skoda", "Octavia");
        var jpeg = Images.jpeg(Images.marker(320, 240));
        var expiring = client.presign(token, vehicle, "late.jpg", "image/jpeg", jpeg.length);

        var presign = client.presign(token, vehicle, "car.jpg", "image/jpeg", jpeg.length);
        var url = presign.get("upload").get("url").asString();
        var key = presign.get("key").asString();
        var headers = Client.headers(presign);
        var otherType = new HashMap<>(headers);
        otherType.put("Content-Type", "text/html");
        var forgedName = new HashMap<>(headers);
        forgedName.put("x-amz-meta-original-filename", "forged.jpg");
        var signature = url.substring(
                url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length(), url.indexOf("X-Amz-Signature=") + 24);

        assertThat(client.put(url.replace(key.substring(key.lastIndexOf('/')), "/other.jpg"), headers, jpeg))
                .as("other key")
                .isEqualTo(403);
        assertThat(client.put(url.replace("X-Amz-Signature=" + signature, "X-Amz-Signature=00000000"), headers, jpeg))
                .as("signature")
                .isEqualTo(403);
        assertThat(client.put(
                        url.replace("X-Amz-Expires=" + RunningServices.URL_EXPIRY.toSeconds(), "X-Amz-Expires=604800"),
                        headers,
                        jpeg))
                .as("longer life")
                .isEqualTo(403);
        assertThat(client.put(url, otherType, jpeg)).as("other type").isEqualTo(403);
        assertThat(client.put(url, forgedName, jpeg)).as("unsigned metadata").isEqualTo(403);
        assertThat(client.put(url, headers, Images.concat(jpeg, new byte[100])))
                .as("longer body")
                .isEqualTo(403);

        var expiresAt = Instant.parse(expiring.get("upload").get("expiresAt").asString());
        await().atMost(RunningServices.URL_EXPIRY.plusSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));
        assertThat(client.put(expiring, jpeg)).as("expired").isEqualTo(403);

        assertThat(buckets.uploads().stream().filter(k -> k.contains("/" + vehicle + "/")))
                .isEmpty();
        assertThat(client.photos(token, vehicle)).isEmpty();
    }

    @Test
    void anotherOwnersVehicleIsInvisibleEverywhere() {
        var alice = client.token("alice-" + UUID.randomUUID());
        var vehicle = client.vehicle(alice, "Toyota", "Yaris");
        var jpeg = Images.jpeg(Images.marker(320, 240));
        var presign = client.presign(alice, vehicle, "mine.jpg", "image/jpeg", jpeg.length);
        client.put(presign, jpeg);
        var photo = presign.get("photoId").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> client.photos(alice, vehicle),
                        l -> l.size() == 1 && l.get(0).get("status").asString().equals("READY"));
        var mallory = client.token("mallory-" + UUID.randomUUID());
        var path = "/api/v1/vehicles/" + vehicle;

        assertProblem(presign(mallory, vehicle, "theirs.jpg", "image/jpeg", 100), 404);
        assertProblem(client.send("vehicle-service", "GET", path, mallory, null), 404);
        assertProblem(client.send("vehicle-service", "GET", path + "/photos", mallory, null), 404);
        assertProblem(client.send("vehicle-service", "PUT", path, mallory, "{\"make\":\"X\",\"model\":\"Y\"}"), 404);
        assertProblem(
                client.send("vehicle-service", "PUT", path + "/photos/" + photo + "/primary", mallory, null), 404);
        assertProblem(client.send("vehicle-service", "DELETE", path + "/photos/" + photo, mallory, null), 404);
        assertProblem(client.send("vehicle-service", "DELETE", path, mallory, null), 404);

        assertThat(client.photos(alice, vehicle))
                .singleElement()
                .satisfies(p -> assertThat(p.get("status").asString()).isEqualTo("READY"));
        assertThat(buckets.published(vehicle, photo)).hasSize(4);
    }

    @Test
    void deletingAPhotoOrItsVehicleWhileThePhotoIsProcessedLeavesNoPublicImage() {
        var owner = "deleter-" + UUID.randomUUID();
        var token = client.token(owner);
        var jpeg = Images.jpeg(Images.marker(4000, 3000)); // a second or two of work: deletions land mid-flight
        var keepsVehicle = client.vehicle(token, "Mini", "Cooper");
        var losesVehicle = client.vehicle(token, "Mini", "Clubman");
        var deletedPhoto = upload(token, keepsVehicle, jpeg);
        var orphanedPhoto = upload(token, losesVehicle, jpeg);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.photos(token, keepsVehicle).stream()
                        .anyMatch(p -> p.get("id").asString().equals(deletedPhoto)));
        assertThat(client.send(
                                "vehicle-service",
                                "DELETE",
                                "/api/v1/vehicles/" + keepsVehicle + "/photos/" + deletedPhoto,
                                token,
                                null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(client.send("vehicle-service", "DELETE", "/api/v1/vehicles/" + losesVehicle, token, null)
                        .statusCode())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(90))
                .until(() -> processorIsDoneWith(deletedPhoto) && processorIsDoneWith(orphanedPhoto));
        await().atMost(Duration.ofSeconds(30)).until(() -> nothingLeftOf(owner, keepsVehicle, losesVehicle));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> nothingLeftOf(owner, keepsVehicle, losesVehicle));
        assertThat(client.photos(token, keepsVehicle)).isEmpty();
    }

    private static byte[] readAll(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String upload(String token, String vehicle, byte[] jpeg) {
        var presign = client.presign(token, vehicle, "car.jpg", "image/jpeg", jpeg.length);
        assertThat(client.put(presign, jpeg)).isEqualTo(200);
        return presign.get("photoId").asString();
    }

    /** Nothing published under either vehicle, and no upload of the owner left waiting. */
    private static boolean nothingLeftOf(String owner, String... vehicles) {
        for (var vehicle : vehicles) {
            if (!buckets.published(vehicle).isEmpty()) {
                return false;
            }
        }
        return buckets.uploads().stream()
                .noneMatch(k -> UploadKey.parse(k)
                        .map(u -> u.owner().value().equals(owner))
                        .orElse(false));
    }

    /** media-processor logged the photo's end: ready, rejected, dropped, gone, or removed after a deletion mid-flight. */
    private static boolean processorIsDoneWith(String photo) throws java.io.IOException {
        var log = String.join("\n", services.logLines("media-processor"));
        return List.of(
                        "Photo " + photo + " is ready",
                        "Photo " + photo + " rejected",
                        "Photo " + photo + ": Photo",
                        "Photo " + photo + ": the upload is gone",
                        "Photo " + photo + " was deleted while")
                .stream()
                .anyMatch(log::contains);
    }

    @Test
    void fuzzedBodiesGetProblemsNeverServerErrors() {
        var token = client.token("fuzz-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Opel", "Corsa");
        var random = new Random(20261128);
        var statuses = new HashMap<Integer, Integer>();
        for (int i = 0; i < 150; i++) {
            var body = Fuzz.body(random, vehicle);
            for (var target : List.of(
                    new String[] {"upload-api", "POST", "/api/v1/uploads"},
                    new String[] {"vehicle-service", "POST", "/api/v1/vehicles"},
                    new String[] {"vehicle-service", "PUT", "/api/v1/vehicles/" + vehicle})) {
                var response = client.send(target[0], target[1], target[2], token, body);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() >= 300) {
                    assertProblem(response, response.statusCode());
                }
                assertThat(response.statusCode())
                        .as("%s %s with %s", target[1], target[2], body)
                        .isLessThan(500);
            }
        }
        System.out.println("fuzzed bodies, answers by status: " + statuses);
        assertThat(statuses.keySet()).contains(400);
    }

    @Test
    void malformedMessagesGoToTheDeadLetterPlacesAndTheFlowGoesOn() {
        var garbage = ("{not json " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        var producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        try (var producer = new KafkaProducer<byte[], byte[]>(
                producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PHOTO_UPLOADED, garbage, garbage));
            producer.send(new ProducerRecord<>(Topics.PHOTO_READY, garbage, garbage));
            producer.flush();
        }
        var sqsBody = "not an S3 event " + UUID.randomUUID();
        try (var sqs = SqsClient.builder()
                .endpointOverride(devstack.sqsEndpoint())
                .region(Region.of(devstack.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(devstack.accessKey(), devstack.secretKey())))
                .build()) {
            sqs.sendMessage(b -> b.queueUrl(devstack.uploadsQueueUrl()).messageBody(sqsBody));
            var dlq = devstack.get("sqs.queue.uploads-dlq.url");
            var found = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> sqs
                                    .receiveMessage(b -> b.queueUrl(dlq)
                                            .maxNumberOfMessages(10)
                                            .waitTimeSeconds(1)
                                            .visibilityTimeout(1)
                                            .messageAttributeNames("All")
                                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                                    .messages()
                                    .stream()
                                    .filter(m -> m.body().equals(sqsBody))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(found.messageAttributes()).containsKey("bridge-failure");
            sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(found.receiptHandle()));
        }

        assertThat(deadLetters(Topics.PHOTO_UPLOADED + Topics.DEAD_LETTER_SUFFIX, garbage))
                .as("media-processor's DLT")
                .isTrue();
        assertThat(deadLetters(Topics.PHOTO_READY + Topics.DEAD_LETTER_SUFFIX, garbage))
                .as("vehicle-service's DLT")
                .isTrue();

        var token = client.token("after-garbage-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Seat", "Ibiza");
        var jpeg = Images.jpeg(Images.marker(320, 240));
        client.put(client.presign(token, vehicle, "after.jpg", "image/jpeg", jpeg.length), jpeg);
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> client.photos(token, vehicle),
                        l -> l.size() == 1 && l.get(0).get("status").asString().equals("READY"));
    }

    private static boolean deadLetters(String topic, byte[] value) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        try (var consumer =
                new KafkaConsumer<byte[], byte[]>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                for (var record : consumer.poll(Duration.ofMillis(500))) {
                                    if (java.util.Arrays.equals(record.value(), value)) {
                                        return true;
                                    }
                                }
                                return false;
                            },
                            found -> found);
        }
    }

    private static java.net.http.HttpResponse<String> presign(
            String token, String vehicle, String name, String type, long length) {
        var body = Client.JSON.writeValueAsString(
                Map.of("vehicleId", vehicle, "filename", name, "contentType", type, "contentLength", length));
        return client.send("upload-api", "POST", "/api/v1/uploads", token, body);
    }

    private static void assertProblem(java.net.http.HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = Client.JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).startsWith("urn:vehicle-photos:problem:");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    /** Random request bodies: broken JSON, wrong types, huge and odd strings, deep nesting. */
    static final class Fuzz {

        private Fuzz() {}

        static String body(Random random, String vehicle) {
            return switch (random.nextInt(8)) {
                case 0 -> randomBytes(random);
                case 1 ->
                    "{\"vehicleId\":" + random.nextInt()
                            + ",\"filename\":[],\"contentType\":{},\"contentLength\":\"x\"}";
                case 2 ->
                    "{\"vehicleId\":\"" + vehicle + "\",\"filename\":\"" + "A".repeat(random.nextInt(5000))
                            + "\",\"contentType\":\"image/jpeg\"," + "\"contentLength\":" + random.nextLong() + "}";
                case 3 -> "[".repeat(random.nextInt(2000)) + "]".repeat(random.nextInt(2000));
                case 4 ->
                    "{\"make\":\"" + "\\u0000\\ud800".repeat(random.nextInt(50)) + "\",\"model\":null,\"vin\":\""
                            + randomAscii(random, 17) + "\"}";
                case 5 ->
                    "{\"vehicleId\":\"" + vehicle
                            + "\",\"filename\":\"../../etc/passwd\",\"contentType\":\"image/jpeg\",\"contentLength\":1e400}";
                case 6 ->
                    "{\"make\":\"VW\",\"model\":\"Golf\",\"year\":" + random.nextInt() + ",\"extra\":"
                            + random.nextBoolean() + "}";
                default -> randomAscii(random, random.nextInt(200));
            };
        }

        private static String randomBytes(Random random) {
            var bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private static String randomAscii(Random random, int length) {
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append((char) (32 + random.nextInt(95)));
            }
            return text.toString();
        }
    }
}
