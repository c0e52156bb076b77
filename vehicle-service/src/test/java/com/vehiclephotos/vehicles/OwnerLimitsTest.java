package com.vehiclephotos.vehicles;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/**
 * What one account can hold: vehicles (capped, and created at a bounded rate) and live photo
 * streams (capped, and none outlives its token or its vehicle). Small limits so the edges are reachable.
 */
@WithDevstack
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vehicles.limits.per-owner=3",
            "vehicles.limits.creations.capacity=5",
            "vehicles.limits.creations.refill=5",
            "vehicles.limits.creations.period=1h",
            "vehicles.limits.streams-per-owner=2"
        })
@AutoConfigureWebTestClient(timeout = "60s")
@ActiveProfiles("devstack")
class OwnerLimitsTest {

    private static final String PROBLEM = "urn:vehicle-photos:problem:";

    @Autowired
    WebTestClient web;

    @Test
    void anOwnerCannotHoldMoreVehiclesThanTheCapEvenWhenCreatingInParallel() throws Exception {
        var owner = owner();
        var statuses = new ArrayList<Integer>();
        var pool = Executors.newFixedThreadPool(5);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 5; i++) {
                calls.add(() ->
                        create(owner).expectBody().returnResult().getStatus().value());
            }
            for (var result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(2);
        assertThat(count(owner)).isEqualTo(3);
        create(owner)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS); // six creations asked, five allowed an hour
    }

    @Test
    void theCapAnswersWithAProblemThatSaysWhatToDo() {
        var owner = owner();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            ids.add(vehicle(owner).toString());
        }

        create(owner)
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "vehicle-limit-reached")
                .jsonPath("$.limit")
                .isEqualTo(3)
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("Delete one"));

        web.delete()
                .uri("/api/v1/vehicles/{id}", ids.get(0))
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNoContent();
        create(owner).expectStatus().isCreated();
        create(owner)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "rate-limited");
    }

    @Test
    void theStreamBeyondTheCapIs429AndAClosedStreamGivesItsSlotBack() {
        var owner = owner();
        var vehicle = vehicle(owner);
        var first = SellerCalls.photoStream(web, TestTokens.forOwner(owner), vehicle)
                .subscribe();
        var second = SellerCalls.photoStream(web, TestTokens.forOwner(owner), vehicle)
                .subscribe();
        try {
            web.get()
                    .uri("/api/v1/vehicles/{id}/photos/stream", vehicle)
                    .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEM + "too-many-streams")
                    .jsonPath("$.limit")
                    .isEqualTo(2);
            // another owner is not affected
            var stranger = owner();
            StepVerifier.create(SellerCalls.photoStream(web, TestTokens.forOwner(stranger), vehicle(stranger))
                            .take(1))
                    .expectNextCount(1)
                    .verifyComplete();
        } finally {
            first.dispose();
        }
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> web.get()
                                    .uri("/api/v1/vehicles/{id}/photos", vehicle)
                                    .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                                    .exchange()
                                    .returnResult(String.class)
                                    .getStatus()
                                    .is2xxSuccessful()
                            && opensStream(owner, vehicle));
        } finally {
            second.dispose();
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        var owner = owner();
        var vehicle = vehicle(owner);

        StepVerifier.create(SellerCalls.photoStream(web, TestTokens.forOwner(owner, Duration.ofSeconds(3)), vehicle))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aStreamEndsWhenItsVehicleIsDeleted() {
        var owner = owner();
        var vehicle = vehicle(owner);

        StepVerifier.create(SellerCalls.photoStream(web, TestTokens.forOwner(owner), vehicle))
                .expectNextCount(1)
                .then(() -> web.delete()
                        .uri("/api/v1/vehicles/{id}", vehicle)
                        .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                        .exchange()
                        .expectStatus()
                        .isNoContent())
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    private boolean opensStream(String owner, UUID vehicle) {
        var status = web.get()
                .uri("/api/v1/vehicles/{id}/photos/stream", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .returnResult(String.class);
        status.getResponseBody().subscribe().dispose();
        return status.getStatus().value() == 200;
    }

    private WebTestClient.ResponseSpec create(String owner) {
        return web.post()
                .uri("/api/v1/vehicles")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("make", "Fiat", "model", "Uno"))
                .exchange();
    }

    private UUID vehicle(String owner) {
        return SellerCalls.createVehicle(web, owner, "Fiat", "Uno");
    }

    private long count(String owner) {
        return ((Number) web.get()
                        .uri("/api/v1/vehicles")
                        .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("totalItems"))
                .longValue();
    }

    private static String owner() {
        return "limited-" + UUID.randomUUID();
    }
}
