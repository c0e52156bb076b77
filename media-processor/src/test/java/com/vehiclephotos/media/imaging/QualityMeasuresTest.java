package com.vehiclephotos.media.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.bench.QualityBenchmark;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.PhotoWork.QualityFlag;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The advisory flags on a real photo and on copies of it made worse, and on the edge cases. */
class QualityMeasuresTest {

    private static BufferedImage photo;

    @BeforeAll
    static void photo() throws Exception {
        var full = ImageIO.read(RealPhotos.sonyAlpha6000().toFile());
        photo = new BufferedImage(1600, 1067, BufferedImage.TYPE_INT_RGB);
        var g = photo.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, 1600, 1067, null);
        g.dispose();
    }

    @Test
    void aSharpWellExposedPhotoRaisesNothing() {
        assertThat(QualityMeasures.of(photo).flags()).isEmpty();
    }

    @Test
    void theSamePhotoBlurredIsBlurryWithItsSharpnessAsTheScore() {
        var measures = QualityMeasures.of(QualityBenchmark.blur(photo, 4));

        assertThat(measures.flags()).extracting(QualityFlag::flag).containsExactly("BLURRY");
        assertThat(measures.flags().get(0).score()).isEqualTo(measures.sharpness());
        assertThat(measures.sharpness()).isLessThan(QualityMeasures.of(photo).sharpness() / 4);
    }

    @Test
    void nearBlackIsTooDarkAndNearWhiteIsOverexposed() {
        assertThat(QualityMeasures.of(flat(new Color(20, 20, 25))).flags())
                .extracting(QualityFlag::flag)
                .contains("TOO_DARK");
        assertThat(QualityMeasures.of(flat(new Color(252, 252, 252))).flags())
                .extracting(QualityFlag::flag)
                .contains("OVEREXPOSED");
    }

    @Test
    void aSmallPhotoIsLowResolutionScoredByItsShortEdgeWhicheverWayItStands() {
        assertThat(QualityFlag.lowResolution(new ImageStructure(640, 480, 24, 1), 800))
                .contains(new QualityFlag("LOW_RESOLUTION", 480));
        assertThat(QualityFlag.lowResolution(new ImageStructure(480, 640, 24, 6), 800))
                .contains(new QualityFlag("LOW_RESOLUTION", 480));
        assertThat(QualityFlag.lowResolution(new ImageStructure(1200, 800, 24, 1), 800))
                .isEmpty();
    }

    @Test
    void tinyImagesAreMeasuredWithoutFailing() {
        assertThat(QualityMeasures.of(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB))
                        .meanLuma())
                .isZero();
        assertThat(QualityMeasures.of(new BufferedImage(2, 5, BufferedImage.TYPE_INT_RGB))
                        .sharpness())
                .isZero();
    }

    private static BufferedImage flat(Color colour) {
        var image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        return image;
    }
}
