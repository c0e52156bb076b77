package com.vehiclephotos.media.measuring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.fixtures.images.HeifPhotos;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HEIF box walk on HEIC and AVIF made from a real photo by libheif's encoder (EXIF orientation 8,
 * "rotate 270° clockwise"), on the same file with the container's own rotation added as iPhones write
 * it, and on damaged and hostile edits of it.
 */
class HeifStructureTest {

    private static byte[] heic;
    private static byte[] avif;
    private final Measure measure = new Measure(TestProperties.defaults());

    @BeforeAll
    static void encode() throws IOException {
        assumeTrue(
                HeifPhotos.encoderInstalled() || System.getenv("CI") != null,
                "heif-enc (Debian: libheif-examples) is not installed");
        heic = Files.readAllBytes(HeifPhotos.heic(RealPhotos.right(), 70));
        avif = Files.readAllBytes(HeifPhotos.avif(RealPhotos.right(), 60));
    }

    @Test
    void readsTheSizeAndTheExifOrientationOfHeicAndAvif() {
        var fromHeic = measured(heic, "image/heic");
        var fromAvif = measured(avif, "image/avif");

        assertThat(fromHeic).isEqualTo(new ImageStructure(640, 480, 24, 8));
        assertThat(fromAvif.width() + "x" + fromAvif.height()).isEqualTo("640x480");
    }

    @Test
    void theContainersRotationWinsAndTheExifOrientationIsNotAppliedASecondTime() {
        var rotated = measured(HeifPhotos.withTransform(heic, 1, -1), "image/heic");
        var mirrored = measured(HeifPhotos.withTransform(heic, 2, 0), "image/heic");

        assertThat(rotated).isEqualTo(new ImageStructure(480, 640, 24, 1));
        assertThat(mirrored).isEqualTo(new ImageStructure(640, 480, 24, 1));
    }

    @Test
    void aTruncatedUploadIsCorrupt() {
        var truncated = Arrays.copyOf(heic, heic.length - 100);

        assertThat(reason(truncated, "image/heic")).isEqualTo(RejectionReason.CORRUPT_IMAGE);
    }

    @Test
    void aBoxLargerThanTheFileIsCorrupt() {
        var lying = heic.clone();
        int meta = HeifPhotos.firstOccurrence(lying, "meta") - 4;
        lying[meta] = 0x7F;

        assertThat(reason(lying, "image/heic")).isEqualTo(RejectionReason.CORRUPT_IMAGE);
        assertThat(reason(Arrays.copyOf(heic, 12), "image/heic")).isEqualTo(RejectionReason.CORRUPT_IMAGE);
    }

    @Test
    void aGiantDeclaredSizeIsRefusedBeforeAnyDecoder() {
        var giant = HeifPhotos.claimingSize(heic, 1_000_000, 480);

        assertThat(reason(giant, "image/heic")).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
    }

    @Test
    void thousandsOfItemsAreRefusedWithoutWalkingThem() {
        var crowded = heic.clone();
        int iloc = HeifPhotos.firstOccurrence(crowded, "iloc");
        int count = iloc + 4 + 4 + 2; // the full box's version and flags, the field sizes
        crowded[count] = (byte) 0xFF;
        crowded[count + 1] = (byte) 0xFF;

        var refusal = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> reason(crowded, "image/heic"));

        assertThat(refusal).isEqualTo(RejectionReason.UNPROCESSABLE);
    }

    @Test
    void aFileThatDoesNotStartWithFtypIsCorrupt() {
        var renamed = heic.clone();
        renamed[4] = 'f';
        renamed[5] = 'r';
        renamed[6] = 'e';
        renamed[7] = 'e';

        assertThat(reason(renamed, "image/heic")).isEqualTo(RejectionReason.CORRUPT_IMAGE);
    }

    private ImageStructure measured(byte[] bytes, String type) {
        var work = TestProperties.work(bytes, type);
        assertThat(measure.apply(work)).as("refused").isEmpty();
        return work.structure();
    }

    private RejectionReason reason(byte[] bytes, String type) {
        var outcome = measure.apply(TestProperties.work(bytes, type));
        assertThat(outcome).get().isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome.get()).reason();
    }
}
