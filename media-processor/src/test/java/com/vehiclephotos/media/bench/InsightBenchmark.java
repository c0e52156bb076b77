package com.vehiclephotos.media.bench;

import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.imaging.RenderSpec;
import com.vehiclephotos.media.imaging.Renderer;
import com.vehiclephotos.media.step.ImageStructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Not a test: what the insight — ThumbHash, dominant colour, perceptual hash, quality measures — adds
 * to the image work, with and without, in one run: each real photo rendered as production does (in
 * process, libjpeg-turbo where installed), {@code rounds} times after a warm-up, the time of the whole
 * image work and of its insight part (Renderer's own clock around it) summed per photo. Run by
 * media-processor/bench/run-insight-benchmark.
 */
public final class InsightBenchmark {

    private InsightBenchmark() {}

    public static void main(String[] args) throws Exception {
        var photos = BenchPhotos.of(Path.of(args[0]), RealPhotos.sonyAlpha6000(), RealPhotos.xiaomi());
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var renderer = new Renderer(true, Runtime.getRuntime().maxMemory());
        var spec = new RenderSpec(2560, List.of(320, 800, 1600), 85, 50_000_000L);
        var inputs = new ArrayList<byte[]>();
        var structures = new ArrayList<ImageStructure>();
        for (var photo : photos) {
            inputs.add(Files.readAllBytes(photo));
            structures.add(structure(photo));
            renderer.render(inputs.get(inputs.size() - 1), "image/jpeg", structures.get(structures.size() - 1), spec);
        }
        System.out.printf(Locale.ROOT, "%-42s %10s %12s %12s %7s%n", "photo", "size", "with ms", "without ms", "added");
        long allWith = 0;
        long allInsight = 0;
        for (int i = 0; i < photos.size(); i++) {
            long with = 0;
            long insight = 0;
            for (int r = 0; r < rounds; r++) {
                var rendered = renderer.render(inputs.get(i), "image/jpeg", structures.get(i), spec);
                with += rendered.decodeNanos() + rendered.resizeNanos();
                insight += rendered.insightNanos();
            }
            allWith += with;
            allInsight += insight;
            var name = photos.get(i).getFileName().toString().replace(".jpg", "");
            System.out.printf(
                    Locale.ROOT,
                    "%-42s %10s %12.0f %12.0f %6.1f%%%n",
                    name.length() > 42 ? name.substring(0, 42) : name,
                    structures.get(i).width() + "x" + structures.get(i).height(),
                    with / 1e6 / rounds,
                    (with - insight) / 1e6 / rounds,
                    100.0 * insight / (with - insight));
        }
        System.out.printf(
                Locale.ROOT,
                "%-42s %10s %12.0f %12.0f %6.1f%%%n",
                "all " + photos.size() + " (ms per round)",
                "",
                allWith / 1e6 / rounds,
                (allWith - allInsight) / 1e6 / rounds,
                100.0 * allInsight / (allWith - allInsight));
    }

    /** Width and height from the header (the benchmark's photos are stored upright). */
    private static ImageStructure structure(Path photo) throws Exception {
        try (var in = ImageIO.createImageInputStream(photo.toFile())) {
            var reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            return new ImageStructure(reader.getWidth(0), reader.getHeight(0), 24, 1);
        }
    }
}
