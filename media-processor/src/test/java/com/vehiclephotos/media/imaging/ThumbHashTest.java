package com.vehiclephotos.media.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.vehiclephotos.fixtures.images.NpmPackages;
import com.vehiclephotos.fixtures.images.RealPhotos;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our ThumbHash encoder against the format's reference implementation (npm {@code thumbhash}, run by
 * Node.js): byte for byte the same hash for real photos in both orientations and for flat colours;
 * and the dominant colour of a photo is one it has.
 */
class ThumbHashTest {

    @ParameterizedTest
    @ValueSource(strings = {"landscape", "portrait", "flat"})
    void theHashIsTheReferenceImplementationsByteForByte(String kind) throws Exception {
        var image = switch (kind) {
            case "landscape" -> scaled(ImageIO.read(RealPhotos.xiaomi().toFile()), 100, 74);
            case "portrait" -> scaled(ImageIO.read(RealPhotos.iphoneWithGps().toFile()), 56, 100);
            default -> flat(new Color(200, 30, 40), 40, 40);
        };

        var ours = ThumbHash.encode(image);

        assertThat(ours.length).isLessThanOrEqualTo(40);
        assertThat(Base64.getEncoder().encodeToString(ours)).isEqualTo(reference(image));
    }

    @Test
    void theDominantColourIsTheBiggestAreasNotTheAverage() {
        var image = flat(new Color(128, 128, 128), 100, 100);
        var g = image.createGraphics();
        g.setColor(new Color(220, 20, 30));
        g.fillRect(0, 0, 100, 40); // 40 % red, 60 % grey: the average would be a brownish grey
        g.dispose();

        assertThat(String.format("#%06x", DominantColour.of(image))).isEqualTo("#808080");
    }

    private static String reference(BufferedImage image) throws IOException, InterruptedException {
        boolean ci = System.getenv("CI") != null;
        assumeTrue(ci || canRun("node"), "Node.js is not installed: the reference ThumbHash cannot run");
        var module = NpmPackages.file("thumbhash", "0.1.1", "package/thumbhash.js");
        int w = image.getWidth();
        int h = image.getHeight();
        var rgba = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int i = (y * w + x) * 4;
                rgba[i] = (byte) (p >> 16);
                rgba[i + 1] = (byte) (p >> 8);
                rgba[i + 2] = (byte) p;
                rgba[i + 3] = (byte) 255;
            }
        }
        Path pixels = Files.createTempFile("rgba-", ".bin");
        try {
            Files.write(pixels, rgba);
            var script = "import { rgbaToThumbHash } from '" + module.toUri() + "';"
                    + "import { readFileSync } from 'node:fs';"
                    + "const px = new Uint8Array(readFileSync(process.argv[1]));"
                    + "console.log(Buffer.from(rgbaToThumbHash(" + w + ", " + h + ", px)).toString('base64'));";
            var process = new ProcessBuilder("node", "--input-type=module", "-e", script, pixels.toString())
                    .redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(pixels);
        }
    }

    private static boolean canRun(String command) {
        try {
            return new ProcessBuilder(command, "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static BufferedImage scaled(BufferedImage source, int w, int h) {
        var image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return image;
    }

    private static BufferedImage flat(Color colour, int w, int h) {
        var image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }
}
