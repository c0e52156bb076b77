package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.images.Images;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What only shows up with more than one instance of each deployment: a vehicle created through
 * one vehicle-service instance is presignable through every upload-api instance (each has its own
 * ownership view); photos are processed by whichever processor instance owns their partition; and a
 * live stream opened on one vehicle-service instance sees every change, whichever instance applied
 * the event or served the owner's request.
 */
@WithDevstack
class MultiInstanceTest {

    private static Client client;
    private static RunningServices services;

    @BeforeAll
    static void start(DevstackEndpoints devstack) {
        devstack.requireClamd();
        services = RunningServices.shared(devstack);
        client = new Client(services);
    }

    @Test
    void aStreamOnOneInstanceSeesEveryChangeMadeThroughAnother() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                RunningServices.INSTANCES >= 2, "needs -Dsystem.instances=2 or more");
        var watching = "vehicle-service-1";
        var changing = "vehicle-service-2";
        var token = client.token("multi-" + UUID.randomUUID());
        var vehicle = client.post(
                        changing, "/api/v1/vehicles", token, java.util.Map.of("make", "Skoda", "model", "Octavia"))
                .get("id")
                .asString();

        var snapshots = new CopyOnWriteArrayList<String>();
        client.http()
                .sendAsync(
                        HttpRequest.newBuilder(services.url(watching, "/api/v1/vehicles/" + vehicle + "/photos/stream"))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body()
                        .filter(l -> l.startsWith("data:"))
                        .forEach(l -> snapshots.add(l.substring("data:".length()))));
        await().atMost(Duration.ofSeconds(20)).until(() -> !snapshots.isEmpty());

        // one photo presigned through each upload-api instance: each instance's ownership view knows the vehicle
        var photos = new ArrayList<String>();
        for (var uploadApi : RunningServices.instances("upload-api")) {
            for (int i = 0; i < 2; i++) {
                var jpeg = Images.jpeg(Images.marker(640 + 16 * photos.size(), 480));
                var presign = await().atMost(Duration.ofSeconds(30))
                        .ignoreExceptions()
                        .until(
                                () -> client.post(
                                        uploadApi,
                                        "/api/v1/uploads",
                                        token,
                                        java.util.Map.of(
                                                "vehicleId",
                                                vehicle,
                                                "filename",
                                                "multi.jpg",
                                                "contentType",
                                                "image/jpeg",
                                                "contentLength",
                                                jpeg.length)),
                                n -> n.has("upload"));
                assertThat(client.put(presign, jpeg)).isEqualTo(200);
                photos.add(presign.get("photoId").asString());
            }
        }

        await().atMost(Duration.ofSeconds(90))
                .until(() -> client.photos(token, vehicle).stream()
                                .filter(p -> p.get("status").asString().equals("READY"))
                                .count()
                        == photos.size());
        var deleted = photos.get(0);
        var cover = photos.get(photos.size() - 1);
        assertThat(client.send(changing, "DELETE", "/api/v1/vehicles/" + vehicle + "/photos/" + deleted, token, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(client.send(
                                changing,
                                "PUT",
                                "/api/v1/vehicles/" + vehicle + "/photos/" + cover + "/primary",
                                token,
                                null)
                        .statusCode())
                .isEqualTo(204);

        // the stream on the other instance saw each photo READY, then the deletion
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (var photo : photos) {
                assertThat(snapshots)
                        .as("a snapshot with " + photo + " READY")
                        .anyMatch(s -> statusIn(s, photo).equals("READY"));
            }
            var last = snapshots.get(snapshots.size() - 1);
            assertThat(statusIn(last, deleted))
                    .as("deleted in the last snapshot")
                    .isEqualTo("absent");
            for (var photo : photos.subList(1, photos.size())) {
                assertThat(statusIn(last, photo)).isEqualTo("READY");
            }
        });
    }

    /** The demo page may come from any upload-api instance: vehicle-service lets each one's origin call it. */
    @Test
    void everyUploadApiInstanceIsAnAllowedOriginOfEveryVehicleService() {
        for (var origin : RunningServices.instances("upload-api")) {
            var originUrl = services.instanceUrl(origin, "").toString();
            for (var vehicles : RunningServices.instances("vehicle-service")) {
                var preflight = client.send(HttpRequest.newBuilder(services.instanceUrl(vehicles, "/api/v1/vehicles"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", originUrl)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type")
                        .build());
                assertThat(preflight.statusCode()).as(origin + " → " + vehicles).isEqualTo(200);
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                        .as(origin + " → " + vehicles)
                        .contains(originUrl);
            }
        }
    }

    /** The status of the photo in a snapshot (a JSON array of photos), or "absent". */
    private static String statusIn(String snapshot, String photo) {
        for (JsonNode p : Client.JSON.readTree(snapshot)) {
            if (p.get("id").asString().equals(photo)) {
                return p.get("status").asString();
            }
        }
        return "absent";
    }
}
