package com.vehiclephotos.upload.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.upload.Vehicles;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Production shape: no dev token endpoint; and a presign lifetime (1 s here) that S3 enforces. */
@WithDevstack
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"upload.security.dev-tokens=false", "upload.url-expiry=1"})
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class ProductionShapeTest {

    @Autowired
    WebTestClient web;

    @Autowired
    OwnershipView ownership;

    @Test
    void theDevTokenEndpointDoesNotExist() {
        web.post()
                .uri("/api/v1/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sub", "x"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void s3RefusesThePutOnceThePresignedUrlHasExpired(DevstackEndpoints devstack) {
        var owner = "frank-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
        var body = new byte[] {1, 2, 3};
        var response = web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "vehicleId",
                        vehicle,
                        "filename",
                        "a.jpg",
                        "contentType",
                        "image/jpeg",
                        "contentLength",
                        body.length))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        var upload = (Map<String, Object>) response.get("upload");
        @SuppressWarnings("unchecked")
        var headers = (Map<String, String>) upload.get("headers");

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var put = HttpRequest.newBuilder(URI.create((String) upload.get("url")))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
                    headers.forEach(put::header);
                    var answer = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).isEqualTo(403);
                    assertThat(answer.body()).contains("Request has expired");
                });
    }
}
