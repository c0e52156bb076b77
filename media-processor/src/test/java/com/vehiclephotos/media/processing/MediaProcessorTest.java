package com.vehiclephotos.media.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.CaptureDetails;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.PhotoRejected;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.fixtures.images.HeifPhotos;
import com.vehiclephotos.fixtures.images.Hostile;
import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.worker.WorkerPool;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The processor against devstack's real S3, Kafka and clamd, with real photographs and hostile files. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("devstack")
class MediaProcessorTest {

    /** A normal photo's PUT-to-outcome here is well under a second; this bound is for a loaded CI machine. */
    private static final Duration NORMAL_TIME = Duration.ofSeconds(20);

    private static Uploads uploads;
    private static DevstackEndpoints stack;
    private static StallingClamd stallingClamd;
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    WorkerPool workers;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @LocalManagementPort
    int managementPort;

    /** The processor scans through a relay that stalls only files carrying {@link StallingClamd#MARKER}. */
    @DynamicPropertySource
    static void scanThroughTheStallingRelay(DynamicPropertyRegistry registry) throws java.io.IOException {
        if (Boolean.getBoolean("devstack.clamd.available")) {
            stallingClamd = new StallingClamd(Integer.getInteger("devstack.clamd.port"));
            registry.add("media.clamd.port", stallingClamd::port);
        }
    }

    @BeforeAll
    static void connect(DevstackEndpoints devstack) {
        devstack.requireClamd();
        stack = devstack;
        uploads = new Uploads(devstack);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (uploads != null) {
            uploads.close();
        }
        if (stallingClamd != null) {
            stallingClamd.close();
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
        assertThat(java.util.Base64.getDecoder().decode(ready.placeholder())).hasSizeBetween(5, 40);
        assertThat(ready.dominantColor()).matches("#[0-9a-f]{6}");
        assertThat(ready.quality()).as("a sharp, well-exposed camera photo").isEmpty();
        assertThat(ready.perceptualHash()).matches("[0-9a-f]{16}");
        assertThat(ready.capture())
                .as("when and with what, from its EXIF")
                .isEqualTo(new CaptureDetails("2014-04-18T20:33:53", "SONY", "ILCE-6000"));
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
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(gpsShot))
                        .getFirstDirectoryOfType(GpsDirectory.class))
                .isNotNull();
        var rotated = uploads.upload(Files.readAllBytes(RealPhotos.right()), "image/jpeg", "right.jpg");
        var withGps = uploads.upload(gpsShot, "image/jpeg", "IMG_0001.JPG");

