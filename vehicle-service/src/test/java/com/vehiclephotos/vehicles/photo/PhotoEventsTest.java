package com.vehiclephotos.vehicles.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.fixtures.events.PhotoEvents;
import com.vehiclephotos.fixtures.events.TopicReader;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Photos attached from real Kafka events: duplicates, reordering, strangers and poison included. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class PhotoEventsTest {

    private static PhotoEvents events;
    private static TopicReader kafka;

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void connect(DevstackEndpoints devstack) {
        events = new PhotoEvents(devstack.kafkaBootstrapServers());
        kafka = new TopicReader(
                devstack.kafkaBootstrapServers(),
                List.of(Topics.PHOTO_DELETED, Topics.deadLetterOf(Topics.PHOTO_READY)));
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        events.close();
        kafka.close();
    }

    @Test
    void uploadedThenReadyEndsReadyWithItsImagesAndBecomesTheCover() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var photo = UUID.randomUUID();

        events.send(PhotoEvents.uploaded(owner, vehicle, photo));
        awaitPhoto(owner, vehicle, photo, "PROCESSING");
        events.send(PhotoEvents.ready(owner, vehicle, photo));

        awaitPhoto(owner, vehicle, photo, "READY");
        web.get()
                .uri("/api/v1/vehicles/{id}", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectBody()
                .jsonPath("$.coverPhotoId")
                .isEqualTo(photo.toString())
                .jsonPath("$.photos[0].original.url")
                .value(u -> assertThat((String) u).endsWith("/original.jpg"))
                .jsonPath("$.photos[0].variants[0].width")
                .isEqualTo(320)
                .jsonPath("$.photos[0].placeholder")
                .isEqualTo("3OcRJYB4d3h/iIeHeEh3eIhw+j2w")
                .jsonPath("$.photos[0].dominantColor")
                .isEqualTo("#6b7b8c")
                .jsonPath("$.photos[0].quality[0].flag")
                .isEqualTo("BLURRY")
                .jsonPath("$.photos[0].quality[0].score")
                .isEqualTo(7.0);
    }

    @Test
    void aReadyFromAnOlderProcessorWithoutPlaceholderColourOrQualityIsReadyWithout() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var photo = UUID.randomUUID();
        var current = PhotoEvents.ready(owner, vehicle, photo);

        events.send(new PhotoReady(
                current.photoId(),
                current.ownerId(),
                current.vehicleId(),
                current.original(),
                current.variants(),
                current.sha256(),
                current.processedAt(),
                null,
                null,
                null));

        awaitPhoto(owner, vehicle, photo, "READY");
        Map<?, ?> shown = photos(owner, vehicle).get(0);
        assertThat(shown.keySet().stream().map(String::valueOf).toList())
                .doesNotContain("placeholder", "dominantColor", "quality");
    }

    @Test
    void readyBeforeUploadedStillEndsReadyAndReplaysChangeNothing() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var photo = UUID.randomUUID();
        var unchangedBefore = applied("PhotoRejected", "unchanged")
                + applied("PhotoUploaded", "unchanged")
                + applied("PhotoReady", "unchanged");

        events.send(PhotoEvents.ready(owner, vehicle, photo));
        awaitPhoto(owner, vehicle, photo, "READY");
        events.send(PhotoEvents.uploaded(owner, vehicle, photo));
        events.send(PhotoEvents.ready(owner, vehicle, photo));
        events.send(PhotoEvents.rejected(owner, vehicle, photo));

        // all three were processed, and none of them changed anything
        await().atMost(Duration.ofSeconds(20))
                .until(() -> applied("PhotoRejected", "unchanged")
                                + applied("PhotoUploaded", "unchanged")
                                + applied("PhotoReady", "unchanged")
                        >= unchangedBefore + 3);
        var list = photos(owner, vehicle);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("status")).isEqualTo("READY");
        assertThat(list.get(0).get("rejection")).isNull();
    }

    @Test
    void rejectedCarriesTheReasonAndAPlainSentence() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var photo = UUID.randomUUID();

        events.send(PhotoEvents.uploaded(owner, vehicle, photo));
        events.send(PhotoEvents.rejected(owner, vehicle, photo));

        var rejected = awaitPhoto(owner, vehicle, photo, "REJECTED");
        assertThat(rejected.get("rejection").toString())
                .contains("MALWARE_DETECTED")
                .contains("rejected by the malware scanner")
                .contains("Eicar");
    }

    @Test
    void anEventWhoseOwnerDoesNotOwnTheVehicleRecordsNothing() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var before = applied("PhotoUploaded", "not_owned");

        events.send(PhotoEvents.uploaded("mallory", vehicle, UUID.randomUUID()));
        events.send(PhotoEvents.ready("mallory", vehicle, UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied("PhotoUploaded", "not_owned") > before);
        assertThat(photos(owner, vehicle)).isEmpty();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var photo = UUID.randomUUID();

        events.sendGarbage(
                Topics.PHOTO_READY,
                vehicle.toString(),
                "{\"this\":\"is not a PhotoReady\"".getBytes(StandardCharsets.UTF_8));
        events.send(PhotoEvents.uploaded(owner, vehicle, photo));
        events.send(PhotoEvents.ready(owner, vehicle, photo)); // same key, so the same partition as the poison

        awaitPhoto(owner, vehicle, photo, "READY");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !kafka.withKey(Topics.deadLetterOf(Topics.PHOTO_READY), vehicle.toString())
                        .isEmpty());
        var deadLetter = kafka.withKey(Topics.deadLetterOf(Topics.PHOTO_READY), vehicle.toString())
                .get(0);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).contains("is not a PhotoReady");
        assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-message"))
                .isNotNull();
    }

    @Test
    void deletingAPhotoAnnouncesItAndALateReadyDoesNotBringItBackButHasItsImagesRemoved() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var photo = UUID.randomUUID();
        events.send(PhotoEvents.uploaded(owner, vehicle, photo));
        awaitPhoto(owner, vehicle, photo, "PROCESSING");

        web.delete()
                .uri("/api/v1/vehicles/{v}/photos/{p}", vehicle, photo)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNoContent();
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        kafka.withKey(Topics.PHOTO_DELETED, vehicle.toString()).size() == 1);
        events.send(PhotoEvents.ready(owner, vehicle, photo)); // published while the deletion was on its way

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        kafka.withKey(Topics.PHOTO_DELETED, vehicle.toString()).size() == 2);
        assertThat(kafka.withKey(Topics.PHOTO_DELETED, vehicle.toString()))
                .allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .contains(photo.toString()));
        assertThat(applied("PhotoReady", "cleaned_up")).isPositive();
        assertThat(photos(owner, vehicle)).isEmpty();
        web.delete()
                .uri("/api/v1/vehicles/{v}/photos/{p}", vehicle, photo)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void anUploadOrReadyForAVehicleThatWasDeletedHasItsImagesRemoved() {
        var owner = owner();
        var vehicle = vehicle(owner);
        web.delete()
                .uri("/api/v1/vehicles/{id}", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNoContent();
        var uploaded = UUID.randomUUID();
        var ready = UUID.randomUUID();
        var rejected = UUID.randomUUID();

        events.send(PhotoEvents.uploaded(owner, vehicle, uploaded));
        events.send(PhotoEvents.ready(owner, vehicle, ready));
        events.send(PhotoEvents.rejected(owner, vehicle, rejected)); // nothing was published: nothing to remove

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        kafka.withKey(Topics.PHOTO_DELETED, vehicle.toString()).size() == 2);
        assertThat(kafka.withKey(Topics.PHOTO_DELETED, vehicle.toString()))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .anySatisfy(v -> assertThat(v).contains(uploaded.toString()))
                .anySatisfy(v -> assertThat(v).contains(ready.toString()));
    }

    @Test
    void theCoverCanBeAnyReadyPhotoButNotAProcessingOne() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        var pending = UUID.randomUUID();
        events.send(PhotoEvents.ready(owner, vehicle, first));
        events.send(PhotoEvents.ready(owner, vehicle, second));
        events.send(PhotoEvents.uploaded(owner, vehicle, pending));
        awaitPhoto(owner, vehicle, second, "READY");
        awaitPhoto(owner, vehicle, pending, "PROCESSING");

        primary(owner, vehicle, second).expectStatus().isNoContent();
        primary(owner, vehicle, pending)
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:vehicle-photos:problem:photo-not-ready");
        primary(owner, vehicle, UUID.randomUUID()).expectStatus().isNotFound();

        web.get()
                .uri("/api/v1/vehicles/{id}", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectBody()
                .jsonPath("$.coverPhotoId")
                .isEqualTo(second.toString());
    }

    @Test
    void whenTheCoverIsDeletedTheOldestReadyPhotoTakesItsPlaceAndTheLastLeavesNone() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        events.send(PhotoEvents.ready(owner, vehicle, first));
        awaitPhoto(owner, vehicle, first, "READY");
        events.send(PhotoEvents.ready(owner, vehicle, second));
        awaitPhoto(owner, vehicle, second, "READY");
        assertThat(cover(owner, vehicle)).isEqualTo(first.toString());

        deletePhoto(owner, vehicle, first);
        assertThat(cover(owner, vehicle)).isEqualTo(second.toString());
        deletePhoto(owner, vehicle, second);
        assertThat(cover(owner, vehicle)).isNull();
    }

    private void deletePhoto(String owner, UUID vehicle, UUID photo) {
        web.delete()
                .uri("/api/v1/vehicles/{v}/photos/{p}", vehicle, photo)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private Object cover(String owner, UUID vehicle) {
        return web.get()
                .uri("/api/v1/vehicles/{id}", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("coverPhotoId");
    }

    @Test
    void deletingAVehicleAnnouncesTheDeletionOfEachOfItsPhotos() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var photos = List.of(UUID.randomUUID(), UUID.randomUUID());
        photos.forEach(p -> events.send(PhotoEvents.ready(owner, vehicle, p)));
        photos.forEach(p -> awaitPhoto(owner, vehicle, p, "READY"));

        web.delete()
                .uri("/api/v1/vehicles/{id}", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNoContent();

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        kafka.withKey(Topics.PHOTO_DELETED, vehicle.toString()).size() == 2);
    }

    private WebTestClient.ResponseSpec primary(String owner, UUID vehicle, UUID photo) {
        return web.put()
                .uri("/api/v1/vehicles/{v}/photos/{p}/primary", vehicle, photo)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange();
    }

    private Map<?, ?> awaitPhoto(String owner, UUID vehicle, UUID photo, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> photos(owner, vehicle).stream()
                                .filter(p -> p.get("id").equals(photo.toString())
                                        && p.get("status").equals(status))
                                .findFirst()
                                .orElse(null),
                        p -> p != null);
    }

    @SuppressWarnings("unchecked")
    private List<Map<?, ?>> photos(String owner, UUID vehicle) {
        return web.get()
                .uri("/api/v1/vehicles/{id}/photos", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
    }

    private UUID vehicle(String owner) {
        var created = web.post()
                .uri("/api/v1/vehicles")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("make", "Tesla", "model", "Model 3"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }

    private double applied(String type, String outcome) {
        var counter = meters.find("photos.events")
                .tag("type", type)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String owner() {
        return "owner-" + UUID.randomUUID();
    }
}
