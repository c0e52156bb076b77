package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** The presigned-URL checks the pipeline relies on, proven against devstack's real S3 server. */
class S3PresignedUploadTest {

    private static final byte[] BODY = "pretend this is a jpeg".getBytes(StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void acceptsAPutThatMatchesTheSignatureAndKeepsTheSignedMetadata() throws Exception {
        var key = "uploads/owner/vehicle/" + UUID.randomUUID() + "/photo.jpg";
        var presigned = presign(key, "image/jpeg", BODY.length, Duration.ofMinutes(5));

        var response = put(presigned.url().toString(), "image/jpeg", BODY, presigned);

        assertThat(response.statusCode()).isEqualTo(200);
        try (var s3 = RunningDevstack.s3()) {
            var head = s3.headObject(b -> b.bucket("uploads").key(key));
            assertThat(head.contentLength()).isEqualTo(BODY.length);
            assertThat(head.contentType()).isEqualTo("image/jpeg");
            assertThat(head.metadata()).containsEntry("original-filename", "photo%20one.jpg");
        }
    }

    @Test
    void refusesAnotherContentType() throws Exception {
        var presigned = presign(
                "uploads/o/v/" + UUID.randomUUID() + "/a.jpg", "image/jpeg", BODY.length, Duration.ofMinutes(5));

        assertThat(put(presigned.url().toString(), "text/html", BODY, presigned).statusCode())
                .isEqualTo(403);
    }

    @Test
    void refusesAnotherLength() throws Exception {
        var presigned = presign(
                "uploads/o/v/" + UUID.randomUUID() + "/a.jpg", "image/jpeg", BODY.length, Duration.ofMinutes(5));
        var longer = (new String(BODY, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8);

        assertThat(put(presigned.url().toString(), "image/jpeg", longer, presigned)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void refusesATamperedKey() throws Exception {
        var presigned = presign(
                "uploads/o/v/" + UUID.randomUUID() + "/a.jpg", "image/jpeg", BODY.length, Duration.ofMinutes(5));
        var tampered = presigned.url().toString().replace("/a.jpg", "/b.jpg");

        assertThat(put(tampered, "image/jpeg", BODY, presigned).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesATamperedExpiry() throws Exception {
        var presigned = presign(
                "uploads/o/v/" + UUID.randomUUID() + "/a.jpg", "image/jpeg", BODY.length, Duration.ofMinutes(5));
        var tampered = presigned.url().toString().replace("X-Amz-Expires=300", "X-Amz-Expires=86400");

        assertThat(tampered).isNotEqualTo(presigned.url().toString());
        assertThat(put(tampered, "image/jpeg", BODY, presigned).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesAnExpiredUrl() {
        var presigned = presign(
                "uploads/o/v/" + UUID.randomUUID() + "/a.jpg", "image/jpeg", BODY.length, Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var response = put(presigned.url().toString(), "image/jpeg", BODY, presigned);
                    assertThat(response.statusCode()).isEqualTo(403);
                    assertThat(response.body()).contains("Request has expired");
                });
    }

    @Test
    void aUrlSignedWithIfNoneMatchUploadsOnceAndIsRefusedAfterwardsAsOnAws() throws Exception {
        var key = "uploads/o/v/" + UUID.randomUUID() + "/once.jpg";
        var presigned = presign(key, "image/jpeg", BODY.length, Duration.ofMinutes(5), true);
        var other = "pretend this is a JPEG".getBytes(StandardCharsets.UTF_8);

        assertThat(put(presigned.url().toString(), "image/jpeg", BODY, presigned)
                        .statusCode())
                .isEqualTo(200);
        var second = put(presigned.url().toString(), "image/jpeg", other, presigned);

        assertThat(second.statusCode()).isEqualTo(412);
        assertThat(second.body()).contains("PreconditionFailed");
        try (var s3 = RunningDevstack.s3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("uploads").key(key)).asByteArray())
                    .isEqualTo(BODY);
        }
    }

    @Test
    void theConditionalHeaderIsSignedSoItCannotBeLeftOut() throws Exception {
        var presigned = presign(
                "uploads/o/v/" + UUID.randomUUID() + "/a.jpg", "image/jpeg", BODY.length, Duration.ofMinutes(5), true);
        var request = HttpRequest.newBuilder(presigned.url().toURI())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(BODY))
                .header("Content-Type", "image/jpeg")
                .header("x-amz-meta-original-filename", "photo%20one.jpg");

        assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);
    }

    private PresignedPutObjectRequest presign(String key, String contentType, long length, Duration validFor) {
        return presign(key, contentType, length, validFor, false);
    }

    private PresignedPutObjectRequest presign(
            String key, String contentType, long length, Duration validFor, boolean once) {
        try (var presigner = RunningDevstack.presigner()) {
            var put = PutObjectRequest.builder()
                    .bucket("uploads")
                    .key(key)
                    .contentType(contentType)
                    .ifNoneMatch(once ? "*" : null)
                    .contentLength(length)
                    .metadata(Map.of("original-filename", "photo%20one.jpg"))
                    .build();
            return presigner.presignPutObject(b -> b.putObjectRequest(put).signatureDuration(validFor));
        }
    }

    /** A PUT as a browser sends it: the signed headers, the body, nothing else. */
    private HttpResponse<String> put(String url, String contentType, byte[] body, PresignedPutObjectRequest presigned)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        presigned.signedHeaders().forEach((name, values) -> {
            if (name.toLowerCase().startsWith("x-amz-meta-") || name.equalsIgnoreCase("if-none-match")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        request.header("Content-Type", contentType);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
