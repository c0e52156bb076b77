package com.vehiclephotos.media.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.PhotoRejected;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.corpus.Images;
import com.vehiclephotos.media.corpus.RealPhotos;

/** The processor against devstack's real S3, Kafka and clamd, with real photographs and hostile files. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("devstack")
class MediaProcessorTest {

    private static Uploads uploads;
    private static DevstackEndpoints stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void connect(DevstackEndpoints devstack) {
        devstack.requireClamd();
        stack = devstack;
        uploads = new Uploads(devstack);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        if (uploads != null) {
            uploads.close();
        }
    }

    @Test
    void aCameraPhotoBecomesReadyWithRightSizesAndNoMetadataAndTheUploadIsDeleted() throws Exception {
        var upload = uploads.upload(Files.readAllBytes(RealPhotos.sonyAlpha6000()), "image/jpeg", "DSC00001.JPG");

        var ready = awaitReady(upload);

        assertThat(ready.original().width()).isEqualTo(2560);
        assertThat(ready.original().height()).isEqualTo(1707);
        assertThat(ready.variants()).extracting(PublishedImage::variant).containsExactly("320", "800", "1600");
        assertThat(ready.sha256()).matches("[0-9a-f]{64}");
        for (var image : all(ready)) {
            var bytes = download(image.url());
            assertThat(bytes).hasSize((int) image.bytes());
            var decoded = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(decoded.getWidth()).isEqualTo(image.width());
            assertThat(decoded.getHeight()).isEqualTo(image.height());
            assertNoMetadata(bytes, image.variant());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !uploads.uploadExists(upload));
    }

    @Test
    void phonePhotosAreTurnedUprightAndLoseTheirGpsPosition() throws Exception {
        var gpsShot = Files.readAllBytes(RealPhotos.iphoneWithGps());
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(gpsShot)).getFirstDirectoryOfType(GpsDirectory.class)).isNotNull();
        var rotated = uploads.upload(Files.readAllBytes(RealPhotos.right()), "image/jpeg", "right.jpg");
        var withGps = uploads.upload(gpsShot, "image/jpeg", "IMG_0001.JPG");

        var upright = awaitReady(rotated);
        var stored = ImageIO.read(RealPhotos.right().toFile());
        assertThat(upright.original().width()).as("orientation 6 swaps the sides").isEqualTo(stored.getHeight());
        assertThat(upright.original().height()).isEqualTo(stored.getWidth());
        for (var image : all(awaitReady(withGps))) {
            assertNoMetadata(download(image.url()), image.variant());
        }
    }

    @Test
    void eachHostileFileGetsItsReasonAndNothingIsPublished() {
        var jpeg = Images.jpeg(Images.marker(640, 480));
        var cases = new Object[][] {
                {Images.concat(jpeg, Images.EICAR), "image/jpeg", RejectionReason.MALWARE_DETECTED},
                {Images.EICAR, "image/jpeg", RejectionReason.UNSUPPORTED_TYPE},
                {Images.zip("eicar.com", Images.EICAR), "image/jpeg", RejectionReason.UNSUPPORTED_TYPE},
                {"<html><script>alert(1)</script></html>".getBytes(), "image/jpeg", RejectionReason.UNSUPPORTED_TYPE},
                {Images.png(Images.marker(64, 64)), "image/jpeg", RejectionReason.TYPE_MISMATCH},
                {Images.pngBomb(), "image/png", RejectionReason.TOO_MANY_PIXELS},
                {Images.jpegClaiming65500(), "image/jpeg", RejectionReason.TOO_MANY_PIXELS},
                {Images.truncated(Images.jpeg(Images.marker(1200, 900))), "image/jpeg", RejectionReason.CORRUPT_IMAGE},
                {new byte[0], "image/jpeg", RejectionReason.EMPTY},
                {new byte[21 * 1024 * 1024], "image/jpeg", RejectionReason.TOO_LARGE},
        };
        var sent = new java.util.ArrayList<PhotoUploaded>();
        for (var c : cases) {
            sent.add(uploads.upload((byte[]) c[0], (String) c[1], "hostile.jpg"));
        }

        for (int i = 0; i < cases.length; i++) {
            var upload = sent.get(i);
            var rejected = awaitOutcome(upload, PhotoRejected.class);
            assertThat(rejected.reason()).as("case %d", i).isEqualTo(cases[i][2]);
            assertThat(rejected.detail()).isNotBlank();
            assertThat(uploads.mediaKeys(upload)).as("published for case %d", i).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().noneMatch(uploads::uploadExists));
    }

    @Test
    void whileClamdIsDownNothingIsPublishedAndTheUploadIsProcessedOnceItIsBack() throws Exception {
        control("/clamd/stop");
        PhotoUploaded upload;
        try {
            upload = uploads.upload(Images.jpeg(Images.marker(800, 600)), "image/jpeg", "waiting.jpg");
            var waiting = upload;
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                    uploads.outcomesOf(waiting.photoId()).isEmpty() && uploads.mediaKeys(waiting).isEmpty());
            assertThat(uploads.uploadExists(upload)).isTrue();
        } finally {
            control("/clamd/start");
        }

        awaitReady(upload);
    }

    @Test
    void theSameUploadTwiceGivesOneSetOfObjectsAndAnEquivalentEvent() {
        var upload = uploads.upload(Images.jpeg(Images.marker(2000, 1000)), "image/jpeg", "twice.jpg");
        var first = awaitReady(upload);
        await().atMost(Duration.ofSeconds(10)).until(() -> !uploads.uploadExists(upload));
        var keys = uploads.mediaKeys(upload);

        // a redelivery after the upload was handled: nothing to do, nothing announced again
        uploads.send(upload);
        // a redelivery before the upload was deleted: the same keys, an equivalent event
        uploads.s3.putObject(b -> b.bucket("uploads").key(upload.key()).contentType("image/jpeg"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(Images.jpeg(Images.marker(2000, 1000))));
        uploads.send(upload);

        await().atMost(Duration.ofSeconds(30)).until(() -> uploads.outcomesOf(upload.photoId()).size() == 2);
        var second = (PhotoReady) uploads.outcomesOf(upload.photoId()).get(1);
        assertThat(uploads.mediaKeys(upload)).isEqualTo(keys).hasSize(4);
        assertThat(second.original()).isEqualTo(first.original());
        assertThat(second.variants()).isEqualTo(first.variants());
    }

    private static java.util.List<PublishedImage> all(PhotoReady ready) {
        var all = new java.util.ArrayList<PublishedImage>();
        all.add(ready.original());
        all.addAll(ready.variants());
        return all;
    }

    private static void assertNoMetadata(byte[] jpeg, String variant) throws Exception {
        var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).as("EXIF in %s", variant).isNull();
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).as("GPS in %s", variant).isNull();
        assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class)).as("XMP in %s", variant).isNull();
    }

    private PhotoReady awaitReady(PhotoUploaded upload) {
        return awaitOutcome(upload, PhotoReady.class);
    }

    private <T extends PhotoEvent> T awaitOutcome(PhotoUploaded upload, Class<T> type) {
        var event = await().atMost(Duration.ofSeconds(90)).until(() -> uploads.outcomesOf(upload.photoId()).stream().findFirst().orElse(null),
                e -> e != null);
        assertThat(event).as("outcome of %s", upload.key()).isInstanceOf(type);
        return type.cast(event);
    }

    private byte[] download(String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private void control(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(stack.controlUrl().resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

}
