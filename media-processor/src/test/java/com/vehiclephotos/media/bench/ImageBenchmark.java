package com.vehiclephotos.media.bench;

import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.worker.ImagingForBenchmark;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Not a test: prints, per photo, the image work (decode, orient, resize to 2560/1600/800/320,
 * encode JPEG q85) of media-processor, of libvips' vipsthumbnail cascade and of ImageMagick, with
 * each one's peak memory, and the PSNR at 1600 px of each against a Lanczos reference. Run by
 * media-processor/bench/run-image-benchmark.
 */
public final class ImageBenchmark {

    private ImageBenchmark() {}

    record Result(double millis, double peakMb, double psnr) {}

    public static void main(String[] args) throws Exception {
        var dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var photos = BenchPhotos.of(dir, RealPhotos.sonyAlpha6000(), RealPhotos.xiaomi());
        var out = Files.createTempDirectory("image-bench");
        long launched = System.nanoTime();
        var imaging = new ImagingForBenchmark(TestProperties.withWorkers(TestProperties.workers(
                1, TestProperties.defaults().workers().heap(), java.time.Duration.ofMinutes(2))));
        System.out.printf(
                Locale.ROOT,
                "image worker: launched and warm in %.0f ms, resident %.0f MB when idle%n",
                (System.nanoTime() - launched) / 1e6,
                imaging.peakMb());

        for (var photo : photos) { // warm-up: JIT and caches, not measured
            imaging.process(TestProperties.work(Files.readAllBytes(photo), "image/jpeg"));
        }
        System.out.printf(
                Locale.ROOT,
                "%-42s %9s | %9s %7s %6s | %9s %7s %6s | %9s %7s %6s | %6s %6s%n",
                "photo",
                "size",
                "ours ms",
                "MB",
                "dB",
                "vips ms",
                "MB",
                "dB",
                "magick ms",
                "MB",
                "dB",
                "÷vips",
                "÷magick");
        var ratiosVips = new ArrayList<Double>();
        var ratiosMagick = new ArrayList<Double>();
        double sumOurs = 0;
        double sumVips = 0;
        double sumMagick = 0;
        for (var photo : photos) {
            var name = photo.getFileName().toString();
            var work = out.resolve(name.replace(".jpg", ""));
            Files.createDirectories(work.resolve("ours"));
            Files.createDirectories(work.resolve("vips"));
            Files.createDirectories(work.resolve("magick"));
            var reference = work.resolve("reference-1600.png");
            run(List.of(
                    "convert",
                    photo.toString(),
                    "-auto-orient",
                    "-colorspace",
                    "sRGB",
                    "-filter",
                    "Lanczos",
                    "-resize",
                    "1600x1600",
                    reference.toString()));

            var ours = median(rounds, () -> ours(imaging, photo, work.resolve("ours"), reference));
            var vips = median(rounds, () -> vips(photo, work.resolve("vips"), reference));
            var magick = median(rounds, () -> magick(photo, work.resolve("magick"), reference));
            var image = ImageIO.read(photo.toFile());
            var size = image.getWidth() + "x" + image.getHeight();
            ratiosVips.add(ours.millis() / vips.millis());
            ratiosMagick.add(ours.millis() / magick.millis());
            sumOurs += ours.millis();
            sumVips += vips.millis();
            sumMagick += magick.millis();
            System.out.printf(
                    Locale.ROOT,
                    "%-42s %9s | %9.0f %7.0f %6.2f | %9.0f %7.0f %6.2f | %9.0f %7.0f %6.2f | %6.2f %6.2f%n",
                    name.length() > 42 ? name.substring(0, 42) : name,
                    size,
                    ours.millis(),
                    ours.peakMb(),
                    ours.psnr(),
                    vips.millis(),
                    vips.peakMb(),
                    vips.psnr(),
                    magick.millis(),
                    magick.peakMb(),
                    magick.psnr(),
                    ours.millis() / vips.millis(),
                    ours.millis() / magick.millis());
        }
        System.out.printf(
                Locale.ROOT,
                "%-52s | %9.0f %14s | %9.0f %14s | %9.0f %14s | %6.2f %6.2f   (totals; ratios are medians per photo)%n",
                "all " + photos.size() + " photos",
                sumOurs,
                "",
                sumVips,
                "",
                sumMagick,
                "",
                median(ratiosVips),
                median(ratiosMagick));
        System.out.printf(
                Locale.ROOT,
                "JVM: %s; ours: Measure in this JVM, the rest in one image worker process (%d MB heap), "
                        + "time including the round trip; MB: the worker's peak RSS per photo%n",
                System.getProperty("java.vm.version"),
                TestProperties.defaults().workers().heap().toMegabytes());
        imaging.close();
    }

