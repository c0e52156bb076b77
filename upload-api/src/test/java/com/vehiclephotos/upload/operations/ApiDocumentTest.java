package com.vehiclephotos.upload.operations;

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
    void everyOperationDeclaresItsTokenAndItsProblemAnswers() {
        var api = ApiDocument.parse(web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());

        assertThat(api.root().path("info").path("title").asString()).isEqualTo("upload-api");
        assertThat(api.root().path("info").path("version").asString()).isNotBlank();
        assertThat(api.root().at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
        assertThat(api.root().at("/components/schemas/Problem/required").toString())
                .contains("type", "status");
        assertThat(api.operations())
                .as("the local dev-token endpoint stays out of the document")
                .containsExactly("POST /api/v1/uploads");
        for (var operation : api.operations()) {
            assertThat(api.answersProblem(operation, "500"))
                    .as(operation + " 500")
                    .isTrue();
        }
        assertThat(api.needsBearerToken("POST /api/v1/uploads")).isTrue();
        var presign = api.root().at("/paths/~1api~1v1~1uploads/post");
        assertThat(presign.at("/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/UploadRequest");
        assertThat(presign.at("/responses/201/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/UploadResponse");
        assertThat(api.root().at("/components/schemas/UploadRequest/properties").toString())
                .contains("vehicleId", "filename", "contentType", "contentLength");
        for (var status : new String[] {"400", "401", "413", "415", "429", "503"}) {
            assertThat(api.answersProblem("POST /api/v1/uploads", status))
                    .as("presign " + status)
                    .isTrue();
        }
    }
}
