package com.vehiclephotos.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** One real photo out of an npm package's tarball, fetched once into target/test-photos (never committed). */
final class NpmPhoto {

    private NpmPhoto() {}

    /** iPhone, 2448 × 2448, rotated and with GPS: from npm's jpeg-exif@1.1.4. */
    static byte[] iphoneWithGps() throws IOException, InterruptedException {
        return fetch("jpeg-exif", "1.1.4", "package/test/IMG_0001.JPG");
    }

    static byte[] fetch(String pkg, String version, String entry) throws IOException, InterruptedException {
        var cached = Path.of("target", "test-photos", pkg + "-" + version, entry);
        if (Files.exists(cached)) {
            return Files.readAllBytes(cached);
        }
        var url = "https://registry.npmjs.org/" + pkg + "/-/" + pkg + "-" + version + ".tgz";
        var response = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        try (var tar = new GZIPInputStream(response.body())) {
            var bytes = find(tar, entry);
            Files.createDirectories(cached.getParent());
            Files.write(cached, bytes);
            return bytes;
        }
    }

    /** Reads ustar headers (512-byte blocks: name at 0, octal size at 124) until the entry. */
    private static byte[] find(InputStream tar, String entry) throws IOException {
        var header = new byte[512];
        while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            var name =
                    new String(header, 0, 100, StandardCharsets.US_ASCII).trim().replace("\0", "");
            var prefix = new String(header, 345, 155, StandardCharsets.US_ASCII)
                    .replace("\0", "")
                    .trim();
            var full = prefix.isEmpty() ? name : prefix + "/" + name;
            long size = Long.parseLong(
                    new String(header, 124, 12, StandardCharsets.US_ASCII)
                            .replace("\0", "")
                            .trim(),
                    8);
            var content = tar.readNBytes((int) size);
            tar.skipNBytes((512 - size % 512) % 512);
            if (full.equals(entry)) {
                return content;
            }
        }
        throw new IOException("no " + entry + " in the package");
    }
}
