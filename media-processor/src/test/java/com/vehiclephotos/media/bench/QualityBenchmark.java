package com.vehiclephotos.media.bench;

import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.imaging.RenderSpec;
import com.vehiclephotos.media.imaging.Renderer;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.PhotoWork.QualityFlag;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/**
 * Not a test: the quality flags on a labelled set built from real photos — each original, and
 * copies blurred (Gaussian σ of 3, 6 and 12 px at 2560 px), darkened and brightened by 1, 2 and 3 EV
 * (in linear light), and downscaled to 640 px — each encoded as a JPEG (q90) and rendered as
 * production does (in process). Prints the measures per copy and the confusion table: how many of
 * each kind of copy got the flag meant for it, and how many originals got any flag. Run by
 * media-processor/bench/run-quality-benchmark.
 */
public final class QualityBenchmark {

    private QualityBenchmark() {}

    private record Degradation(String name, String expected, UnaryOperator<BufferedImage> apply) {}

    public static void main(String[] args) throws Exception {
        var photos = BenchPhotos.of(
                Path.of(args[0]), RealPhotos.sonyAlpha6000(), RealPhotos.xiaomi(), RealPhotos.iphoneWithGps());
        var degradations = new ArrayList<Degradation>();
        degradations.add(new Degradation("original", "", i -> i));
        for (int sigma : new int[] {3, 6, 12}) {
            degradations.add(new Degradation("blur σ" + sigma, "BLURRY", i -> blur(i, sigma)));
        }
        for (int ev : new int[] {1, 2, 3}) {
            degradations.add(new Degradation("dark -" + ev + " EV", "TOO_DARK", i -> exposure(i, -ev)));
        }
        for (int ev : new int[] {1, 2, 3}) {
            degradations.add(new Degradation("bright +" + ev + " EV", "OVEREXPOSED", i -> exposure(i, ev)));
        }
        degradations.add(new Degradation("downscaled 640", "LOW_RESOLUTION", i -> scale(i, 640)));

        var renderer = new Renderer(true, Runtime.getRuntime().maxMemory());
        var spec = new RenderSpec(2560, List.of(320, 800, 1600), 85, 50_000_000L);
        Map<String, int[]> confusion = new LinkedHashMap<>(); // name → {flagged as expected, total, flagged anything}
        Map<String, Integer> falseFlags = new TreeMap<>();
        System.out.printf(
                Locale.ROOT,
                "%-40s %-16s %9s %6s %8s %8s  %s%n",
                "photo",
                "copy",
                "sharpness",
                "blur",
                "luma",
                "clipped",
                "flags");
        for (var photo : photos) {
            var base = scale(ImageIO.read(photo.toFile()), 2560);
            for (var degradation : degradations) {
                var image = degradation.apply().apply(base);
                var jpeg = Images.jpeg(image, 0.9f);
                var structure = new ImageStructure(image.getWidth(), image.getHeight(), 24, 1);
                var rendered = renderer.render(jpeg, "image/jpeg", structure, spec);
                var flags = new ArrayList<>(
                        rendered.insight().quality().stream().map(f -> f.flag()).toList());
                // as the Render step adds it, from the header's size
                QualityFlag.lowResolution(structure, TestProperties.defaults().minShortEdge())
                        .ifPresent(f -> flags.add(f.flag()));
                var measures = rendered.measures();
                var counts = confusion.computeIfAbsent(degradation.name(), k -> new int[3]);
                counts[1]++;
                if (degradation.expected().isEmpty() ? flags.isEmpty() : flags.contains(degradation.expected())) {
                    counts[0]++;
                }
                if (!flags.isEmpty()) {
                    counts[2]++;
                }
                if (degradation.expected().isEmpty()) {
                    flags.forEach(f -> falseFlags.merge(f, 1, Integer::sum));
                }
                var name = photo.getFileName().toString();
                System.out.printf(
                        Locale.ROOT,
                        "%-40s %-16s %9.2f %8.1f %8.4f  %s%n",
                        name.length() > 40 ? name.substring(0, 40) : name,
                        degradation.name(),
                        measures.sharpness(),
                        measures.meanLuma(),
                        measures.clipped(),
                        flags);
            }
        }
        System.out.printf(Locale.ROOT, "%n%-18s %-16s %10s %8s%n", "copy", "flag meant", "flagged", "share");
        for (var degradation : degradations) {
            var c = confusion.get(degradation.name());
            System.out.printf(
                    Locale.ROOT,
                    "%-18s %-16s %6d / %-3d %7.0f%%%n",
                    degradation.name(),
                    degradation.expected().isEmpty() ? "(none)" : degradation.expected(),
                    degradation.expected().isEmpty() ? c[2] : c[0],
                    c[1],
                    100.0 * (degradation.expected().isEmpty() ? c[2] : c[0]) / c[1]);
        }
        System.out.println("originals flagged, by flag: " + falseFlags);
    }