    private static Result ours(ImagingForBenchmark imaging, Path photo, Path out, Path reference) throws Exception {
        var bytes = Files.readAllBytes(photo);
        imaging.resetPeak();
        long start = System.nanoTime();
        var renditions = imaging.process(TestProperties.work(bytes, "image/jpeg"));
        double millis = (System.nanoTime() - start) / 1e6;
        double peak = imaging.peakMb();
        for (var rendition : renditions) {
            Files.write(out.resolve(rendition.variant() + ".jpg"), rendition.jpeg());
        }
        return new Result(millis, peak, psnr(out.resolve("1600.jpg"), reference));
    }

    private static Result vips(Path photo, Path out, Path reference) throws Exception {
        var steps = List.of(
                List.of(
                        "vipsthumbnail",
                        photo.toString(),
                        "--size",
                        "2560x2560>",
                        "-o",
                        out.resolve("original.jpg") + "[Q=85,strip]"),
                List.of(
                        "vipsthumbnail",
                        out.resolve("original.jpg").toString(),
                        "--size",
                        "1600x1600>",
                        "-o",
                        out.resolve("1600.jpg") + "[Q=85,strip]"),
                List.of(
                        "vipsthumbnail",
                        out.resolve("1600.jpg").toString(),
                        "--size",
                        "800x800>",
                        "-o",
                        out.resolve("800.jpg") + "[Q=85,strip]"),
                List.of(
                        "vipsthumbnail",
                        out.resolve("800.jpg").toString(),
                        "--size",
                        "320x320>",
                        "-o",
                        out.resolve("320.jpg") + "[Q=85,strip]"));
        double millis = 0;
        double peak = 0;
        for (var step : steps) {
            var measured = timed(step);
            millis += measured[0];
            peak = Math.max(peak, measured[1]);
        }
        return new Result(millis, peak, psnr(out.resolve("1600.jpg"), reference));
    }

    private static Result magick(Path photo, Path out, Path reference) throws Exception {
        var measured = timed(List.of(
                "convert",
                photo.toString(),
                "-auto-orient",
                "-strip",
                "-colorspace",
                "sRGB",
                "-resize",
                "2560x2560>",
                "-quality",
                "85",
                "-write",
                out.resolve("original.jpg").toString(),
                "-resize",
                "1600x1600",
                "-write",
                out.resolve("1600.jpg").toString(),
                "-resize",
                "800x800",
                "-write",
                out.resolve("800.jpg").toString(),
                "-resize",
                "320x320",
                out.resolve("320.jpg").toString()));
        return new Result(measured[0], measured[1], psnr(out.resolve("1600.jpg"), reference));
    }

    /** Wall milliseconds and peak RSS in MB, as GNU time measures a command. */
    private static double[] timed(List<String> command) throws Exception {
        var full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M"));
        full.addAll(command);
        long start = System.nanoTime();
        var output = run(full);
        double millis = (System.nanoTime() - start) / 1e6;
        var last = output.strip().lines().reduce((a, b) -> b).orElse("0 0").split(" ");
        return new double[] {millis, Double.parseDouble(last[1]) / 1024.0};
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** PSNR over RGB of two images, on the area they share (tools may round a side differently). */
    static double psnr(Path image, Path reference) throws IOException {
        BufferedImage a = ImageIO.read(image.toFile());
        BufferedImage b = ImageIO.read(reference.toFile());
        int w = Math.min(a.getWidth(), b.getWidth());
        int h = Math.min(a.getHeight(), b.getHeight());
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * w * h);
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    interface Measured {
        Result run() throws Exception;
    }

    private static Result median(int rounds, Measured measured) throws Exception {
        var results = new ArrayList<Result>();
        for (int i = 0; i < rounds; i++) {
            results.add(measured.run());
        }
        results.sort((x, y) -> Double.compare(x.millis(), y.millis()));
        return results.get(results.size() / 2);
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
