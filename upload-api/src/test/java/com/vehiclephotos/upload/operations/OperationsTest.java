package com.vehiclephotos.upload.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.upload.Vehicles;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What operators and frontends rely on besides the presign itself. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class OperationsTest {

    @Autowired
    WebTestClient web;

    @Autowired
    OwnershipView ownership;

    @LocalManagementPort
    int managementPort;

    /** The operations port: health with details, metrics; not published, so not reachable from outside. */
    private WebTestClient management() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .codecs(codecs ->
                        codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)) // Kafka clients add many series
                .build();
    }

    @Test
    void thePublicPortServesNoOperationsEndpoints() {
        for (var path :
                new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/actuator/info"
                }) {
            web.get().uri(path).exchange().expectStatus().isNotFound();
        }
        management()
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.s3.details")
                .exists();
    }

    @Test
    void noSpanLeavesTheServiceUnlessAnOtlpEndpointIsSet(
            @Autowired org.springframework.context.ApplicationContext context) {
        assertThat(context.getBeanNamesForType(io.opentelemetry.sdk.trace.export.SpanExporter.class))
                .as("span exporters with no endpoint set")
                .isEmpty();
    }

    @Test
    void readinessIncludesS3AndTheOwnershipView() {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> management()
                        .get()
                        .uri("/actuator/health/readiness")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("UP")
                        .jsonPath("$.components.s3.status")
                        .isEqualTo("UP")
                        .jsonPath("$.components.ownership.status")
                        .isEqualTo("UP"));
    }

    @Test
    void prometheusCountsPresignsByOutcomeAndTimesRequests(DevstackEndpoints devstack) {
        var owner = "dave-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
        web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                // a caller whose trace is sampled: this presign is observed, not only counted
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "vehicleId", vehicle, "filename", "a.jpg", "contentType", "image/jpeg", "contentLength", 10))
                .exchange()
                .expectStatus()
                .isCreated();

        var metrics = management()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // every presign is counted and timed, observed (upload.trace-sampling) or not
        assertThat(metrics)
                .contains("uploads_presign_total{outcome=\"created\"")
                .contains("uploads_presign_duration_seconds_bucket{outcome=\"created\"")
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"201\"[^}]*uri=\"/api/v1/uploads\"");
    }

    @Test
    void theOwnershipViewsKafkaClientShowsItsMetricsAndLag() {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> {
                    var metrics = management()
                            .get()
                            .uri("/actuator/prometheus")
                            .exchange()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody();
                    return metrics.contains("kafka_consumer_fetch_manager_records_lag")
                            && metrics.contains("client_id=\"upload-api-ownership-view\"");
                });
    }

    @Test
    void corsAllowsTheFrontendOriginOnly() {
        web.options()
                .uri("/api/v1/uploads")
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Access-Control-Allow-Origin", "http://localhost:3000");
        web.options()
                .uri("/api/v1/uploads")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist("Access-Control-Allow-Origin");
        // the presign itself is outside Spring Security's chain: WebFlux applies the same rule to it
        web.post()
                .uri("/api/v1/uploads")
                .header("Origin", "http://localhost:3000")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("Access-Control-Allow-Origin", "http://localhost:3000");
        web.post()
                .uri("/api/v1/uploads")
                .header("Origin", "https://evil.example")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist("Access-Control-Allow-Origin");
    }

    @Test
    void publishesAnOpenApiDocumentWithTheUploadEndpoint() {
        web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/uploads'].post")
                .exists();
    }

    @Test
    void devTokensWorkAgainstTheApiWhereEnabled() {
        var token = web.post()
                .uri("/api/v1/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sub", "erin"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("access_token")
                .toString();

        web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "vehicleId",
                        UUID.randomUUID(),
                        "filename",
                        "a.jpg",
                        "contentType",
                        "image/jpeg",
                        "contentLength",
                        10))
                .exchange()
                .expectStatus()
                .isNotFound(); // authenticated: it got past 401 to the ownership check
        web.post()
                .uri("/api/v1/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sub", "has spaces"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
