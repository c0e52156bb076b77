package com.vehiclephotos.vehicles;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.api.ApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The OpenAPI document the running service serves tells a client everything it needs: tokens, errors, version. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class ApiDocumentTest {

    @Autowired
    WebTestClient web;

    @Test
    void everyOperationNeedsATokenAndDeclaresItsProblemAnswers() {
        var api = ApiDocument.parse(web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());

        assertThat(api.root().path("info").path("title").asString()).isEqualTo("vehicle-service");
        assertThat(api.root().path("info").path("version").asString()).isNotBlank();
        assertThat(api.operations()).hasSizeGreaterThanOrEqualTo(9);
        for (var operation : api.operations()) {
            assertThat(api.needsBearerToken(operation))
                    .as(operation + " needs a token")
                    .isTrue();
            assertThat(api.answersProblem(operation, "401"))
                    .as(operation + " 401")
                    .isTrue();
            assertThat(api.answersProblem(operation, "500"))
                    .as(operation + " 500")
                    .isTrue();
            if (operation.contains("{")) {
                assertThat(api.answersProblem(operation, "404"))
                        .as(operation + " 404")
                        .isTrue();
            }
        }
        assertThat(api.answersProblem("POST /api/v1/vehicles", "409")).isTrue();
        assertThat(api.answersProblem("POST /api/v1/vehicles", "429")).isTrue();
        assertThat(api.answersProblem("POST /api/v1/vehicles", "400")).isTrue();
        assertThat(api.answersProblem("GET /api/v1/vehicles/{vehicleId}/photos/stream", "429"))
                .isTrue();
        assertThat(api.answersProblem("PUT /api/v1/vehicles/{vehicleId}/photos/{photoId}/primary", "409"))
                .isTrue();
        // typed ids inside, UUID strings on the wire
        for (var parameter : api.operation("PUT /api/v1/vehicles/{vehicleId}/photos/{photoId}/primary")
                .path("parameters")) {
            assertThat(parameter.path("schema").path("type").asString())
                    .as(parameter.path("name").asString())
                    .isEqualTo("string");
            assertThat(parameter.path("schema").path("format").asString())
                    .as(parameter.path("name").asString())
                    .isEqualTo("uuid");
        }
    }
}
