package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackControl;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.images.Images;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fail closed: with clamd stopped for a minute ({@code -Dclamd.outage=PT60S}) while a burst of
 * uploads arrives, not one photo is published or announced; once clamd is back, every one is
 * scanned and processed — the one carrying EICAR is caught, proving the scan really ran.
 */
@WithDevstack
class ClamdOutageTest {

    private static final Duration OUTAGE = Duration.parse(System.getProperty("clamd.outage", "PT60S"));
    private static final int BURST = 20;

    private static DevstackEndpoints devstack;
    private static Client client;

    @BeforeAll
    static void start(DevstackEndpoints endpoints) {
        endpoints.requireClamd();
        devstack = endpoints;
        client = new Client(RunningServices.shared(endpoints));
    }

    @Test
    void nothingIsPublishedUnscannedWhileClamdIsDownAndAllIsProcessedWhenItReturns() {
        var token = client.token("clamd-outage-" + UUID.randomUUID());
        var vehicle = client.vehicle(token, "Dacia", "Sandero");
        var jpeg = Images.jpeg(Images.marker(800, 600));
        var infected = Images.concat(jpeg, Images.EICAR);
        var control = new DevstackControl(devstack);
        var expected = new HashMap<String, String>();

        control.post("/clamd/stop");
        var buckets = new Buckets(devstack);
        try (buckets) {
            for (int i = 0; i < BURST; i++) {
                var bytes = i == BURST / 2 ? infected : jpeg;
                var presign = client.presign(token, vehicle, "outage-" + i + ".jpg", "image/jpeg", bytes.length);
                assertThat(client.put(presign, bytes)).isEqualTo(200);
                expected.put(presign.get("photoId").asString(), i == BURST / 2 ? "REJECTED" : "READY");
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.photos(token, vehicle).size() == BURST);

            await().during(OUTAGE)
                    .atMost(OUTAGE.plusSeconds(10))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> client.photos(token, vehicle).stream()
                                    .allMatch(p -> p.get("status").asString().equals("PROCESSING"))
                            && buckets.published(vehicle).isEmpty());
        } finally {
            control.post("/clamd/start");
        }

        var photos = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> client.photos(token, vehicle),
                        list -> list.stream()
                                .noneMatch(p -> p.get("status").asString().equals("PROCESSING")));
        var outcomes = new ArrayList<String>();
        for (var photo : photos) {
            var id = photo.get("id").asString();
            assertThat(photo.get("status").asString()).as(id).isEqualTo(expected.get(id));
            outcomes.add(photo.get("status").asString());
            if (expected.get(id).equals("REJECTED")) {
                assertThat(photo.get("rejection").get("reason").asString()).isEqualTo("MALWARE_DETECTED");
            }
        }
        assertThat(outcomes).hasSize(BURST);
    }
}
