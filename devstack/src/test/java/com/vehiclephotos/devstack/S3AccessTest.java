package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Public media, private uploads, and CORS for the browser's presigned PUT. */
class S3AccessTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mediaObjectsAreReadableWithoutCredentials() throws Exception {
        var key = "vehicles/v/photos/" + UUID.randomUUID() + "/320.jpg";
        try (var s3 = RunningDevstack.s3()) {
            s3.putObject(b -> b.bucket("media").key(key).contentType("image/jpeg"), RequestBody.fromString("public"));
        }

        var response = get(RunningDevstack.endpoint("s3.media-base-url") + "/" + key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("public");
    }

    @Test
    void uploadsAreNotReadableWithoutCredentials() throws Exception {
        var key = "uploads/o/v/" + UUID.randomUUID() + "/secret.jpg";
        try (var s3 = RunningDevstack.s3()) {
            s3.putObject(b -> b.bucket("uploads").key(key), RequestBody.fromString("quarantined"));
        }

        var response = get(RunningDevstack.endpoint("s3.endpoint") + "/uploads/" + key);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("quarantined");
    }

    @Test
    void answersTheBrowsersPreflightForAnAllowedOrigin() throws Exception {
        var response = preflight("http://localhost:3000");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                .contains("PUT");
    }

    @Test
    void refusesThePreflightOfAnUnknownOrigin() throws Exception {
        var response = preflight("https://evil.example");

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        var url = RunningDevstack.endpoint("s3.endpoint") + "/uploads/uploads/o/v/p/photo.jpg";
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "PUT")
                        .header("Access-Control-Request-Headers", "content-type,x-amz-meta-original-filename")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
