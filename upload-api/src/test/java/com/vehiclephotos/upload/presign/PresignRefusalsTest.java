package com.vehiclephotos.upload.presign;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.upload.Vehicles;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every refusal of the API, as problem+json with its stable type. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class PresignRefusalsTest {

    private static final String PROBLEM = "urn:vehicle-photos:problem:";

    @Autowired
    WebTestClient web;

    @Autowired
    OwnershipView ownership;

    @LocalServerPort
    int port;

    private String owner;
    private UUID vehicle;

    @BeforeEach
    void aVehicleOfOneOwner(DevstackEndpoints devstack) {
        owner = "carol-" + UUID.randomUUID();
        vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
    }

    @Test
    void withoutATokenIs401WithABearerChallenge() {
        web.post()
                .uri("/api/v1/uploads")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(valid())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                // the presign authenticates outside Spring Security's chain, with the chain's headers
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueMatches("Cache-Control", ".*no-store.*")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "unauthenticated");
    }

    @Test
    void theTokenIsCheckedBeforeTheBody() {
        web.post()
                .uri("/api/v1/uploads")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"vehicleId\": \"not a uuid\", \"sneaky\": 1")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.post()
                .uri("/api/v1/uploads")
                .header("Authorization", "Bearer not.a.jwt")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(valid())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueMatches("WWW-Authenticate", "Bearer error=\"invalid_token\".*");
        web.post()
                .uri("/api/v1/uploads")
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(valid())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    /** Only exactly the presign is left out of Spring Security's chain; its neighbours still need a token. */
    @Test
    void pathsNextToThePresignStayBehindTheChain() {
        for (var path :
                new String[] {"/api/v1/uploads/", "/api/v1/uploads/x", "/api/v1/uploads;x=1", "/API/v1/uploads"}) {
            web.post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(valid())
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).as(path).isIn(400, 401));
        }
    }

    /** Spring Security's firewall is left out only for exactly the presign: paths that are not normalised meet it. */
    @Test
    void pathsThatAreNotNormalisedAreRejectedByTheFirewall() {
        for (var path :
                new String[] {"/api/v1//uploads", "/api/v1/./uploads", "/api/v1/x/../uploads", "/api/v1/uploads%2F"}) {
            web.post()
                    .uri(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + TestTokens.forOwner(owner))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(valid())
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).as(path).isEqualTo(400));
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() {
        post(TestTokens.signedWithAnotherKey(owner), valid())
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueMatches("WWW-Authenticate", "Bearer error=\"invalid_token\".*")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "unauthenticated");
    }

    @Test
    void anExpiredTokenIs401() {
        post(TestTokens.expired(owner), valid()).expectStatus().isUnauthorized();
    }

    @Test
    void someoneElsesVehicleIs404LikeAVehicleThatDoesNotExist() {
        var otherOwner = TestTokens.forOwner("mallory-" + UUID.randomUUID());

        var foreign = post(otherOwner, valid())
                .expectStatus()
                .isNotFound()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        var missing = post(TestTokens.forOwner(owner), with("vehicleId", UUID.randomUUID()))
                .expectStatus()
                .isNotFound()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(foreign.get("type")).isEqualTo(PROBLEM + "vehicle-not-found").isEqualTo(missing.get("type"));
        assertThat(foreign.get("title")).isEqualTo(missing.get("title"));
    }

    @Test
    void aDeletedVehicleIs404(DevstackEndpoints devstack) {
        Vehicles.delete(vehicle, devstack.kafkaBootstrapServers());

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() ->
                        post(TestTokens.forOwner(owner), valid()).expectStatus().isNotFound());
    }

    @Test
    void aTypeOutsideTheAllowListIs415() {
        post(TestTokens.forOwner(owner), with("contentType", "image/svg+xml"))
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "unsupported-content-type")
                .jsonPath("$.accepted[0]")
                .isEqualTo("image/jpeg");
    }

    @Test
    void aFileOverTheLimitIs413() {
        post(TestTokens.forOwner(owner), with("contentLength", 20L * 1024 * 1024 + 1))
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "file-too-large")
                .jsonPath("$.maxBytes")
                .isEqualTo(20 * 1024 * 1024);
    }

    @Test
    void anEmptyFileIs400NamingTheField() {
        post(TestTokens.forOwner(owner), with("contentLength", 0))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("contentLength");
    }

    @Test
    void aMissingFilenameIs400NamingTheField() {
        var body = new java.util.HashMap<>(valid());
        body.remove("filename");

        post(TestTokens.forOwner(owner), body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("filename");
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        post(TestTokens.forOwner(owner), with("isAdmin", true))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "malformed-request")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("'isAdmin'"));
    }

    @Test
    void aBadUuidIs400NamingTheField() {
        post(TestTokens.forOwner(owner), with("vehicleId", "not-a-uuid"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("'vehicleId'"));
    }

    @Test
    void malformedJsonIs400() {
        web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"vehicleId\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "malformed-request");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("hello")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownPathsAndMethodsAnswerAsProblems() {
        web.get()
                .uri("/api/v1/nothing-here")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theSixthPresignWithinAMinuteIs429WithRetryAfter() {
        var token = TestTokens.forOwner(owner);
        for (int i = 0; i < 5; i++) {
            post(token, valid()).expectStatus().isCreated();
        }

        post(token, valid())
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L))
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "rate-limited");
    }

    private WebTestClient.ResponseSpec post(String token, Object body) {
        return web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private Map<String, Object> valid() {
        return Map.of(
                "vehicleId",
                vehicle.toString(),
                "filename",
                "car.jpg",
                "contentType",
                "image/jpeg",
                "contentLength",
                1234);
    }

    private Map<String, Object> with(String field, Object value) {
        var body = new java.util.HashMap<>(valid());
        body.put(field, value);
        return body;
    }
}
