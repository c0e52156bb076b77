package com.vehiclephotos.media.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.fixtures.images.Hostile;
import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.PhotoWork.Rendition;
import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The image work a worker does, run in this JVM: outputs, orientation, colour, and the decoder's own refusals. */
class RendererTest {

    private static final RenderSpec SPEC = new RenderSpec(2560, List.of(320, 800, 1600), 85, 50_000_000L);
    private final Renderer renderer = new Renderer(true, Runtime.getRuntime().maxMemory());

    @Test
    void aTruncatedJpegIsCorrupt() {
        var truncated = Images.truncated(Images.jpeg(Images.marker(640, 480)));

        assertThatThrownBy(() -> renderer.render(truncated, "image/jpeg", new ImageStructure(640, 480, 24, 1), SPEC))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.reason()).isEqualTo(RejectionReason.CORRUPT_IMAGE));
    }

    @Test
    void aDecoderThatReadsOtherDimensionsThanTheHeaderWalkIsNotTrusted() {
        var jpeg = Images.jpeg(Images.marker(640, 480));

        assertThatThrownBy(() -> renderer.render(jpeg, "image/jpeg", new ImageStructure(64, 48, 24, 1), SPEC))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.getMessage()).contains("640 × 480"));
    }

    @Test
    void aPhotoThatCannotFitTheWorkersHeapIsRefusedBeforeDecoding() {
        var small = new Renderer(true, 64L * 1024 * 1024);
        var deep = Hostile.deepPng(4000, 3000, true);

        assertThatThrownBy(() -> small.render(deep, "image/png", new ImageStructure(4000, 3000, 64, 1), SPEC))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
                    assertThat(r.getMessage()).contains("needs about").contains("an image worker has 64 MiB");
                });
    }

    @Test
    void countsDeepPixelsAtTheirRealDepth() {
        long rgb8 = Decoder.neededBytes(10_000_000, 3, 2560, 0);
        long rgba16 = Decoder.neededBytes(10_000_000, 8, 2560, 0);

        assertThat(rgba16 - rgb8).isEqualTo(50_000_000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyExifOrientationComesOutUpright(int orientation) throws Refused {
        var bytes = Images.withOrientation(orientation, 400, 200);
        boolean swapped = orientation >= 5;

        var original = renderer.render(
                        bytes,
                        "image/jpeg",
                        new ImageStructure(swapped ? 200 : 400, swapped ? 400 : 200, 24, orientation),
                        SPEC)
                .renditions()
                .get(0);

        var image = decode(original);
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(200);
        assertThat(new Color(image.getRGB(50, 50)))
                .satisfies(c -> assertThat(c.getRed()).isGreaterThan(200).isGreaterThan(c.getBlue() + 100));
        assertThat(new Color(image.getRGB(350, 150)))
                .satisfies(c -> assertThat(c.getBlue()).isGreaterThan(200).isGreaterThan(c.getRed() + 100));
        assertThat(new Color(image.getRGB(350, 50)))
                .satisfies(c -> assertThat(c.getGreen()).isGreaterThan(200));
    }

    @Test
    void transparencyBecomesWhiteAndGrayscaleAnd16BitBecomeRgb() throws Refused {
        var transparent = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        var gray = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
        var deep = new BufferedImage(100, 100, BufferedImage.TYPE_USHORT_GRAY);

        for (var image : new BufferedImage[] {transparent, gray, deep}) {
            var original = renderer.render(Images.png(image), "image/png", new ImageStructure(100, 100, 32, 1), SPEC)
                    .renditions()
                    .get(0);
            assertThat(decode(original).getWidth()).isEqualTo(100);
        }
        var white = renderer.render(Images.png(transparent), "image/png", new ImageStructure(100, 100, 32, 1), SPEC)
                .renditions()
                .get(0);
        assertThat(new Color(decode(white).getRGB(10, 10)))
                .satisfies(
                        c -> assertThat(c.getRed() + c.getGreen() + c.getBlue()).isGreaterThan(740));
    }

    @Test
    void aDeepPngIsDecodedInColour() throws Refused {
        var original = renderer.render(
                        Hostile.deepPng(600, 400, true), "image/png", new ImageStructure(600, 400, 64, 1), SPEC)
                .renditions()
                .get(0);

        var image = decode(original);
        assertThat(new Color(image.getRGB(300, 50)).getRed()).isGreaterThan(240);
        assertThat(new Color(image.getRGB(300, 350)).getBlue()).isGreaterThan(240);
    }

    @Test
    void otherColourSpacesAreConvertedToSrgb() {
        var linear = new java.awt.image.ColorConvertOp(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB), null)
                .filter(Images.marker(100, 100), null);

        var srgb = Decoder.toOpaqueSrgb(linear);

        assertThat(srgb.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
        assertThat(srgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void makesACappedOriginalAndVariantsWithoutUpscalingOrMetadata() throws Exception {
        var phoneShot = Images.withGps(Images.withExifOrientation(Images.jpeg(Images.marker(3000, 2000)), 1));
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(phoneShot))
                        .getFirstDirectoryOfType(GpsDirectory.class))
                .isNotNull();

        var renditions = renderer.render(phoneShot, "image/jpeg", new ImageStructure(3000, 2000, 24, 1), SPEC)
                .renditions();

        assertThat(renditions).extracting(Rendition::variant).containsExactly("original", "1600", "800", "320");
        assertThat(renditions)
                .extracting(r -> r.width() + "x" + r.height())
                .containsExactly("2560x1707", "1600x1067", "800x533", "320x213");
        for (var rendition : renditions) {
            assertThat(decode(rendition).getWidth()).isEqualTo(rendition.width());
            var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(rendition.jpeg()));
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class))
                    .as("EXIF in " + rendition.variant())
                    .isNull();
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class))
                    .as("GPS in " + rendition.variant())
                    .isNull();
        }
    }

    @Test
    void neverUpscalesASmallPhoto() throws Refused {
        var renditions = renderer.render(
                        Images.jpeg(Images.marker(500, 300)), "image/jpeg", new ImageStructure(500, 300, 24, 1), SPEC)
                .renditions();

        assertThat(renditions)
                .extracting(r -> r.width() + "x" + r.height())
                .containsExactly("500x300", "500x300", "500x300", "320x192");
    }

    @Test
    void subsamplesOnlyWhatIsFarLargerThanTheBiggestOutput() {
        assertThat(Decoder.subsampling(6000, 2560)).isEqualTo(1);
        assertThat(Decoder.subsampling(10240, 2560)).isEqualTo(2);
        assertThat(Decoder.subsampling(20000, 2560)).isEqualTo(3);
    }

    private static BufferedImage decode(Rendition rendition) {
        try {
            return ImageIO.read(new ByteArrayInputStream(rendition.jpeg()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
