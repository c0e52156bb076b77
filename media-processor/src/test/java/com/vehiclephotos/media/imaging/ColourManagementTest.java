package com.vehiclephotos.media.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.vehiclephotos.fixtures.images.DeltaE;
import com.vehiclephotos.fixtures.images.DisplayP3;
import com.vehiclephotos.fixtures.images.HeifPhotos;
import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.step.ImageStructure;
import java.awt.RenderingHints;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Phone photos in Display P3, as JPEG and as HEIC, come out in sRGB with the colours of the photo they
 * were made from (mean CIEDE2000 ≤ 2) — and would not without the conversion. The photo is a real
 * one with a band of saturated hues added, since a muted scene barely tells the two spaces apart.
 */
class ColourManagementTest {

    private static final RenderSpec SPEC = new RenderSpec(2560, List.of(320), 90, 50_000_000L);
    private static BufferedImage photo;
    private static byte[] srgbJpeg;
    private static byte[] p3Jpeg;
    private static byte[] p3JpegWithoutProfile;
    private final Renderer renderer = new Renderer(true, Runtime.getRuntime().maxMemory());

    @BeforeAll
    static void photos() throws Exception {
        var full = ImageIO.read(RealPhotos.xiaomi().toFile());
        photo = new BufferedImage(1600, 1600 * full.getHeight() / full.getWidth(), BufferedImage.TYPE_INT_RGB);
        var g = photo.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, photo.getWidth(), photo.getHeight(), null);
        g.dispose();
        // and a band of saturated hues across the bottom third, where sRGB and P3 numbers differ most
        for (int y = photo.getHeight() * 2 / 3; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                float brightness = 0.5f + 0.5f * (y - photo.getHeight() * 2 / 3f) / (photo.getHeight() / 3f);
                photo.setRGB(x, y, java.awt.Color.HSBtoRGB(x / (float) photo.getWidth(), 1f, brightness));
            }
        }
        srgbJpeg = Images.jpeg(photo, 0.95f);
        p3JpegWithoutProfile = Images.jpeg(DisplayP3.fromSrgb(photo), 0.95f);
        p3Jpeg = DisplayP3.withProfile(p3JpegWithoutProfile, DisplayP3.iccProfile());
    }

    @Test
    void deltaE2000MatchesSharmasTestPairs() {
        assertThat(DeltaE.de2000(new double[] {50, 2.6772, -79.7751}, new double[] {50, 0, -82.7485}))
                .isCloseTo(2.0425, within(1e-4));
        assertThat(DeltaE.de2000(new double[] {50, 0, 0}, new double[] {50, -1, 2}))
                .isCloseTo(2.3669, within(1e-4));
    }

    @Test
    void theTestProfileIsDisplayP3() {
        var p3 = DisplayP3.fromSrgb(solid(0xFF0000)).getRGB(0, 0);
        // sRGB's red in Display P3 is about (234, 51, 35)
        assertThat(new int[] {(p3 >> 16) & 0xFF, (p3 >> 8) & 0xFF, p3 & 0xFF})
                .satisfies(c -> assertThat(c[0]).isBetween(231, 237))
                .satisfies(c -> assertThat(c[1]).isBetween(48, 54))
                .satisfies(c -> assertThat(c[2]).isBetween(31, 39));
        assertThat(new ICC_ColorSpace(ICC_Profile.getInstance(DisplayP3.iccProfile())).getNumComponents())
                .isEqualTo(3);
    }

    @Test
    void aDisplayP3JpegComesOutWithTheColoursOfItsPhoto() throws Exception {
        var reference = original(srgbJpeg, "image/jpeg");

        double converted = DeltaE.mean(original(p3Jpeg, "image/jpeg"), reference);
        double unconverted = DeltaE.mean(original(p3JpegWithoutProfile, "image/jpeg"), reference);

        assertThat(converted).as("P3 JPEG vs its photo, mean ΔE00").isLessThanOrEqualTo(2);
        assertThat(unconverted).as("the same numbers read as sRGB").isGreaterThan(2 * converted);
    }

    @Test
    void aDisplayP3HeicComesOutWithTheColoursOfItsPhoto() throws Exception {
        assumeTrue(
                HeifPhotos.encoderInstalled() || System.getenv("CI") != null,
                "heif-enc (Debian: libheif-examples) is not installed");
        var source = Files.createTempFile("p3-", ".jpg");
        try {
            Files.write(source, p3Jpeg);
            var heic = Files.readAllBytes(HeifPhotos.heic(source, 90));
            var reference = original(srgbJpeg, "image/jpeg");

            double converted = DeltaE.mean(original(heic, "image/heic"), reference);

            assertThat(converted).as("P3 HEIC vs its photo, mean ΔE00").isLessThanOrEqualTo(2);
        } finally {
            Files.deleteIfExists(source);
            Files.deleteIfExists(Path.of(
                    "target",
                    "test-photos",
                    "heif",
                    source.getFileName().toString().replace(".jpg", "-q90.heic")));
        }
    }

    private BufferedImage original(byte[] bytes, String type) throws Exception {
        var structure = new ImageStructure(photo.getWidth(), photo.getHeight(), 24, 1);
        var rendition =
                renderer.render(bytes, type, structure, SPEC).renditions().get(0);
        return ImageIO.read(new ByteArrayInputStream(rendition.jpeg()));
    }

    private static BufferedImage solid(int rgb) {
        var image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, rgb);
        return image;
    }
}
