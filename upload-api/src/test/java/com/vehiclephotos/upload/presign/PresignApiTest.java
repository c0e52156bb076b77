package com.vehiclephotos.upload.presign;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.upload.Vehicles;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A presign, then the browser's PUT to devstack's real S3: what passes and what S3 itself refuses. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class PresignApiTest {

    private static final byte[] JPEG_BYTES = "not really a jpeg, S3 does not look".getBytes(StandardCharsets.UTF_8);

    @Autowired
    WebTestClient web;

    @Autowired
    OwnershipView ownership;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void presignsAPutThatS3AcceptsAndKeepsTheSignedMetadata(DevstackEndpoints devstack) throws Exception {
        var owner = "alice-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);

        var presigned = presign(owner, vehicle, "Mein Auto (vorne).jpg", "image/jpeg", JPEG_BYTES.length);

        assertThat(presigned.key()).matches("uploads/" + owner + "/" + vehicle + "/[0-9a-f-]{36}/Mein-Auto-vorne.jpg");
        assertThat(presigned.upload().method()).isEqualTo("PUT");
        assertThat(presigned.upload().headers())
                .containsEntry("Content-Type", "image/jpeg")
                .containsEntry("x-amz-meta-original-filename", "Mein+Auto+%28vorne%29.jpg")
                .containsEntry("if-none-match", "*")
                .doesNotContainKeys("host", "content-length");
        assertThat(put(presigned.upload().url(), presigned.upload().headers(), JPEG_BYTES)
                        .statusCode())
                .isEqualTo(200);
        var otherBytes = JPEG_BYTES.clone();
        otherBytes[otherBytes.length - 3] ^= 0x01;
        assertThat(put(presigned.upload().url(), presigned.upload().headers(), otherBytes)
                        .statusCode())
                .as("the URL used a second time")
                .isEqualTo(412);
        try (var s3 = s3(devstack)) {
            var head = s3.headObject(b -> b.bucket("uploads").key(presigned.key()));
            assertThat(head.contentType()).isEqualTo("image/jpeg");
            assertThat(head.contentLength()).isEqualTo(JPEG_BYTES.length);
            assertThat(head.metadata()).containsEntry("original-filename", "Mein+Auto+%28vorne%29.jpg");
        }
    }

    @Test
    void aLongNonAsciiNameStillUploadsWithItsMetadataUnderS3sLimit(DevstackEndpoints devstack) throws Exception {
        var owner = "bob-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);

        var presigned = presign(owner, vehicle, "車".repeat(1000) + ".jpg", "image/jpeg", JPEG_BYTES.length);

        assertThat(put(presigned.upload().url(), presigned.upload().headers(), JPEG_BYTES)
                        .statusCode())
                .isEqualTo(200);
        try (var s3 = s3(devstack)) {
            var metadata =
                    s3.headObject(b -> b.bucket("uploads").key(presigned.key())).metadata();
            int bytes = metadata.entrySet().stream()
                    .mapToInt(e -> (e.getKey() + e.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .sum();
            assertThat(bytes).isLessThan(2048);
        }
    }

    @Test
    void s3RefusesAnotherContentTypeThanTheSignedOne(DevstackEndpoints devstack) throws Exception {
        var presigned = presignForNewVehicle(devstack);
        var headers = new java.util.HashMap<>(presigned.upload().headers());
        headers.put("Content-Type", "text/html");

        assertThat(put(presigned.upload().url(), headers, JPEG_BYTES).statusCode())
                .isEqualTo(403);
    }

    @Test
    void s3RefusesAnotherLengthThanTheSignedOne(DevstackEndpoints devstack) throws Exception {
        var presigned = presignForNewVehicle(devstack);
        var longer = new byte[JPEG_BYTES.length + 1000];

        assertThat(put(presigned.upload().url(), presigned.upload().headers(), longer)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void s3RefusesATamperedKey(DevstackEndpoints devstack) throws Exception {
        var presigned = presignForNewVehicle(devstack);
        var tampered = presigned
                .upload()
                .url()
                .replace(presigned.key().substring(presigned.key().lastIndexOf('/')), "/other.jpg");

        assertThat(tampered).isNotEqualTo(presigned.upload().url());
        assertThat(put(tampered, presigned.upload().headers(), JPEG_BYTES).statusCode())
                .isEqualTo(403);
    }

    @Test
    void s3RefusesExtraUnsignedMetadataTheSignatureDoesNotCover(DevstackEndpoints devstack) throws Exception {
        var presigned = presignForNewVehicle(devstack);
        var headers = new java.util.HashMap<>(presigned.upload().headers());
        headers.put("x-amz-meta-original-filename", "forged.jpg");

        assertThat(put(presigned.upload().url(), headers, JPEG_BYTES).statusCode())
                .isEqualTo(403);
    }

    private UploadResponse presignForNewVehicle(DevstackEndpoints devstack) {
        var owner = "bob-" + UUID.randomUUID();
        var vehicle = Vehicles.registerFor(owner, devstack.kafkaBootstrapServers(), ownership);
        return presign(owner, vehicle, "car.jpg", "image/jpeg", JPEG_BYTES.length);
    }

    private UploadResponse presign(String owner, UUID vehicle, String filename, String type, long length) {
        return web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(TestTokens.forOwner(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "vehicleId", vehicle, "filename", filename, "contentType", type, "contentLength", length))
                .exchange()
                .expectStatus()
                .isCreated()
                // a presigned URL is never cached (the chain's headers, on the presign outside it)
                .expectHeader()
                .valueMatches("Cache-Control", ".*no-store.*")
                .expectBody(UploadResponse.class)
                .returnResult()
                .getResponseBody();
    }

    private HttpResponse<String> put(String url, Map<String, String> headers, byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static S3Client s3(DevstackEndpoints devstack) {
        return S3Client.builder()
                .endpointOverride(devstack.s3Endpoint())
                .region(Region.of(devstack.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(devstack.accessKey(), devstack.secretKey())))
                .build();
    }
}
