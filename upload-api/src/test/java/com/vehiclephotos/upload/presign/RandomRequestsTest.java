package com.vehiclephotos.upload.presign;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.upload.Vehicles;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Generated request bodies against the running API (jqwik as the generator): whatever arrives, the
 * answer is never a 5xx and always problem+json when refused; whatever name a file has, its key is safe.
 */
@WithDevstack
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"upload.rate-limit.capacity=100000", "upload.rate-limit.refill=100000"})
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class RandomRequestsTest {

    private static final String SAFE_KEY =
            "uploads/[A-Za-z0-9._@|:-]+/[0-9a-f-]{36}/[0-9a-f-]{36}/[A-Za-z0-9._-]{1,100}";

    @Autowired
    WebTestClient web;

    @Autowired
    OwnershipView ownership;

    @Test
    void randomBodiesNeverCauseA5xx(DevstackEndpoints devstack) {
        var owner = "fuzz-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
        var token = TestTokens.forOwner(owner);

        bodies(vehicle).sampleStream().limit(300).forEach(body -> {
            var result = web.post()
                    .uri("/api/v1/uploads")
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .returnResult(String.class);
            var status = result.getStatus();

            assertThat(status.is5xxServerError())
                    .as("status %s for %s", status, body)
                    .isFalse();
            if (status.is4xxClientError()) {
                assertThat(result.getResponseHeaders().getContentType())
                        .as("%s", body)
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
        });
    }

    @Test
    void anyFilenameGivesASafeKey(DevstackEndpoints devstack) {
        var owner = "names-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
        var token = TestTokens.forOwner(owner);

        Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(300)
                .filter(s -> !s.isBlank())
                .sampleStream()
                .limit(200)
                .forEach(name -> {
                    var response = web.post()
                            .uri("/api/v1/uploads")
                            .headers(h -> h.setBearerAuth(token))
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of(
                                    "vehicleId",
                                    vehicle,
                                    "filename",
                                    name,
                                    "contentType",
                                    "image/png",
                                    "contentLength",
                                    100))
                            .exchange()
                            .expectStatus()
                            .isCreated()
                            .expectBody(UploadResponse.class)
                            .returnResult()
                            .getResponseBody();

                    assertThat(response.key())
                            .as(name)
                            .matches(SAFE_KEY)
                            .endsWith(".png")
                            .doesNotContain("..");
                });
    }

    /** Mostly almost-valid bodies with one field replaced by something odd, plus pure noise. */
    private static Arbitrary<Object> bodies(UUID vehicle) {
        Arbitrary<Object> oddValue = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(2000).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.just((Object) List.of(1, "a")),
                Arbitraries.just((Object) Map.of("nested", true)),
                Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<String> field =
                Arbitraries.of("vehicleId", "filename", "contentType", "contentLength", "extra", "__proto__");
        Arbitrary<Object> almostValid = Combinators.combine(field, oddValue).as((name, value) -> {
            var body = new HashMap<String, Object>(Map.of(
                    "vehicleId",
                    vehicle.toString(),
                    "filename",
                    "a.jpg",
                    "contentType",
                    "image/jpeg",
                    "contentLength",
                    10));
            body.put(name, value);
            return body;
        });
        Arbitrary<Object> noise = Arbitraries.strings().ofMaxLength(500).map(s -> (Object) s);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, almostValid), net.jqwik.api.Tuple.of(2, noise));
    }
}