    static BufferedImage scale(BufferedImage image, int longEdge) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        if (longest <= longEdge) {
            var copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            copy.createGraphics().drawImage(image, 0, 0, null);
            return copy;
        }
        int w = (int) Math.round((double) image.getWidth() * longEdge / longest);
        int h = (int) Math.round((double) image.getHeight() * longEdge / longest);
        var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // in halving steps, so that no detail is skipped
        var current = image;
        while (Math.max(current.getWidth(), current.getHeight()) > 2 * longEdge) {
            var half = new BufferedImage(current.getWidth() / 2, current.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
            var hg = half.createGraphics();
            hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            hg.drawImage(current, 0, 0, half.getWidth(), half.getHeight(), null);
            hg.dispose();
            current = half;
        }
        g.drawImage(current, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** A separable Gaussian blur of standard deviation {@code sigma} px, edges extended. */
    public static BufferedImage blur(BufferedImage image, int sigma) {
        int radius = 3 * sigma;
        var weights = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            weights[i + radius] = (float) Math.exp(-(i * i) / (2.0 * sigma * sigma));
            sum += weights[i + radius];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        var padded = new BufferedImage(
                image.getWidth() + 2 * radius, image.getHeight() + 2 * radius, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < padded.getHeight(); y++) {
            int sy = Math.min(image.getHeight() - 1, Math.max(0, y - radius));
            for (int x = 0; x < padded.getWidth(); x++) {
                int sx = Math.min(image.getWidth() - 1, Math.max(0, x - radius));
                padded.setRGB(x, y, image.getRGB(sx, sy));
            }
        }
        var horizontal = new ConvolveOp(new Kernel(weights.length, 1, weights), ConvolveOp.EDGE_NO_OP, null)
                .filter(padded, null);
        var both = new ConvolveOp(new Kernel(1, weights.length, weights), ConvolveOp.EDGE_NO_OP, null)
                .filter(horizontal, null);
        return both.getSubimage(radius, radius, image.getWidth(), image.getHeight());
    }

    /** {@code ev} stops brighter (or darker) in linear light, clipped, as a camera's exposure would be. */
    static BufferedImage exposure(BufferedImage image, int ev) {
        double factor = Math.pow(2, ev);
        var table = new int[256];
        for (int v = 0; v < 256; v++) {
            double c = v / 255.0;
            double linear = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
            double scaled = Math.min(1, linear * factor);
            double encoded = scaled <= 0.0031308 ? 12.92 * scaled : 1.055 * Math.pow(scaled, 1 / 2.4) - 0.055;
            table[v] = (int) Math.round(255 * encoded);
        }
        var out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                out.setRGB(x, y, table[(p >> 16) & 0xFF] << 16 | table[(p >> 8) & 0xFF] << 8 | table[p & 0xFF]);
            }
        }
        return out;
    }
}
