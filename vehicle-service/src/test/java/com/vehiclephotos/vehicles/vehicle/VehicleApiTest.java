package com.vehiclephotos.vehicles.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.fixtures.events.TopicReader;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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

/** Owner-scoped CRUD over HTTP, against devstack's PostgreSQL and Kafka. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class VehicleApiTest {

    private static final String PROBLEM = "urn:vehicle-photos:problem:";
    private static TopicReader kafka;

    @Autowired
    WebTestClient web;

    @BeforeAll
    static void readTopics(DevstackEndpoints devstack) {
        kafka = new TopicReader(devstack.kafkaBootstrapServers(), List.of(Topics.VEHICLE_OWNERS, Topics.PHOTO_DELETED));
    }

    @AfterAll
    static void stopReading() throws InterruptedException {
        kafka.close();
    }

    @Test
    void createsReadsReplacesAndListsAVehicle() {
        var owner = owner();
        var created = create(
                owner,
                Map.of(
                        "make",
                        "Volkswagen",
                        "model",
                        "Golf",
                        "year",
                        2019,
                        "vin",
                        " 1m8gdm9axkp042788 ",
                        "plate",
                        "B-XY 123",
                        "colour",
                        "blue",
                        "nickname",
                        "Goldie"));

        assertThat(created.get("vin")).isEqualTo("1M8GDM9AXKP042788");
        var id = (String) created.get("id");
        web.get()
                .uri("/api/v1/vehicles/{id}", id)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.make")
                .isEqualTo("Volkswagen")
                .jsonPath("$.photos")
                .isArray();
        web.put()
                .uri("/api/v1/vehicles/{id}", id)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("make", "VW", "model", "Golf GTI", "year", 2020))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.model")
                .isEqualTo("Golf GTI")
                .jsonPath("$.vin")
                .doesNotExist();
        web.get()
                .uri("/api/v1/vehicles")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.totalItems")
                .isEqualTo(1)
                .jsonPath("$.items[0].id")
                .isEqualTo(id);
    }

    @Test
    void paginatesNewestFirst() {
        var owner = owner();
        for (int i = 0; i < 5; i++) {
            create(owner, Map.of("make", "Make" + i, "model", "M"));
        }

        web.get()
                .uri("/api/v1/vehicles?page=1&size=2")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(2)
                .jsonPath("$.items[0].make")
                .isEqualTo("Make2")
                .jsonPath("$.totalItems")
                .isEqualTo(5)
                .jsonPath("$.totalPages")
                .isEqualTo(3);
        web.get()
                .uri("/api/v1/vehicles?size=1000")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void someoneElsesVehicleIs404ForEveryOperation() {
        var id = (String) create(owner(), Map.of("make", "Audi", "model", "A4")).get("id");
        var stranger = TestTokens.forOwner(owner());

        web.get()
                .uri("/api/v1/vehicles/{id}", id)
                .headers(h -> h.setBearerAuth(stranger))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "vehicle-not-found");
        web.put()
                .uri("/api/v1/vehicles/{id}", id)
                .headers(h -> h.setBearerAuth(stranger))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("make", "x", "model", "y"))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.delete()
                .uri("/api/v1/vehicles/{id}", id)
                .headers(h -> h.setBearerAuth(stranger))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/v1/vehicles/{id}/photos", id)
                .headers(h -> h.setBearerAuth(stranger))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/v1/vehicles")
                .headers(h -> h.setBearerAuth(stranger))
                .exchange()
                .expectBody()
                .jsonPath("$.totalItems")
                .isEqualTo(0);
    }

    @Test
    void refusesInvalidVehiclesNamingTheField() {
        var owner = owner();
        post(owner, Map.of("make", "VW", "model", "Golf", "vin", "1M8GDM9A1KP042788"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("vin")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("check digit"));
        post(owner, Map.of("model", "Golf"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("make");
        post(owner, Map.of("make", "VW", "model", "Golf", "year", 1500))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("year");
        post(owner, Map.of("make", "VW", "model", "Golf", "wheels", 4))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("'wheels'"));
        web.get()
                .uri("/api/v1/vehicles/not-a-uuid")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theSameVinTwiceForOneOwnerIs409() {
        var owner = owner();
        create(owner, Map.of("make", "VW", "model", "Golf", "vin", "1HGCM82633A004352"));

        post(owner, Map.of("make", "VW", "model", "Golf", "vin", "1HGCM82633A004352"))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "duplicate-vin");
    }

    @Test
    void withoutATokenIs401() {
        web.get()
                .uri("/api/v1/vehicles")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void announcesTheOwnerOnTheCompactedTopicAndATombstoneOnDelete() {
        var owner = owner();
        var id = (String)
                create(owner, Map.of("make", "Skoda", "model", "Octavia")).get("id");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> kafka.withKey(Topics.VEHICLE_OWNERS, id).size() == 1);
        assertThat(new String(kafka.withKey(Topics.VEHICLE_OWNERS, id).get(0).value(), StandardCharsets.UTF_8))
                .contains("\"ownerId\":\"" + owner + "\"");

        web.delete()
                .uri("/api/v1/vehicles/{id}", id)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNoContent();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> kafka.withKey(Topics.VEHICLE_OWNERS, id).size() == 2);
        assertThat(kafka.withKey(Topics.VEHICLE_OWNERS, id).get(1).value()).isNull();
        web.get()
                .uri("/api/v1/vehicles/{id}", id)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private Map<?, ?> create(String owner, Map<String, Object> body) {
        return post(owner, body)
                .expectStatus()
                .isCreated()
                .expectHeader()
                .value("Location", l -> assertThat(l).startsWith("/api/v1/vehicles/"))
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String owner, Map<String, Object> body) {
        return web.post()
                .uri("/api/v1/vehicles")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new HashMap<>(body))
                .exchange();
    }

    static String owner() {
        return "owner-" + UUID.randomUUID();
    }
}
