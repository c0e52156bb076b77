package com.vehiclephotos.upload.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.fixtures.tracing.OtlpReceiver;
import com.vehiclephotos.upload.Vehicles;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
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
 * reach an OTLP/HTTP collector, in the trace the browser's {@code traceparent} started.
 */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class TraceExportTest {

    private static final OtlpReceiver COLLECTOR = new OtlpReceiver();

    @DynamicPropertySource
    static void exportTo(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", COLLECTOR::endpoint);
        // only the caller's sampled trace makes a presign observed here, so that what is exported is certain
        registry.add("upload.trace-sampling", () -> "0");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.close();
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

        // signed into the upload, so the pipeline continues the browser's trace
        presign(owner, vehicle, "00-" + traceId + "-00f067aa0ba902b7-01")
                .value(String.class, traceparent -> assertThat(traceparent).startsWith("00-" + traceId + "-"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(COLLECTOR.of("upload-api", traceId))
                        .as("an OTLP export from upload-api holding trace " + traceId)
                        .isNotEmpty()
                        .allSatisfy(export -> {
                            assertThat(export.path()).isEqualTo("/v1/traces");
                            assertThat(export.contentType()).isEqualTo("application/x-protobuf");
                        }));
    }

    /**
     * A presign whose caller's trace is not sampled is not observed (upload.trace-sampling, 0 here):
     * no span of it leaves the service, and the caller's trace context is still signed into the
     * upload as it came, so the pipeline continues it.
     */
    @Test
    void anUnsampledCallersPresignSignsItsTraceAndExportsNothing(DevstackEndpoints devstack) {
        var owner = "otlp-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
        var unsampled = UUID.randomUUID().toString().replace("-", "");
        var sampled = UUID.randomUUID().toString().replace("-", "");

        presign(owner, vehicle, "00-" + unsampled + "-00f067aa0ba902b7-00")
                .value(
                        String.class,
                        traceparent -> assertThat(traceparent).isEqualTo("00-" + unsampled + "-00f067aa0ba902b7-00"));
        presign(owner, vehicle, "00-" + sampled + "-00f067aa0ba902b7-01")
                .value(String.class, traceparent -> assertThat(traceparent).startsWith("00-" + sampled + "-"));

        // spans leave in the order they ended: once the second presign's are out, the first's would be
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(COLLECTOR.of("upload-api", sampled)).isNotEmpty());
        assertThat(COLLECTOR.of("upload-api", unsampled)).isEmpty();
    }

    private org.springframework.test.web.reactive.server.JsonPathAssertions presign(
            String owner, UUID vehicle, String traceparent) {
        return web.post()
                .uri("/api/v1/uploads")
                .header("traceparent", traceparent)
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "vehicleId", vehicle, "filename", "a.jpg", "contentType", "image/jpeg", "contentLength", 10))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.upload.headers['x-amz-meta-traceparent']");
    }
}
