package com.vehiclephotos.media.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 64-bit DCT hash: near copies stay near, different photos stay far, and it never changes by accident. */
class PerceptualHashTest {

    private static BufferedImage xiaomi;
    private static BufferedImage sony;

    @BeforeAll
    static void photos() throws Exception {
        xiaomi = Renderer.fit(ImageIO.read(RealPhotos.xiaomi().toFile()), 4208, 3120, 640);
        sony = Renderer.fit(ImageIO.read(RealPhotos.sonyAlpha6000().toFile()), 6000, 4000, 640);
    }

    @Test
    void theSamePhotoSmallerRecompressedOrBrighterIsWithinAFewBits() throws Exception {
        long original = PerceptualHash.of(xiaomi);

        var smaller = Renderer.fit(xiaomi, xiaomi.getWidth(), xiaomi.getHeight(), 200);
        var recompressed = ImageIO.read(new ByteArrayInputStream(Images.jpeg(xiaomi, 0.5f)));

        assertThat(distance(original, PerceptualHash.of(smaller))).isLessThanOrEqualTo(4);
        assertThat(distance(original, PerceptualHash.of(recompressed))).isLessThanOrEqualTo(4);
        assertThat(distance(original, PerceptualHash.of(Images.brighter(xiaomi, 1.1))))
                .isLessThanOrEqualTo(4);
    }

    @Test
    void differentPhotosAreFarApart() {
        assertThat(distance(PerceptualHash.of(xiaomi), PerceptualHash.of(sony))).isGreaterThan(16);
    }

    @Test
    void halfTheBitsAreSetBecauseTheThresholdIsTheMedian() {
        assertThat(Long.bitCount(PerceptualHash.of(xiaomi))).isEqualTo(32);
        assertThat(Long.bitCount(PerceptualHash.of(sony))).isEqualTo(32);
    }

    @Test
    void theHashOfAFixedImageNeverChangesBecauseStoredHashesAreComparedWithNewOnes() {
        assertThat(String.format("%016x", PerceptualHash.of(Images.marker(300, 200))))
                .isEqualTo(String.format("%016x", PerceptualHash.of(Images.marker(300, 200))))
                .isEqualTo(PINNED_MARKER);
    }

    @Test
    void tinyAndOddlyShapedImagesHashWithoutError() {
        for (int[] size : new int[][] {{1, 1}, {3, 50}, {50, 3}, {31, 33}, {4000, 7}}) {
            var image = Images.marker(size[0], size[1]);
            assertThat(PerceptualHash.of(image)).isEqualTo(PerceptualHash.of(image));
        }
        var grey = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        assertThat(PerceptualHash.of(grey)).as("a flat image has no shape").isZero();
    }

    /** The hash of {@code Images.marker(300, 200)}, as first computed; a change here orphans every stored hash. */
    private static final String PINNED_MARKER = "469911665e99bb66";

    private static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
