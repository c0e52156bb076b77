package com.vehiclephotos.upload.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Presigned URLs go to the address the browser can reach; the signature covers that host. */
class PresignEndpointTest {

    private final StorageConfiguration configuration = new StorageConfiguration();

    @Test
    void aPublicEndpointIsWhatPresignedUrlsPointAt() {
        var s3 = new StorageProperties(
                URI.create("http://localstack:4566"),
                URI.create("http://localhost:4566"),
                "us-east-1",
                "uploads",
                "key",
                "secret",
                true);

        assertThat(presignedUrl(s3))
                .startsWith("http://localhost:4566/uploads/a.jpg?")
                .contains("X-Amz-SignedHeaders=host");
    }

    @Test
    void withoutOneTheServiceEndpointIsUsed() {
        var s3 = new StorageProperties(
                URI.create("http://127.0.0.1:9000"), null, "us-east-1", "uploads", "key", "secret", true);

        assertThat(presignedUrl(s3)).startsWith("http://127.0.0.1:9000/uploads/a.jpg?");
    }

    private String presignedUrl(StorageProperties s3) {
        try (var presigner = configuration.s3Presigner(s3, configuration.awsCredentials(s3))) {
            return presigner
                    .presignPutObject(
                            b -> b.putObjectRequest(p -> p.bucket("uploads").key("a.jpg"))
                                    .signatureDuration(Duration.ofMinutes(1)))
                    .url()
                    .toString();
        }
    }
}
