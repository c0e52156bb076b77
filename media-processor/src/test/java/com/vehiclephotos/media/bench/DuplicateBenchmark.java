package com.vehiclephotos.media.bench;

import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.imaging.RenderSpec;
import com.vehiclephotos.media.imaging.Renderer;
import com.vehiclephotos.media.step.ImageStructure;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/**
 * Not a test: how well the perceptual hash in PhotoReady finds the same photo again. Each real photo
 * (capped at 2560 px, JPEG q90) and copies of it — resized to 1024 px, recompressed at q60, cropped
 * by 5 % (centred, and from one corner), brightened by 10 % — rendered as production does (in
 * process); prints the Hamming distance of each copy to its original, and per distance threshold
 * the share of copies matched and the share of pairs of different photos matched. Run by
 * media-processor/bench/run-duplicate-benchmark.
 */
public final class DuplicateBenchmark {

    private static final int[] THRESHOLDS = {4, 6, 8, 10, 12, 14};

    private DuplicateBenchmark() {}

    private record Copy(String name, UnaryOperator<BufferedImage> make, float quality) {}

    public static void main(String[] args) throws Exception {
        var photos = BenchPhotos.of(
                Path.of(args[0]), RealPhotos.sonyAlpha6000(), RealPhotos.xiaomi(), RealPhotos.iphoneWithGps());
        var copies = List.of(
                new Copy("resized 1024", i -> QualityBenchmark.scale(i, 1024), 0.9f),
                new Copy("recompressed q60", i -> i, 0.6f),
                new Copy("cropped 5% centred", i -> crop(i, 0.05, true), 0.9f),
                new Copy("cropped 5% corner", i -> crop(i, 0.05, false), 0.9f),
                new Copy("brightened 10%", i -> Images.brighter(i, 1.1), 0.9f));

        var renderer = new Renderer(true, Runtime.getRuntime().maxMemory());
        var spec = new RenderSpec(2560, List.of(320, 800, 1600), 85, 50_000_000L);
        var originals = new ArrayList<Long>();
        Map<String, List<Integer>> distances = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%-40s %-18s %s%n", "photo", "original hash", "distance of each copy");
        for (var photo : photos) {
            var base = QualityBenchmark.scale(ImageIO.read(photo.toFile()), 2560);
            long original = hash(renderer, spec, base, 0.9f);
            originals.add(original);
            var line = new StringBuilder();
            for (var copy : copies) {
                int d = Long.bitCount(
                        original ^ hash(renderer, spec, copy.make().apply(base), copy.quality()));
                distances.computeIfAbsent(copy.name(), k -> new ArrayList<>()).add(d);
                line.append(String.format(Locale.ROOT, " %s %2d;", copy.name(), d));
            }
            var name = photo.getFileName().toString();
            System.out.printf(
                    Locale.ROOT, "%-40s %016x %s%n", name.length() > 40 ? name.substring(0, 40) : name, original, line);
        }
        var different = new ArrayList<Integer>();
        for (int i = 0; i < originals.size(); i++) {
            for (int j = i + 1; j < originals.size(); j++) {
                different.add(Long.bitCount(originals.get(i) ^ originals.get(j)));
            }
        }
        System.out.printf(Locale.ROOT, "%n%-22s %5s", "matched at distance ≤", "");
        for (int t : THRESHOLDS) {
            System.out.printf(Locale.ROOT, " %7d", t);
        }
        System.out.println();
        distances.forEach((name, ds) -> row(name + " (" + ds.size() + ")", ds));
        row("different photos (" + different.size() + " pairs)", different);
        System.out.printf(
                Locale.ROOT,
                "closest different pair: %d bits; farthest copy: %d bits%n",
                different.stream().mapToInt(Integer::intValue).min().orElse(64),
                distances.values().stream()
                        .flatMap(List::stream)
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElse(0));
    }

    private static void row(String name, List<Integer> distances) {
        System.out.printf(Locale.ROOT, "%-28s", name);
        for (int t : THRESHOLDS) {
            long matched = distances.stream().filter(d -> d <= t).count();
            System.out.printf(Locale.ROOT, " %6.1f%%", 100.0 * matched / distances.size());
        }
        System.out.println();
    }

    private static long hash(Renderer renderer, RenderSpec spec, BufferedImage image, float quality) throws Exception {
        var jpeg = Images.jpeg(image, quality);
        var structure = new ImageStructure(image.getWidth(), image.getHeight(), 24, 1);
        return renderer.render(jpeg, "image/jpeg", structure, spec).insight().perceptualHash();
    }

    /** {@code share} of each edge cut off: half on each side when centred, else all from the right and bottom. */
    static BufferedImage crop(BufferedImage image, double share, boolean centred) {
        int w = (int) Math.round(image.getWidth() * (1 - share));
        int h = (int) Math.round(image.getHeight() * (1 - share));
        int x = centred ? (image.getWidth() - w) / 2 : 0;
        int y = centred ? (image.getHeight() - h) / 2 : 0;
        var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.createGraphics().drawImage(image.getSubimage(x, y, w, h), 0, 0, null);
        return out;
    }
}
