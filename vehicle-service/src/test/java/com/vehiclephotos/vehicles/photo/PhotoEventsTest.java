package com.vehiclephotos.vehicles.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.PhotoFlagged;
import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.kafka.PhotoEventJson;
import com.vehiclephotos.fixtures.events.PhotoEvents;
import com.vehiclephotos.fixtures.events.TopicReader;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.vehicles.SellerCalls;
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
                List.of(Topics.PHOTO_DELETED, Topics.deadLetterOf(Topics.PHOTO_READY), Topics.PHOTO_FLAGGED));
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
                null,
                null,
                null));

        awaitPhoto(owner, vehicle, photo, "READY");
        Map<?, ?> shown = photos(owner, vehicle).get(0);
        assertThat(shown.keySet().stream().map(String::valueOf).toList())
                .doesNotContain("placeholder", "dominantColor", "quality", "capture", "duplicateOf");
    }

    @Test
    void theSamePhotoAgainOnOneVehicleIsMarkedADuplicateOfTheFirstAndItsCaptureIsShownToItsOwner() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var first = UUID.randomUUID();
        var nearCopy = UUID.randomUUID();
        var sameBytes = UUID.randomUUID();
        var other = UUID.randomUUID();
        var hash = randomHash();
        var sha = PhotoEvents.sha256(first.toString());

        events.send(PhotoEvents.ready(owner, vehicle, first, sha, hex(hash)));
        awaitPhoto(owner, vehicle, first, "READY");
        events.send(PhotoEvents.ready(
                owner, vehicle, nearCopy, PhotoEvents.sha256("x" + nearCopy), hex(flip(hash, 0, 3, 3, 2))));
        events.send(PhotoEvents.ready(owner, vehicle, sameBytes, sha, hex(~hash)));
        events.send(
                PhotoEvents.ready(owner, vehicle, other, PhotoEvents.sha256("x" + other), hex(flip(hash, 2, 3, 3, 3))));

        awaitPhoto(owner, vehicle, other, "READY");
        var shown = photos(owner, vehicle);
        assertThat(shown.stream().map(p -> String.valueOf(p.get("duplicateOf"))).toList())
                .as("first, a copy 8 bits away, the same bytes (whatever the hash), a photo 9 bits away")
                .containsExactly("null", first.toString(), first.toString(), "null");
        assertThat(String.valueOf(shown.get(0).get("capture")))
                .isEqualTo("{takenAt=2026-11-25T16:42:07+01:00, make=Apple, model=iPhone 15 Pro}");
        assertThat(kafka.withKey(Topics.PHOTO_FLAGGED, vehicle.toString()))
                .as("one owner's own copies are no fraud")
                .isEmpty();
    }

    @Test
    void aPhotoLikeOneOnAnotherOwnersVehicleIsFlaggedForModerationAndNeverShownToTheUploader() {
        var seller = owner();
        var original = UUID.randomUUID();
        var sellersVehicle = vehicle(seller);
        var copier = owner();
        var copiersVehicle = vehicle(copier);
        var copy = UUID.randomUUID();
        var unrelated = UUID.randomUUID();
        var hash = randomHash();
        events.send(PhotoEvents.ready(seller, sellersVehicle, original, PhotoEvents.sha256("a" + original), hex(hash)));
        awaitPhoto(seller, sellersVehicle, original, "READY");

        events.send(PhotoEvents.ready(
                copier, copiersVehicle, copy, PhotoEvents.sha256("b" + copy), hex(flip(hash, 0, 2, 3, 3))));
        events.send(PhotoEvents.ready(
                copier, copiersVehicle, unrelated, PhotoEvents.sha256("c" + unrelated), hex(flip(hash, 2, 3, 3, 3))));

        awaitPhoto(copier, copiersVehicle, unrelated, "READY");
        var flags = await().atMost(Duration.ofSeconds(20))
                .until(() -> kafka.withKey(Topics.PHOTO_FLAGGED, copiersVehicle.toString()), f -> !f.isEmpty());
        var flag = PhotoEventJson.read(flags.get(0).value(), PhotoFlagged.class);
        assertThat(flag.photoId().value()).isEqualTo(copy);
        assertThat(flag.matchedPhotoId().value()).isEqualTo(original);
        assertThat(flag.matchedOwnerId().value()).isEqualTo(seller);
        assertThat(flag.matchedVehicleId().value()).isEqualTo(sellersVehicle);
        assertThat(flag.distance()).isEqualTo(8);
        assertThat(flag.identical()).isFalse();
        assertThat(flags).as("the photo 9 bits away is someone else's photo").hasSize(1);
        var copierSees = photos(copier, copiersVehicle).toString();
        assertThat(copierSees)
                .doesNotContain(original.toString())
                .doesNotContain(sellersVehicle.toString())
                .doesNotContain(seller)
                .doesNotContain("duplicateOf");
    }

    @Test
    void theOwnersOrderIsKeptAndPhotosUploadedSinceFollowInUploadOrder() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var p1 = UUID.randomUUID();
        var p2 = UUID.randomUUID();
        var p3 = UUID.randomUUID();
        for (var photo : List.of(p1, p2, p3)) {
            events.send(PhotoEvents.ready(owner, vehicle, photo));
            awaitPhoto(owner, vehicle, photo, "READY");
        }

        order(owner, vehicle, List.of(p3, p1)).expectStatus().isNoContent();
        assertThat(ids(owner, vehicle)).containsExactly(p3, p1, p2);

        var p4 = UUID.randomUUID();
        events.send(PhotoEvents.uploaded(owner, vehicle, p4));
        awaitPhoto(owner, vehicle, p4, "PROCESSING");
        assertThat(ids(owner, vehicle)).containsExactly(p3, p1, p2, p4);

        order(owner, vehicle, List.of(p4, p2)).expectStatus().isNoContent();
        assertThat(ids(owner, vehicle)).as("the unlisted ones lose their place").containsExactly(p4, p2, p1, p3);
    }

    @Test
    void anOrderWithAStrangersPhotoARepeatOrAnotherOwnersVehicleIsRefusedAndChangesNothing() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var mine = UUID.randomUUID();
        events.send(PhotoEvents.ready(owner, vehicle, mine));
        awaitPhoto(owner, vehicle, mine, "READY");
        var stranger = owner();
        var theirs = UUID.randomUUID();
        var theirVehicle = vehicle(stranger);
        events.send(PhotoEvents.ready(stranger, theirVehicle, theirs));
        awaitPhoto(stranger, theirVehicle, theirs, "READY");

        order(owner, vehicle, List.of(theirs, mine))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .value(t -> assertThat((String) t).endsWith("photo-order-invalid"));
        order(owner, vehicle, List.of(mine, mine)).expectStatus().isBadRequest();
        order(stranger, vehicle, List.of(mine)).expectStatus().isNotFound();
        web.put()
                .uri("/api/v1/vehicles/{id}/photos/order", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(ids(stranger, theirVehicle)).containsExactly(theirs);
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
        return SellerCalls.createVehicle(web, owner, "Tesla", "Model 3");
    }

    private double applied(String type, String outcome) {
        var counter = meters.find("photos.events")
                .tag("type", type)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private WebTestClient.ResponseSpec order(String owner, UUID vehicle, List<UUID> photos) {
        return web.put()
                .uri("/api/v1/vehicles/{id}/photos/order", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("photoIds", photos))
                .exchange();
    }

    private List<UUID> ids(String owner, UUID vehicle) {
        return photos(owner, vehicle).stream()
                .map(p -> UUID.fromString((String) p.get("id")))
                .toList();
    }

    private static long randomHash() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong();
    }

    private static String hex(long hash) {
        return String.format("%016x", hash);
    }

    /**
     * The hash with this many bits flipped in each of its three bands (63..43, 42..22, 21..0), every
     * fifth bit from {@code first} on in each: hashes flipped from different firsts share no flip.
     */
    private static long flip(long hash, int first, int high, int middle, int low) {
        for (int i = 0; i < high; i++) {
            hash ^= 1L << (43 + first + i * 5);
        }
        for (int i = 0; i < middle; i++) {
            hash ^= 1L << (22 + first + i * 5);
        }
        for (int i = 0; i < low; i++) {
            hash ^= 1L << (first + i * 5);
        }
        return hash;
    }

    private static String owner() {
        return "owner-" + UUID.randomUUID();
    }
}
