package com.vehiclephotos.media.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Real camera and phone photographs that the npm registry carries inside two packages' tests
 * (see ../shared/NOTES.md), fetched once per build into target/test-photos — never committed.
 */
public final class RealPhotos {

    private static final Path DIR = Path.of("target", "test-photos");

    private RealPhotos() {
    }

    /** Sony α6000, 6000 × 4000, 6.6 MB. */
    public static Path sonyAlpha6000() {
        return file("exif", "0.6.0", "package/test/sony-alpha-6000.jpg");
    }

    /** A Xiaomi phone photo, 4208 × 3120. */
    public static Path xiaomi() {
        return file("exif", "0.6.0", "package/test/short-ascii-II.jpg");
    }

    /** Orientation 6 (rotate 90° clockwise to view). */
    public static Path right() {
        return file("exif", "0.6.0", "package/test/right.jpg");
    }

    /** Orientation 4 (mirrored upside down). */
    public static Path downMirrored() {
        return file("exif", "0.6.0", "package/test/down-mirrored.jpg");
    }

    /** iPhone, 2448 × 2448, rotate 90 and GPS coordinates. */
    public static Path iphoneWithGps() {
        return file("jpeg-exif", "1.1.4", "package/test/IMG_0001.JPG");
    }

    private static synchronized Path file(String pkg, String version, String entry) {
        var target = DIR.resolve(pkg + "-" + version).resolve(entry);
        if (Files.exists(target)) {
            return target;
        }
        var url = "https://registry.npmjs.org/" + pkg + "/-/" + pkg + "-" + version + ".tgz";
        try {
            var response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            extract(response.body(), DIR.resolve(pkg + "-" + version));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot fetch the test photos from " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!Files.exists(target)) {
            throw new IllegalStateException(url + " has no " + entry);
        }
        return target;
    }

    private static void extract(InputStream tgz, Path into) throws IOException {
        try (var tar = new TarArchiveInputStream(new GzipCompressorInputStream(tgz))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                var name = entry.getName().toLowerCase();
                if (entry.isDirectory() || !(name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
                    continue;
                }
                var out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    continue; // no path traversal out of the target folder
                }
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
