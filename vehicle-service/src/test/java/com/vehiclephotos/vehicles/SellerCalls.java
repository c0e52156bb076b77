package com.vehiclephotos.vehicles;

import com.vehiclephotos.fixtures.tokens.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** The calls of a seller that many tests make on the way to what they check. */
public final class SellerCalls {

    private SellerCalls() {}

    /** A new vehicle of the owner (201 expected); its id. */
    public static UUID createVehicle(WebTestClient web, String owner, String make, String model) {
        return UUID.fromString((String) web.post()
                .uri("/api/v1/vehicles")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("make", make, "model", model))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id"));
    }

    /** The vehicle's live photo lists (200 expected), the keep-alive comments left out. */
    public static Flux<ServerSentEvent<List<Map<String, Object>>>> photoStream(
            WebTestClient web, String token, UUID vehicle) {
        return web.get()
                .uri("/api/v1/vehicles/{id}/photos/stream", vehicle)
                .headers(h -> h.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<List<Map<String, Object>>>>() {})
                .getResponseBody()
                .filter(e -> "photos".equals(e.event()));
    }
}