        var upright = awaitReady(rotated);
        var stored = ImageIO.read(RealPhotos.right().toFile());
        assertThat(upright.original().width())
                .as("orientation 6 swaps the sides")
                .isEqualTo(stored.getHeight());
        assertThat(upright.original().height()).isEqualTo(stored.getWidth());
        var gpsReady = awaitReady(withGps);
        assertThat(gpsReady.capture())
                .as("the capture details stay private in the event, the position is not even read")
                .isEqualTo(new CaptureDetails("2016-03-24T14:49:51", "Apple", "iPhone 6 Plus"));
        for (var image : all(gpsReady)) {
            assertNoMetadata(download(image.url()), image.variant());
        }
    }

    @Test
    void iphoneHeicAndAvifBecomeReadyUprightAndBare() throws Exception {
        assumeTrue(
                HeifPhotos.encoderInstalled() || System.getenv("CI") != null,
                "heif-enc (Debian: libheif-examples) is not installed");
        // as an iPhone writes it: the container rotates, and the EXIF tag (8 here) describes the sensor
        var heic = HeifPhotos.withTransform(Files.readAllBytes(HeifPhotos.heic(RealPhotos.right(), 80)), 1, -1);
        var avif = Files.readAllBytes(HeifPhotos.avif(RealPhotos.right(), 70));
        var fromHeic = uploads.upload(heic, "image/heic", "IMG_4711.HEIC");
        var fromAvif = uploads.upload(avif, "image/avif", "right.avif");

        for (var ready : List.of(awaitReady(fromHeic), awaitReady(fromAvif))) {
            assertThat(ready.original().width() + "x" + ready.original().height())
                    .isEqualTo("480x640");
            assertThat(ready.variants()).extracting(PublishedImage::variant).containsExactly("320", "800", "1600");
            for (var image : all(ready)) {
                var bytes = download(image.url());
                assertThat(ImageIO.read(new ByteArrayInputStream(bytes)).getWidth())
                        .isEqualTo(image.width());
                assertNoMetadata(bytes, image.variant());
            }
        }
    }

    @Test
    void aDarkSmallPhotoIsReadyWithAdviceNotARejection() throws Exception {
        var photo = ImageIO.read(RealPhotos.right().toFile()); // 640 × 480
        var dark = new java.awt.image.RescaleOp(0.2f, 0, null).filter(photo, null);
        var upload =
                uploads.upload(com.vehiclephotos.fixtures.images.Images.jpeg(dark, 0.9f), "image/jpeg", "dark.jpg");

        var ready = awaitReady(upload);

        assertThat(ready.quality())
                .extracting(com.vehiclephotos.events.QualityFlag::flag)
                .containsExactlyInAnyOrder("TOO_DARK", "LOW_RESOLUTION");
        assertThat(ready.quality())
                .filteredOn(f -> f.flag().equals("LOW_RESOLUTION"))
                .extracting(com.vehiclephotos.events.QualityFlag::score)
                .containsExactly(480.0);
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
            {Hostile.pngWithZtxtBomb(1024), "image/png", RejectionReason.UNPROCESSABLE},
            {Hostile.pngWithItxtBomb(64), "image/png", RejectionReason.UNPROCESSABLE},
            {Hostile.pngWithIccBomb(64), "image/png", RejectionReason.UNPROCESSABLE},
            {Hostile.jpegScanBomb(512, 512, 1000), "image/jpeg", RejectionReason.UNPROCESSABLE},
            {Hostile.jpegWithMetadataBulk(80), "image/jpeg", RejectionReason.UNPROCESSABLE},
            {Hostile.webpWithMetadataBulk(5), "image/webp", RejectionReason.UNPROCESSABLE},
            {Hostile.apng(100), "image/png", RejectionReason.UNSUPPORTED_TYPE},
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
        aNormalPhotoIsReadyInNormalTime();
    }

    @Test
    void aSecondDifferentUploadForAJudgedPhotoIsDroppedAndChangesNothing() {
        var first = uploads.upload(Images.jpeg(Images.marker(1200, 800)), "image/jpeg", "first.jpg");
        awaitReady(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> !uploads.uploadExists(first));
        var published = uploads.mediaETags(first);

        var second = uploads.reupload(first, Images.jpeg(Images.marker(640, 480)));

        await().atMost(NORMAL_TIME).until(() -> !uploads.uploadExists(second));
        // stays so for 3 s; the slack is for one S3 listing slowed by a loaded machine (CI timed one out at 5 s)
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(15))
                .until(() -> uploads.outcomesOf(first.photoId()).size() == 1);
        assertThat(uploads.mediaETags(first)).hasSize(4).isEqualTo(published);
    }

    @Test
    void anUploadThatArrivesAfterItsPhotoWasDeletedIsDroppedAndNothingIsPublished() {
        var upload = uploads.upload(Images.jpeg(Images.marker(1200, 800)), "image/jpeg", "late.jpg");
        awaitReady(upload);
        uploads.deleted(upload);
        await().atMost(NORMAL_TIME).until(() -> uploads.mediaKeys(upload).isEmpty());

        var again = uploads.reupload(upload, Images.jpeg(Images.marker(1200, 800)));

        await().atMost(NORMAL_TIME).until(() -> !uploads.uploadExists(again));
        // stays so for 3 s; the slack is for one S3 listing slowed by a loaded machine (CI timed one out at 5 s)
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(15))
                .until(() -> uploads.mediaKeys(upload).isEmpty());
        assertThat(uploads.outcomesOf(upload.photoId())).hasSize(1);
    }

    @Test
    void deepPngsJustUnderThePixelCapAreReadyOnTheSlowLaneWithoutHoldingBackANormalPhoto() {
        var rgba = uploads.upload(Hostile.deepPng(7000, 7000, true), "image/png", "deep-rgba.png");
        var rgb = uploads.upload(Hostile.deepPng(7000, 7000, false), "image/png", "deep-rgb.png");
        var normal = uploads.upload(Images.jpeg(Images.marker(1600, 1200)), "image/jpeg", "behind-the-heavy-ones.jpg");

        awaitReady(normal);
        assertThat(uploads.outcomesOf(rgb.photoId()))
                .as("the second heavy photo waits on the slow lane, the normal one did not")
                .isEmpty();
        for (var upload : List.of(rgba, rgb)) {
            var ready = awaitReady(upload);
            assertThat(ready.original().width() + "x" + ready.original().height())
                    .isEqualTo("2560x2560");
        }
        aNormalPhotoIsReadyInNormalTime();
    }

    @Test
    void aWorkerKilledMidPhotoCostsThatPhotoOneTryAndNothingElse() {
        var before = cpuOfWorkers();
        var upload = uploads.upload(Hostile.deepPng(7000, 7000, true), "image/png", "victim.png");
        // finding the worker to kill is a precondition, not a timing claim: the photo may wait behind
        // the previous test's heavy ones on the slow lane first (CI met 20 s once)
        var busy = await().atMost(Duration.ofSeconds(90)).until(() -> busiestSince(before), pid -> pid != null);
        ProcessHandle.of(busy).ifPresent(ProcessHandle::destroyForcibly);

        awaitReady(upload);
        assertThat(workers.pids()).doesNotContain(busy);
        aNormalPhotoIsReadyInNormalTime();
    }

    @Test
    void aFileOnWhichTheScannerStallsEndsUnprocessableWhileOthersGoOn() {
        var stalling = uploads.upload(
                Images.withComment(Images.jpeg(Images.marker(800, 600)), StallingClamd.MARKER),
                "image/jpeg",
                "stalls.jpg");
        var others = new java.util.ArrayList<PhotoUploaded>();
        for (int i = 0; i < 4; i++) {
            others.add(uploads.upload(Images.jpeg(Images.marker(1200, 800)), "image/jpeg", "other-" + i + ".jpg"));
        }

        for (var other : others) {
            awaitReady(other);
        }
        assertThat(uploads.outcomesOf(stalling.photoId()))
                .as("the stalled file is still being tried")
                .isEmpty();
        var rejected = awaitOutcome(stalling, PhotoRejected.class);
        assertThat(rejected.reason()).isEqualTo(RejectionReason.UNPROCESSABLE);
        assertThat(rejected.detail()).startsWith("Tried 3 times").contains("malware scanner");
        await().atMost(Duration.ofSeconds(10)).until(() -> !uploads.uploadExists(stalling));
        assertThat(uploads.mediaKeys(stalling)).isEmpty();
    }

    @Test
    void aStoppedListenerMakesTheInstanceNotLive() throws Exception {
        assertThat(liveness()).isEqualTo(200);
        var container = listeners.getListenerContainer("uploads");
        container.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> liveness() == 503);
        } finally {
            container.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> liveness() == 200);
        aNormalPhotoIsReadyInNormalTime();
    }

    /** After whatever came before: the service is still ready, and a normal photo goes through in normal time. */
    private void aNormalPhotoIsReadyInNormalTime() {
        assertThat(health("readiness")).isEqualTo(200);
        var upload = uploads.upload(Images.jpeg(Images.marker(1600, 1200)), "image/jpeg", "normal.jpg");
        await().atMost(NORMAL_TIME)
                .until(() -> !uploads.outcomesOf(upload.photoId()).isEmpty());
        assertThat(uploads.outcomesOf(upload.photoId()).get(0)).isInstanceOf(PhotoReady.class);
    }

    private int liveness() {
        return health("liveness");
    }

    private int health(String group) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + managementPort + "/actuator/health/" + group))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private java.util.Map<Long, Duration> cpuOfWorkers() {
        var cpu = new java.util.HashMap<Long, Duration>();
        for (long pid : workers.pids()) {
            cpu.put(
                    pid,
                    ProcessHandle.of(pid)
                            .flatMap(p -> p.info().totalCpuDuration())
                            .orElse(Duration.ZERO));
        }
        return cpu;
    }

    /** The worker that has used over half a second of CPU since {@code before}, or null. */
    private Long busiestSince(java.util.Map<Long, Duration> before) {
        for (var entry : cpuOfWorkers().entrySet()) {
            if (entry.getValue()
                            .minus(before.getOrDefault(entry.getKey(), Duration.ZERO))
                            .toMillis()
                    > 500) {
                return entry.getKey();
            }
        }
        return null;
    }

    @Test
    void whileClamdIsDownNothingIsPublishedAndTheUploadIsProcessedOnceItIsBack() throws Exception {
        control("/clamd/stop");
        PhotoUploaded upload;
        try {
            upload = uploads.upload(Images.jpeg(Images.marker(800, 600)), "image/jpeg", "waiting.jpg");
            var waiting = upload;
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> uploads.outcomesOf(waiting.photoId()).isEmpty()
                            && uploads.mediaKeys(waiting).isEmpty());
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
        uploads.s3.putObject(
                b -> b.bucket("uploads").key(upload.key()).contentType("image/jpeg"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(Images.jpeg(Images.marker(2000, 1000))));
        uploads.send(upload);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> uploads.outcomesOf(upload.photoId()).size() == 2);
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
        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class))
                .as("EXIF in %s", variant)
                .isNull();
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class))
                .as("GPS in %s", variant)
                .isNull();
        assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class))
                .as("XMP in %s", variant)
                .isNull();
    }

    private PhotoReady awaitReady(PhotoUploaded upload) {
        return awaitOutcome(upload, PhotoReady.class);
    }

    private <T extends PhotoEvent> T awaitOutcome(PhotoUploaded upload, Class<T> type) {
        var event = await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> uploads.outcomesOf(upload.photoId()).stream()
                                .findFirst()
                                .orElse(null),
                        e -> e != null);
        assertThat(event).as("outcome of %s", upload.key()).isInstanceOf(type);
        return type.cast(event);
    }

    private byte[] download(String url) throws Exception {
        var response =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private void control(String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(stack.controlUrl().resolve(path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
