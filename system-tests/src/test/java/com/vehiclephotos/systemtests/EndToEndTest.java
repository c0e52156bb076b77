package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.images.HeifPhotos;
import com.vehiclephotos.fixtures.images.RealPhotos;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The product as a user meets it, over HTTP only, with every service a separate process: a token,
 * a vehicle, a presign, the browser's PUT to the presigned URL, READY on the REST API and on the
 * live stream, and published images that download, have the announced sizes and carry no EXIF or GPS.
 */
@WithDevstack
class EndToEndTest {

    private static Client client;
    private static RunningServices services;

    @BeforeAll
    static void start(DevstackEndpoints devstack) {
        devstack.requireClamd();
        services = RunningServices.shared(devstack);
        client = new Client(services);
    }

    @Test
    void aPhoneUploadBecomesReadyOnTheVehicleLiveAndItsImagesAreClean() throws Exception {
        var token = client.token("e2e-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Volkswagen", "Golf");
        var events = new CopyOnWriteArrayList<String>();
        var stream = client.http()
                .sendAsync(
                        HttpRequest.newBuilder(services.url(
                                        "vehicle-service", "/api/v1/vehicles/" + vehicle + "/photos/stream"))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().filter(l -> l.startsWith("data:")).forEach(events::add));
        var photo = Files.readAllBytes(RealPhotos.iphoneWithGps());
        // the stream is open (it says what there is: nothing) before anything is uploaded
        await().atMost(Duration.ofSeconds(20)).until(() -> !events.isEmpty());

        var presign = client.presign(token, vehicle, "IMG_0001.JPG", "image/jpeg", photo.length);
        assertThat(client.put(presign, photo)).isEqualTo(200);

        var ready = await().atMost(Duration.ofSeconds(90))
                .until(() -> only(client.photos(token, vehicle)), p -> status(p).equals("READY"));
        assertThat(ready.get("id").asString()).isEqualTo(presign.get("photoId").asString());
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e -> e.contains("\"READY\"")));
        assertThat(events.get(0)).isEqualTo("data:[]");
        var images = new java.util.ArrayList<JsonNode>();
        images.add(ready.get("original"));
        ready.get("variants").forEach(images::add);
        assertThat(images)
                .extracting(i -> i.get("variant").asString())
                .containsExactly("original", "320", "800", "1600");
        for (var image : images) {
            var bytes = client.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(image.get("url").asString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bytes.statusCode()).isEqualTo(200);
            var decoded = ImageIO.read(new ByteArrayInputStream(bytes.body()));
            assertThat(decoded.getWidth()).isEqualTo(image.get("width").asInt());
            assertThat(decoded.getHeight()).isEqualTo(image.get("height").asInt());
            var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes.body()));
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class))
                    .isNull();
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        }
        stream.cancel(true);
    }

    @Test
    void anIphoneHeicThroughTheUploadPathIsReadyUpright() throws Exception {
        assumeTrue(
                HeifPhotos.encoderInstalled() || System.getenv("CI") != null,
                "heif-enc (Debian: libheif-examples) is not installed");
        var token = client.token("e2e-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Peugeot", "208");
        // the container turns it upright; its EXIF tag (8) describes the sensor, as an iPhone's does
        var heic = HeifPhotos.withTransform(Files.readAllBytes(HeifPhotos.heic(RealPhotos.right(), 80)), 1, -1);

        var presign = client.presign(token, vehicle, "IMG_4711.HEIC", "image/heic", heic.length);
        assertThat(client.put(presign, heic)).isEqualTo(200);

        var ready = await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> only(client.photos(token, vehicle)),
                        p -> List.of("READY", "REJECTED").contains(status(p)));
        assertThat(status(ready)).as("%s", ready).isEqualTo("READY");
        assertThat(ready.get("original").get("width").asInt()).isEqualTo(480);
        assertThat(ready.get("original").get("height").asInt()).isEqualTo(640);
    }

    @Test
    void aFileThatIsNotAnImageIsRejectedWithItsReasonOnTheVehicle() {
        var token = client.token("e2e-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Audi", "A4");
        var html = "<html><body><script>alert(document.cookie)</script></body></html>".getBytes();

        var presign = client.presign(token, vehicle, "car.jpg", "image/jpeg", html.length);
        assertThat(client.put(presign, html)).isEqualTo(200);

        var rejected = await().atMost(Duration.ofSeconds(90))
                .until(() -> only(client.photos(token, vehicle)), p -> status(p).equals("REJECTED"));
        assertThat(rejected.get("rejection").get("reason").asString()).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(rejected.get("rejection").get("message").asString()).isNotBlank();
        assertThat(rejected.get("original")).isNull();
    }

    static JsonNode only(List<JsonNode> photos) {
        return photos.isEmpty() ? Client.JSON.createObjectNode().put("status", "NONE") : photos.get(0);
    }

    static String status(JsonNode photo) {
        return photo.get("status").asString();
    }
}
