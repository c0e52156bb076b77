package com.vehiclephotos.media.measuring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.vehiclephotos.events.CaptureDetails;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.fixtures.images.Hostile;
import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structure walk: what it refuses, cheaply, and what it lets through with the right dimensions and orientation. */
class MeasureTest {

    private final Measure measure = new Measure(TestProperties.defaults());

    @Test
    void aZtxtChunkThatInflatesToGigabytesIsRefusedWithoutInflatingIt() {
        var bomb = Hostile.pngWithZtxtBomb(2048);
        assertThat(bomb.length).isBetween(1_000_000, 3_000_000);

        var refusal = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> reason(bomb, "image/png"));

        assertThat(refusal).isEqualTo(RejectionReason.UNPROCESSABLE);
    }

    @Test
    void compressedItxtAndIccChunksAreCappedTheSameWay() {
        assertThat(reason(Hostile.pngWithItxtBomb(64), "image/png")).isEqualTo(RejectionReason.UNPROCESSABLE);
        assertThat(reason(Hostile.pngWithIccBomb(64), "image/png")).isEqualTo(RejectionReason.UNPROCESSABLE);
    }

    @Test
    void bulkyMetadataInJpegAndWebpIsRefused() {
        assertThat(reason(Hostile.jpegWithMetadataBulk(80), "image/jpeg")).isEqualTo(RejectionReason.UNPROCESSABLE);
        assertThat(reason(Hostile.webpWithMetadataBulk(5), "image/webp")).isEqualTo(RejectionReason.UNPROCESSABLE);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000, 10_000})
    void aJpegOfManyScansIsRefusedBeforeAnyDecoderSeesIt(int scans) {
        var bomb = Hostile.jpegScanBomb(256, 256, scans);

        var outcome = measure.apply(TestProperties.work(bomb, "image/jpeg"));

        assertThat(outcome).get().isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.UNPROCESSABLE);
            assertThat(r.detail()).contains("more than 64 scans");
        });
    }

    @Test
    void anOrdinaryProgressiveJpegPasses() {
        var structure = measured(Hostile.progressiveJpeg(800, 600), "image/jpeg");

        assertThat(structure.width()).isEqualTo(800);
        assertThat(structure.height()).isEqualTo(600);
    }

    @Test
    void animationsAreRefusedAndSoAreDeclaredSizesPastTheEnd() {
        assertThat(reason(Hostile.apng(500), "image/png")).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
        assertThat(reason(Hostile.webpDeclaringMoreThanItHas(), "image/webp")).isEqualTo(RejectionReason.CORRUPT_IMAGE);
        var png = Images.png(Images.marker(64, 64));
        png[8 + 3] = 0x7F; // IHDR's length: far past the end of the file
        assertThat(reason(png, "image/png")).isEqualTo(RejectionReason.CORRUPT_IMAGE);
    }

    @Test
    void truncatedAndGarbageFilesAreCorrupt() {
        assertThat(reason(Images.truncated(Images.jpeg(Images.marker(640, 480))), "image/jpeg"))
                .isEqualTo(RejectionReason.CORRUPT_IMAGE);
        var garbage = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5, 6, 7};
        assertThat(reason(garbage, "image/jpeg")).isEqualTo(RejectionReason.CORRUPT_IMAGE);
        assertThat(reason(Images.truncated(Images.png(Images.marker(640, 480))), "image/png"))
                .isEqualTo(RejectionReason.CORRUPT_IMAGE);
    }

    @Test
    void tooManyPixelsAreRefusedFromTheHeaderAlone() {
        var bomb = Images.pngBomb();
        assertThat(bomb.length).isLessThan(1_000_000);

        assertThat(reason(bomb, "image/png")).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
        assertThat(reason(Images.jpegClaiming65500(), "image/jpeg")).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
    }

    @Test
    void deepPngsReportTheirRealDepth() {
        assertThat(measured(Hostile.deepPng(300, 200, true), "image/png").bitsPerPixel())
                .isEqualTo(64);
        assertThat(measured(Hostile.deepPng(300, 200, false), "image/png").bitsPerPixel())
                .isEqualTo(48);
        assertThat(measured(Images.jpeg(Images.marker(300, 200)), "image/jpeg").bitsPerPixel())
                .isEqualTo(24);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsTheExifOrientationFromTheCappedSegment(int orientation) {
        assertThat(measured(Images.withOrientation(orientation, 40, 20), "image/jpeg")
                        .orientation())
                .isEqualTo(orientation);
    }

    @Test
    void keepsWhenAndWithWhatARealPhotoWasTakenButNotWhere() throws Exception {
        var iphone = measured(Files.readAllBytes(RealPhotos.iphoneWithGps()), "image/jpeg");
        var sony = measured(Files.readAllBytes(RealPhotos.sonyAlpha6000()), "image/jpeg");

        // exiftool: Apple, iPhone 6 Plus, 2016:03:24 14:49:51 (and a GPSLatitude, which is not read)
        assertThat(iphone.capture()).isEqualTo(new CaptureDetails("2016-03-24T14:49:51", "Apple", "iPhone 6 Plus"));
        assertThat(sony.capture()).isEqualTo(new CaptureDetails("2014-04-18T20:33:53", "SONY", "ILCE-6000"));
        assertThat(iphone.capture().toString()).doesNotContain("40");
    }

    @Test
    void aPhotoWithoutExifHasNoCaptureDetails() {
        assertThat(measured(Images.jpeg(Images.marker(300, 200)), "image/jpeg")
                        .capture()
                        .saysNothing())
                .isTrue();
        assertThat(measured(Images.withGps(Images.jpeg(Images.marker(300, 200))), "image/jpeg")
                        .capture()
                        .saysNothing())
                .as("GPS alone says nothing we keep")
                .isTrue();
    }

    @Test
    void realPhotosAndAWebpPassWithTheirSizes() throws Exception {
        var sony = measured(Files.readAllBytes(RealPhotos.sonyAlpha6000()), "image/jpeg");
        assertThat(sony.width() + "x" + sony.height()).isEqualTo("6000x4000");
        assertThat(measured(Files.readAllBytes(RealPhotos.right()), "image/jpeg")
                        .orientation())
                .as("exiftool says 8")
                .isEqualTo(8);
        for (Path photo : new Path[] {RealPhotos.xiaomi(), RealPhotos.iphoneWithGps()}) {
            assertThat(measured(Files.readAllBytes(photo), "image/jpeg").pixels())
                    .isPositive();
        }
        var webp = measured(Hostile.WEBP, "image/webp");
        assertThat(webp.width() + "x" + webp.height()).isEqualTo("64x48");
    }

    private ImageStructure measured(byte[] bytes, String type) {
        var work = work(bytes, type);
        assertThat(measure.apply(work))
                .as("refused: %s", measure.apply(work(bytes, type)))
                .isEmpty();
        return work.structure();
    }

    private static PhotoWork work(byte[] bytes, String type) {
        return TestProperties.work(bytes, type);
    }

    private RejectionReason reason(byte[] bytes, String type) {
        var outcome = measure.apply(work(bytes, type));
        assertThat(outcome).get().isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome.get()).reason();
    }
}
