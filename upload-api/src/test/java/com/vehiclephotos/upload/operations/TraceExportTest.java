package com.vehiclephotos.upload.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.upload.Vehicles;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With {@code management.opentelemetry.tracing.export.otlp.endpoint} set, the spans of a presign
 * reach an OTLP/HTTP collector, in the trace the browser's {@code traceparent} started. The
 * collector here is the smallest one that speaks the protocol's transport: it takes each POST to
 * /v1/traces and keeps its protobuf body, in which the trace id's 16 bytes appear as they are.
 */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class TraceExportTest {

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final HttpServer COLLECTOR = collector();

    record Received(String path, String contentType, byte[] body) {}

    @DynamicPropertySource
    static void exportTo(DynamicPropertyRegistry registry) {
        registry.add(
                "management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop(0);
    }

    @Autowired
    WebTestClient web;

    @Autowired
    OwnershipView ownership;

    @Test
    void aPresignsSpansReachTheCollectorInTheBrowsersTrace(DevstackEndpoints devstack) {
        var owner = "otlp-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
        var traceId = UUID.randomUUID().toString().replace("-", "");

        web.post()
                .uri("/api/v1/uploads")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "vehicleId", vehicle, "filename", "a.jpg", "contentType", "image/jpeg", "contentLength", 10))
                .exchange()
                .expectStatus()
                .isCreated();

        var traceIdBytes = HexFormat.of().parseHex(traceId);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(RECEIVED)
                        .as("an OTLP export holding trace " + traceId)
                        .anySatisfy(export -> {
                            assertThat(export.path()).isEqualTo("/v1/traces");
                            assertThat(export.contentType()).isEqualTo("application/x-protobuf");
                            assertThat(indexOf(export.body(), traceIdBytes)).isNotNegative();
                        }));
    }

    private static HttpServer collector() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                var body = new ByteArrayOutputStream();
                exchange.getRequestBody().transferTo(body);
                RECEIVED.add(new Received(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        body.toByteArray()));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
