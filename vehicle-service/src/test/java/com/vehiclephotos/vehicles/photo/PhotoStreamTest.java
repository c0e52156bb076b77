package com.vehiclephotos.vehicles.photo;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.events.PhotoEvents;
import com.vehiclephotos.fixtures.tokens.TestTokens;
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
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/** The browser's live view: PROCESSING, then READY, pushed as server-sent events. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
@ActiveProfiles("devstack")
class PhotoStreamTest {

    private static PhotoEvents events;

    @Autowired
    WebTestClient web;

    @BeforeAll
    static void connect(DevstackEndpoints devstack) {
        events = new PhotoEvents(devstack.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    @Test
    void streamsTheListNowAndAfterEachChange() {
        var owner = "streamer-" + UUID.randomUUID();
        var vehicle = UUID.fromString((String) web.post()
                .uri("/api/v1/vehicles")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("make", "Fiat", "model", "500"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id"));
        var photo = UUID.randomUUID();

        var stream = web.get()
                .uri("/api/v1/vehicles/{id}/photos/stream", vehicle)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<List<Map<String, Object>>>>() {})
                .getResponseBody()
                .filter(e -> "photos".equals(e.event()));

        StepVerifier.create(stream)
                .assertNext(first -> assertThat(first.data()).isEmpty())
                .then(() -> events.send(PhotoEvents.uploaded(owner, vehicle, photo)))
                .assertNext(next -> assertThat(next.data())
                        .singleElement()
                        .satisfies(p -> assertThat(p.get("status")).isEqualTo("PROCESSING")))
                .then(() -> events.send(PhotoEvents.ready(owner, vehicle, photo)))
                .assertNext(next -> assertThat(next.data())
                        .singleElement()
                        .satisfies(p -> assertThat(p.get("status")).isEqualTo("READY")))
                .thenCancel()
                .verify(Duration.ofSeconds(60));
    }

    @Test
    void someoneElsesStreamIs404() {
        web.get()
                .uri("/api/v1/vehicles/{id}/photos/stream", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(TestTokens.forOwner("x")))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
