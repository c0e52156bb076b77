package com.vehiclephotos.media.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.fixtures.images.HeifPhotos;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.step.ImageStructure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HEIC and AVIF through libheif in this JVM, as a worker runs them: upright exactly once whether the
 * EXIF tag or the container says how, the same picture as the JPEG they were made from, and
 * libheif's refusal of damaged data as the photo's verdict.
 */
class HeifRenderingTest {

    private static final RenderSpec SPEC = new RenderSpec(2560, List.of(320), 85, 50_000_000L);
    private static byte[] jpeg;
    private static byte[] heic;
    private static byte[] avif;
    private final Renderer renderer = new Renderer(true, Runtime.getRuntime().maxMemory());

    @BeforeAll
    static void encode() throws IOException {
        boolean ci = System.getenv("CI") != null;
        assumeTrue(HeifPhotos.encoderInstalled() || ci, "heif-enc (Debian: libheif-examples) is not installed");
        assumeTrue(Libheif.shared().isPresent() || ci, "libheif (Debian: libheif1) is not installed");
        jpeg = Files.readAllBytes(RealPhotos.right());
        heic = Files.readAllBytes(HeifPhotos.heic(RealPhotos.right(), 90));
        avif = Files.readAllBytes(HeifPhotos.avif(RealPhotos.right(), 90));
    }

    @Test
    void heicAndAvifComeOutUprightAndLookLikeTheirJpeg() throws Exception {
        var fromJpeg = original(jpeg, "image/jpeg", new ImageStructure(640, 480, 24, 8));
        var fromHeic = original(heic, "image/heic", new ImageStructure(640, 480, 24, 8));
        var fromAvif = original(avif, "image/avif", new ImageStructure(640, 480, 24, 8));

        assertThat(size(fromHeic)).isEqualTo("480x640").isEqualTo(size(fromJpeg));
        assertThat(size(fromAvif)).isEqualTo("480x640");
        assertThat(meanDifference(fromHeic, fromJpeg))
                .as("HEIC vs JPEG, mean |Δ| per channel")
                .isLessThan(4);
        assertThat(meanDifference(fromAvif, fromJpeg))
                .as("AVIF vs JPEG, mean |Δ| per channel")
                .isLessThan(4);
    }

    @Test
    void theContainersRotationIsAppliedOnceAndTheExifTagNotAgain() throws Exception {
        var byExif = original(heic, "image/heic", new ImageStructure(640, 480, 24, 8));
        var byContainer =
                original(HeifPhotos.withTransform(heic, 1, -1), "image/heic", new ImageStructure(480, 640, 24, 1));

        assertThat(size(byContainer)).isEqualTo("480x640");
        assertThat(meanDifference(byContainer, byExif)).isLessThan(1);
    }

    @Test
    void aMissingDecoderConfigurationIsLibheifsCorruptVerdict() {
        var damaged = heic.clone();
        int config = HeifPhotos.firstOccurrence(damaged, "hvcC");
        damaged[config] = 'x';

        assertThatThrownBy(() -> renderer.render(damaged, "image/heic", new ImageStructure(640, 480, 24, 8), SPEC))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectionReason.CORRUPT_IMAGE);
                    assertThat(r.getMessage()).startsWith("libheif cannot decode it: ");
                });
    }

    @Test
    void garbageCodedDataIsDecodedAsGarbageAtTheDeclaredSizeNeverMore() throws Exception {
        var damaged = heic.clone();
        Arrays.fill(damaged, damaged.length - damaged.length / 2, damaged.length, (byte) 0x5A);

        // libde265 conceals errors rather than refusing: what matters is that the size holds and the process lives
        var garbage = original(damaged, "image/heic", new ImageStructure(640, 480, 24, 8));

        assertThat(size(garbage)).isEqualTo("480x640");
    }

    @Test
    void anImageLargerThanItsHeaderSaidIsNotDecoded() {
        assertThatThrownBy(() -> renderer.render(heic, "image/heic", new ImageStructure(320, 240, 24, 1), SPEC))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.reason()).isEqualTo(RejectionReason.CORRUPT_IMAGE));
    }

    private BufferedImage original(byte[] bytes, String type, ImageStructure structure) throws Exception {
        var rendition =
                renderer.render(bytes, type, structure, SPEC).renditions().get(0);
        return ImageIO.read(new ByteArrayInputStream(rendition.jpeg()));
    }

    private static String size(BufferedImage image) {
        return image.getWidth() + "x" + image.getHeight();
    }

    static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
