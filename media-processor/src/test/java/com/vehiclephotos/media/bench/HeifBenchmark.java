package com.vehiclephotos.media.bench;

import com.vehiclephotos.fixtures.images.DeltaE;
import com.vehiclephotos.fixtures.images.DisplayP3;
import com.vehiclephotos.fixtures.images.HeifPhotos;
import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.measuring.Measure;
import com.vehiclephotos.media.step.PhotoWork.Rendition;
import com.vehiclephotos.media.worker.ImagingForBenchmark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Not a test: HEIC, AVIF and Display P3 photos made from the real photos (libheif's encoder), each
 * through media-processor's image work (Measure here, the rest in one real worker process), against
 * the JPEG it was made from: the outcome, whether it came out upright (the same size as the JPEG's
 * output), the mean CIEDE2000 of its 2560-px output against the JPEG's, and the time per photo with
 * its ratio to the JPEG's; beside it, libheif's own decoder ({@code heif-convert} to raw YUV) on the
 * same file, the floor. Run by media-processor/bench/run-heif-benchmark.
 */
public final class HeifBenchmark {

    private HeifBenchmark() {}

    private record Variant(String name, byte[] bytes, String type) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        if (!HeifPhotos.encoderInstalled()) {
            throw new IllegalStateException("heif-enc is not installed (Debian: libheif-examples)");
        }
        var photos = List.of(
                RealPhotos.sonyAlpha6000(), RealPhotos.xiaomi(), RealPhotos.iphoneWithGps(), RealPhotos.right());
        var imaging = new ImagingForBenchmark(TestProperties.withWorkers(
                TestProperties.workers(1, TestProperties.defaults().workers().heap(), Duration.ofMinutes(2))));
        var measure = new Measure(TestProperties.defaults());
        System.out.printf(
                Locale.ROOT,
                "%-22s %-30s %-9s %-8s %7s %9s %8s %14s%n",
                "photo",
                "as",
                "outcome",
                "upright",
                "ΔE00",
                "ms",
                "÷JPEG",
                "heif-convert");
        var ratios = new ArrayList<Double>();
        var deltas = new ArrayList<Double>();
        for (var photo : photos) {
            var jpeg = Files.readAllBytes(photo);
            var work = TestProperties.work(jpeg, "image/jpeg");
            measure.apply(work);
            int orientation = work.structure().orientation();
            var heic = Files.readAllBytes(HeifPhotos.heic(photo, 90));
            var variants = new ArrayList<Variant>(List.of(
                    new Variant("JPEG (as shot)", jpeg, "image/jpeg"),
                    new Variant("HEIC q90, EXIF orientation", heic, "image/heic"),
                    new Variant("AVIF q90", Files.readAllBytes(HeifPhotos.avif(photo, 90)), "image/avif")));
            int turns = quarterTurns(orientation);
            if (turns >= 0) {
                variants.add(new Variant(
                        "HEIC q90, irot " + 90 * turns + "° (iPhone)",
                        HeifPhotos.withTransform(heic, turns, -1),
                        "image/heic"));
            }
            var p3 = p3Twin(photo, jpeg);
            variants.add(new Variant("Display P3 JPEG q95", Files.readAllBytes(p3), "image/jpeg"));
            variants.add(new Variant("Display P3 HEIC q90", Files.readAllBytes(HeifPhotos.heic(p3, 90)), "image/heic"));

            for (var variant : variants) { // warm-up, not measured
                tryProcess(imaging, variant);
            }
            BufferedImage reference = null;
            double jpegMillis = 0;
            for (var variant : variants) {
                var times = new double[rounds];
                List<Rendition> renditions = null;
                String outcome = "READY";
                for (int r = 0; r < rounds; r++) {
                    long start = System.nanoTime();
                    try {
                        renditions = imaging.process(TestProperties.work(variant.bytes(), variant.type()));
                    } catch (IllegalStateException e) {
                        outcome = "REFUSED";
                    }
                    times[r] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(times);
                double millis = times[rounds / 2];
                var output =
                        renditions == null ? null : decode(renditions.get(0).jpeg());
                if (reference == null) {
                    reference = output;
                    jpegMillis = millis;
                }
                boolean upright = output != null
                        && output.getWidth() == reference.getWidth()
                        && output.getHeight() == reference.getHeight();
                double delta = upright ? DeltaE.mean(output, reference) : Double.NaN;
                if (variant != variants.get(0)) {
                    ratios.add(millis / jpegMillis);
                    deltas.add(delta);
                }
                var name = photo.getFileName().toString();
                var libheif = variant.type().equals("image/jpeg")
                        ? ""
                        : String.format(Locale.ROOT, "%.0f", libheifAlone(variant, rounds));
                System.out.printf(
                        Locale.ROOT,
                        "%-22s %-30s %-9s %-8s %7.2f %9.0f %8.2f %14s%n",
                        name.length() > 22 ? name.substring(0, 22) : name,
                        variant.name(),
                        outcome,
                        upright ? "yes" : "NO",
                        delta,
                        millis,
                        millis / jpegMillis,
                        libheif);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "over all non-JPEG rows: ΔE00 mean %.2f, max %.2f; time ÷ JPEG median %.2f, max %.2f "
                        + "(median of %d rounds each; one worker process, Measure in this JVM)%n",
                deltas.stream().mapToDouble(d -> d).average().orElse(0),
                deltas.stream().mapToDouble(d -> d).max().orElse(0),
                median(ratios),
                ratios.stream().mapToDouble(d -> d).max().orElse(0),
                rounds);
        imaging.close();
    }

    /**
     * libheif's own command-line decoder on the same file, to raw YUV (no colour conversion, no
     * resizing, no JPEG): the floor that decoding this file costs on this machine, in ms (median).
     */
    private static double libheifAlone(Variant variant, int rounds) throws IOException, InterruptedException {
        var in = Files.createTempFile("heif-", variant.type().equals("image/avif") ? ".avif" : ".heic");
        var out = Files.createTempFile("heif-", ".y4m");
        try {
            Files.write(in, variant.bytes());
            var times = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                var process = new ProcessBuilder("heif-convert", in.toString(), out.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                process.waitFor();
                times[r] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            return times[rounds / 2];
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    /** The container rotation that shows the photo as its EXIF tag does; -1 where a mirror is needed. */
    private static int quarterTurns(int exifOrientation) {
        return switch (exifOrientation) {
            case 1 -> 0;
            case 3 -> 2;
            case 6 -> 3;
            case 8 -> 1;
            default -> -1;
        };
    }

    /** The photo's pixels re-expressed in Display P3, with the profile, its EXIF orientation kept by rotating first. */
    private static Path p3Twin(Path photo, byte[] jpeg) throws IOException {
        var target = Path.of(
                "target",
                "test-photos",
                "heif",
                photo.getFileName().toString().replaceAll("\\.[^.]+$", "") + "-p3.jpg");
        if (!Files.exists(target)) {
            var work = TestProperties.work(jpeg, "image/jpeg");
            new Measure(TestProperties.defaults()).apply(work);
            var image = ImageIO.read(photo.toFile());
            var rotated = rotate(image, work.structure().orientation());
            Files.createDirectories(target.getParent());
            Files.write(
                    target,
                    DisplayP3.withProfile(Images.jpeg(DisplayP3.fromSrgb(rotated), 0.95f), DisplayP3.iccProfile()));
        }
        return target;
    }

    private static BufferedImage rotate(BufferedImage image, int orientation) {
        int turns = switch (orientation) {
            case 3 -> 2;
            case 6 -> 1;
            case 8 -> 3;
            default -> 0;
        };
        var current = image;
        for (int t = 0; t < turns; t++) { // clockwise quarter turns
            var next = new BufferedImage(current.getHeight(), current.getWidth(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < current.getHeight(); y++) {
                for (int x = 0; x < current.getWidth(); x++) {
                    next.setRGB(current.getHeight() - 1 - y, x, current.getRGB(x, y));
                }
            }
            current = next;
        }
        return current;
    }

    private static void tryProcess(ImagingForBenchmark imaging, Variant variant) {
        try {
            imaging.process(TestProperties.work(variant.bytes(), variant.type()));
        } catch (IllegalStateException e) {
            // reported in the measured rounds
        }
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
