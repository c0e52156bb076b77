package com.vehiclephotos.media.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.corpus.Images;
import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.pipeline.Outcome;
import com.vehiclephotos.media.pipeline.PhotoWork;

/** Measure, Decode and Resize on made images: the cheap refusals and what the outputs must be. */
class ImagingStepsTest {

    private final Measure measure = new Measure(TestProperties.defaults());
    private final Decode decode = new Decode(TestProperties.defaults(), new MemoryBudget(TestProperties.defaults()));
    private final Resize resize = new Resize(TestProperties.defaults());

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderAlone() {
        var bomb = Images.pngBomb();
        assertThat(bomb.length).isLessThan(1_000_000);

        assertThat(reason(measure, TestProperties.work(bomb, "image/png"))).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
    }

    @Test
    void aJpegHeaderClaiming65500SquareIsRefused() {
        assertThat(reason(measure, TestProperties.work(Images.jpegClaiming65500(), "image/jpeg"))).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
    }

    @Test
    void garbageWithAJpegMagicIsCorrupt() {
        var garbage = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5, 6, 7};

        assertThat(reason(measure, TestProperties.work(garbage, "image/jpeg"))).isEqualTo(RejectionReason.CORRUPT_IMAGE);
    }

    @Test
    void aTruncatedJpegIsCorrupt() {
        var truncated = Images.truncated(Images.jpeg(Images.marker(640, 480)));
        var work = measured(truncated, "image/jpeg");

        assertThat(reason(decode, work)).isEqualTo(RejectionReason.CORRUPT_IMAGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyExifOrientationComesOutUpright(int orientation) {
        var work = measured(Images.withOrientation(orientation, 400, 200), "image/jpeg");

        assertThat(decode.apply(work)).isEmpty();

        var image = work.image();
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(200);
        assertThat(new Color(image.getRGB(50, 50))).satisfies(c -> assertThat(c.getRed()).isGreaterThan(200).isGreaterThan(c.getBlue() + 100));
        assertThat(new Color(image.getRGB(350, 150))).satisfies(c -> assertThat(c.getBlue()).isGreaterThan(200).isGreaterThan(c.getRed() + 100));
        assertThat(new Color(image.getRGB(350, 50))).satisfies(c -> assertThat(c.getGreen()).isGreaterThan(200));
    }

    @Test
    void transparencyBecomesWhiteAndGrayscaleAnd16BitBecomeRgb() {
        var transparent = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        var gray = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
        var deep = new BufferedImage(100, 100, BufferedImage.TYPE_USHORT_GRAY);

        for (var image : new BufferedImage[] {transparent, gray, deep}) {
            var work = measured(Images.png(image), "image/png");
            assertThat(decode.apply(work)).isEmpty();
            assertThat(work.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        }
        var work = measured(Images.png(transparent), "image/png");
        decode.apply(work);
        assertThat(new Color(work.image().getRGB(10, 10))).isEqualTo(Color.WHITE);
    }

    @Test
    void otherColourSpacesAreConvertedToSrgb() {
        var linear = new java.awt.image.ColorConvertOp(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB), null)
                .filter(Images.marker(100, 100), null);

        var srgb = Decode.toOpaqueSrgb(linear);

        assertThat(srgb.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
        assertThat(srgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void makesACappedOriginalAndVariantsWithoutUpscalingOrMetadata() throws Exception {
        var phoneShot = Images.withGps(Images.withExifOrientation(Images.jpeg(Images.marker(3000, 2000)), 1));
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(phoneShot)).getFirstDirectoryOfType(GpsDirectory.class)).isNotNull();
        var work = measured(phoneShot, "image/jpeg");
        decode.apply(work);

        assertThat(resize.apply(work)).isEmpty();

        assertThat(work.renditions()).extracting(PhotoWork.Rendition::variant).containsExactly("original", "1600", "800", "320");
        assertThat(work.renditions()).extracting(r -> r.width() + "x" + r.height())
                .containsExactly("2560x1707", "1600x1067", "800x533", "320x213");
        for (var rendition : work.renditions()) {
            var decoded = ImageIO.read(new ByteArrayInputStream(rendition.jpeg()));
            assertThat(decoded.getWidth()).isEqualTo(rendition.width());
            var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(rendition.jpeg()));
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).as("EXIF in " + rendition.variant()).isNull();
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).as("GPS in " + rendition.variant()).isNull();
        }
    }

    @Test
    void neverUpscalesASmallPhoto() {
        var work = measured(Images.jpeg(Images.marker(500, 300)), "image/jpeg");
        decode.apply(work);
        resize.apply(work);

        assertThat(work.renditions()).extracting(r -> r.width() + "x" + r.height())
                .containsExactly("500x300", "500x300", "500x300", "320x192");
    }

    @Test
    void subsamplesOnlyWhatIsFarLargerThanTheBiggestOutput() {
        assertThat(Decode.subsampling(6000, 2560)).isEqualTo(1);
        assertThat(Decode.subsampling(10240, 2560)).isEqualTo(2);
        assertThat(Decode.subsampling(20000, 2560)).isEqualTo(3);
    }

    private PhotoWork measured(byte[] bytes, String type) {
        var work = TestProperties.work(bytes, type);
        assertThat(measure.apply(work)).isEmpty();
        return work;
    }

    private static RejectionReason reason(com.vehiclephotos.media.pipeline.Step step, PhotoWork work) {
        var outcome = step.apply(work);
        assertThat(outcome).get().isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome.get()).reason();
    }
}
