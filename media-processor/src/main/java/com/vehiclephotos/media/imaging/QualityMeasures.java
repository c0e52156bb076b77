package com.vehiclephotos.media.imaging;

import com.vehiclephotos.media.step.PhotoWork.QualityFlag;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a seller can fix by taking the photo again, measured on the luminance of the upright photo at
 * most {@value #WORKING_EDGE} px on its long side — the size buyers look at it enlarged, so that a
 * blur they would see is one it sees:
 *
 * <ul>
 *   <li>{@code sharpness}: the 99th percentile of the Laplacian's magnitude — how steep the
 *       steepest edges are. Blur flattens them; a mostly plain scene still has some steep edges,
 *       which the variance of the Laplacian (the usual measure) would drown in its flat areas;
 *   <li>{@code meanLuma}: the mean luminance, 0..255;
 *   <li>{@code clipped}: the share of pixels at 250 or more (highlights burnt to white).
 * </ul>
 *
 * BLURRY below a sharpness of {@value #BLURRY_BELOW}, TOO_DARK below a mean of {@value #TOO_DARK_BELOW},
 * OVEREXPOSED above {@value #OVEREXPOSED_CLIPPED_ABOVE} clipped or a mean above {@value #OVEREXPOSED_LUMA_ABOVE}
 * (scored by the share clipped).
 *
 * The thresholds are calibrated on QualityBenchmark's labelled set (docs/BENCHMARKS.md).
 */
public record QualityMeasures(double sharpness, double meanLuma, double clipped) {

    static final int WORKING_EDGE = 1600;
    static final double BLURRY_BELOW = 9;
    static final double TOO_DARK_BELOW = 60;
    static final double OVEREXPOSED_CLIPPED_ABOVE = 0.2;
    static final double OVEREXPOSED_LUMA_ABOVE = 180;
    private static final int BINS_PER_LEVEL = 4;

    /** The flags these measures raise, each with the measure that raised it as its score. */
    List<QualityFlag> flags() {
        var flags = new ArrayList<QualityFlag>();
        if (sharpness < BLURRY_BELOW) {
            flags.add(new QualityFlag("BLURRY", round(sharpness)));
        }
        if (meanLuma < TOO_DARK_BELOW) {
            flags.add(new QualityFlag("TOO_DARK", round(meanLuma)));
        }
        if (clipped > OVEREXPOSED_CLIPPED_ABOVE || meanLuma > OVEREXPOSED_LUMA_ABOVE) {
            flags.add(new QualityFlag("OVEREXPOSED", round(clipped)));
        }
        return flags;
    }

    /** {@code image}: opaque RGB, at most {@value #WORKING_EDGE} px on its long side. */
    static QualityMeasures of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        var rgb = pixels(image);
        var luma = new float[w * h];
        double sum = 0;
        long clipped = 0;
        for (int i = 0; i < luma.length; i++) {
            int p = rgb[i];
            float y = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
            luma[i] = y;
            sum += y;
            if (y >= 250) {
                clipped++;
            }
        }
        double sharpness = 0;
        if (w >= 3 && h >= 3) {
            // the percentile from a histogram (|Laplacian| ≤ 4 × 255, in quarter steps): no sort of millions of values
            var histogram = new int[4 * 255 * BINS_PER_LEVEL + 1];
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1, i = y * w + 1; x < w - 1; x++, i++) {
                    float laplacian = Math.abs(luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - 4 * luma[i]);
                    histogram[Math.min(histogram.length - 1, (int) (laplacian * BINS_PER_LEVEL))]++;
                }
            }
            long rank = (long) (0.99 * (w - 2) * (h - 2));
            long seen = 0;
            for (int bin = 0; bin < histogram.length; bin++) {
                seen += histogram[bin];
                if (seen > rank) {
                    sharpness = (double) bin / BINS_PER_LEVEL;
                    break;
                }
            }
        }
        return new QualityMeasures(sharpness, sum / luma.length, (double) clipped / luma.length);
    }

    /** The packed pixels: the image's own array when it is a plain INT_RGB image (no copy, no colour model per pixel). */
    private static int[] pixels(BufferedImage image) {
        var raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && raster.getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1
                && buffer.getOffset() == 0
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == image.getWidth()
                && buffer.getData().length == image.getWidth() * image.getHeight()) {
            return buffer.getData();
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
