package com.vehiclephotos.media.imaging;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A 64-bit perceptual hash (the DCT hash, "pHash"): the photo's luminance averaged down to 32×32
 * (its aspect ratio ignored), a two-dimensional DCT, and of its 8×8 lowest frequencies — the coarse
 * shapes of the photo, the constant term (brightness only) swapped for the next horizontal
 * frequency — one bit each: set when the coefficient is above their median. Resizing,
 * recompression, brightness and small centred crops move few bits (at most 8 of 64 on
 * DuplicateBenchmark's real photos); different photos differ in about half (at least 18). A crop
 * from one side shifts every shape and moves more (docs/BENCHMARKS.md). Bit 63 is frequency (0, 8),
 * then across the first row, then down.
 *
 * <p>StrictMath keeps the hash the same on every JVM, so hashes stored by one processor compare
 * with hashes from another.
 */
final class PerceptualHash {

    private static final int SIZE = 32;
    private static final int KEPT = 8;
    private static final double[][] COSINES = cosines();

    private PerceptualHash() {}

    /** The hash of an opaque RGB image of any size (at least 1×1). */
    static long of(BufferedImage image) {
        var luma = boxAverage(image);
        // across each row the horizontal frequencies 0..8, then down each column the vertical 0..7
        var rows = new double[SIZE][KEPT + 1];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 0; u <= KEPT; u++) {
                double sum = 0;
                for (int x = 0; x < SIZE; x++) {
                    sum += luma[y * SIZE + x] * COSINES[u][x];
                }
                rows[y][u] = sum;
            }
        }
        var coefficients = new double[KEPT * KEPT];
        for (int v = 0; v < KEPT; v++) {
            for (int u = 0; u < KEPT; u++) {
                int horizontal = v == 0 && u == 0 ? KEPT : u;
                double sum = 0;
                for (int y = 0; y < SIZE; y++) {
                    sum += rows[y][horizontal] * COSINES[v][y];
                }
                coefficients[v * KEPT + u] = sum;
            }
        }
        var sorted = coefficients.clone();
        Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long hash = 0;
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] > median) {
                hash |= 1L << (63 - i);
            }
        }
        return hash;
    }

    /** cos(π (2x + 1) u / 2N) for the frequencies 0..8. */
    private static double[][] cosines() {
        var table = new double[KEPT + 1][SIZE];
        for (int u = 0; u <= KEPT; u++) {
            for (int x = 0; x < SIZE; x++) {
                table[u][x] = StrictMath.cos(StrictMath.PI * (2 * x + 1) * u / (2.0 * SIZE));
            }
        }
        return table;
    }

    /**
     * Luminance (Rec. 601) averaged over 32×32 equal areas; a source pixel across an area's border
     * counts in each area by the share of it that falls there.
     */
    private static double[] boxAverage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        var rgb = image.getRGB(0, 0, w, h, null, 0, w);
        var xs = Shares.of(w);
        var ys = Shares.of(h);
        var across = new double[h * SIZE];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb[y * w + x];
                double luma = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
                for (int k = 0; k < xs.areas[x].length; k++) {
                    across[y * SIZE + xs.areas[x][k]] += luma * xs.shares[x][k];
                }
            }
        }
        var out = new double[SIZE * SIZE];
        for (int y = 0; y < h; y++) {
            for (int k = 0; k < ys.areas[y].length; k++) {
                int row = ys.areas[y][k] * SIZE;
                double share = ys.shares[y][k];
                for (int x = 0; x < SIZE; x++) {
                    out[row + x] += across[y * SIZE + x] * share;
                }
            }
        }
        double pixelsPerArea = (double) w * h / (SIZE * SIZE);
        for (int i = 0; i < out.length; i++) {
            out[i] /= pixelsPerArea;
        }
        return out;
    }

    /** For each of n source pixels along one edge: the areas (of 32) it falls in, and its share in each. */
    private record Shares(int[][] areas, double[][] shares) {

        static Shares of(int n) {
            var areas = new int[n][];
            var shares = new double[n][];
            for (int i = 0; i < n; i++) {
                double start = (double) i * SIZE / n;
                double end = (double) (i + 1) * SIZE / n;
                int first = (int) start;
                int last = Math.min(SIZE - 1, (int) Math.ceil(end) - 1);
                areas[i] = new int[last - first + 1];
                shares[i] = new double[last - first + 1];
                for (int a = first; a <= last; a++) {
                    areas[i][a - first] = a;
                    shares[i][a - first] = (Math.min(end, a + 1) - Math.max(start, a)) / (end - start);
                }
            }
            return new Shares(areas, shares);
        }
    }
}
