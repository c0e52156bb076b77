package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product as a user meets it, over HTTP only, with every service a separate process: a token,
 * a vehicle, a presign, the browser's PUT to the presigned URL, READY on the REST API and on the
 * live stream, and published images that download, have the announced sizes and carry no EXIF or GPS.
 */
@WithDevstack
class EndToEndTest {

    private static RunningServices services;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(DevstackEndpoints devstack) {
        devstack.requireClamd();
        services = RunningServices.start(devstack);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aPhoneUploadBecomesReadyOnTheVehicleLiveAndItsImagesAreClean() throws Exception {
        var token = token("e2e-" + UUID.randomUUID());
        var vehicle = post("vehicle-service", "/api/v1/vehicles", token, Map.of("make", "Volkswagen", "model", "Golf")).get("id").asString();
        var events = new CopyOnWriteArrayList<String>();
        var stream = http.sendAsync(HttpRequest.newBuilder(services.url("vehicle-service", "/api/v1/vehicles/" + vehicle + "/photos/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().filter(l -> l.startsWith("data:")).forEach(events::add));
        var photo = NpmPhoto.iphoneWithGps();

        var presign = presign(token, vehicle, "IMG_0001.JPG", "image/jpeg", photo.length);
        assertThat(put(presign, photo)).isEqualTo(200);

        var ready = await().atMost(Duration.ofSeconds(90)).until(() -> photos(token, vehicle).get(0), p -> "READY".equals(p.get("status").asString()));
        assertThat(ready.get("id").asString()).isEqualTo(presign.get("photoId").asString());
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e -> e.contains("\"READY\"")));
        assertThat(events.get(0)).isEqualTo("data:[]");
        var images = new java.util.ArrayList<JsonNode>();
        images.add(ready.get("original"));
        ready.get("variants").forEach(images::add);
        assertThat(images).extracting(i -> i.get("variant").asString()).containsExactly("original", "320", "800", "1600");
        for (var image : images) {
            var bytes = http.send(HttpRequest.newBuilder(URI.create(image.get("url").asString())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bytes.statusCode()).isEqualTo(200);
            var decoded = ImageIO.read(new ByteArrayInputStream(bytes.body()));
            assertThat(decoded.getWidth()).isEqualTo(image.get("width").asInt());
            assertThat(decoded.getHeight()).isEqualTo(image.get("height").asInt());
            var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes.body()));
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        }
        stream.cancel(true);
    }

    @Test
    void aFileThatIsNotAnImageIsRejectedWithItsReasonOnTheVehicle() throws Exception {
        var token = token("e2e-" + UUID.randomUUID());
        var vehicle = post("vehicle-service", "/api/v1/vehicles", token, Map.of("make", "Audi", "model", "A4")).get("id").asString();
        var html = "<html><body><script>alert(document.cookie)</script></body></html>".getBytes();

        var presign = presign(token, vehicle, "car.jpg", "image/jpeg", html.length);
        assertThat(put(presign, html)).isEqualTo(200);

        var rejected = await().atMost(Duration.ofSeconds(90)).until(() -> photos(token, vehicle).get(0),
                p -> "REJECTED".equals(p.get("status").asString()));
        assertThat(rejected.get("rejection").get("reason").asString()).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(rejected.get("rejection").get("message").asString()).isNotBlank();
        assertThat(rejected.get("original")).isNull();
    }

    private String token(String sub) throws Exception {
        return post("upload-api", "/api/v1/dev/tokens", null, Map.of("sub", sub)).get("access_token").asString();
    }

    /** The vehicle reaches upload-api through the ownership topic: wait for it rather than guess. */
    private JsonNode presign(String token, String vehicle, String name, String type, long length) {
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> post("upload-api", "/api/v1/uploads", token,
                Map.of("vehicleId", vehicle, "filename", name, "contentType", type, "contentLength", length)), n -> n.has("upload"));
    }

    private int put(JsonNode presign, byte[] body) throws Exception {
        var upload = presign.get("upload");
        var request = HttpRequest.newBuilder(URI.create(upload.get("url").asString())).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.get("headers").properties().forEach(e -> request.header(e.getKey(), e.getValue().asString()));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode photos(String token, String vehicle) throws Exception {
        var response = http.send(HttpRequest.newBuilder(services.url("vehicle-service", "/api/v1/vehicles/" + vehicle + "/photos"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        var list = JSON.readTree(response.body());
        return list.isEmpty() ? JSON.createObjectNode().put("status", "NONE") : list;
    }

    private JsonNode post(String service, String path, String token, Map<String, Object> body) throws Exception {
        var request = HttpRequest.newBuilder(services.url(service, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(service + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

}
