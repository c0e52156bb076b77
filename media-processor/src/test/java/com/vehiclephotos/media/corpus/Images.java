package com.vehiclephotos.media.corpus;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Test images made in code, each for a reason: an upright marker image (red top-left, blue
 * bottom-right) to check orientation, and the hostile corpus.
 */
public final class Images {

    // Assembled at run time so that the source file is not itself the test file.
    public static final byte[] EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
            .getBytes(StandardCharsets.US_ASCII);

    private Images() {
    }

    /** Red in the top-left quarter, blue in the bottom-right, white elsewhere. */
    public static BufferedImage marker(int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, height / 2, width - width / 2, height - height / 2);
        g.dispose();
        return image;
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpg");
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    public static byte[] encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first part of a JPEG: the header is whole, the picture stops early. */
    public static byte[] truncated(byte[] jpeg) {
        return Arrays.copyOf(jpeg, jpeg.length / 2);
    }

    /** A 1-bit PNG of 30000 × 30000: ~100 KB on disk, 900 megapixels decoded. */
    public static byte[] pngBomb() {
        var image = new BufferedImage(30000, 30000, BufferedImage.TYPE_BYTE_BINARY);
        return png(image);
    }

    /** A real JPEG whose frame header (SOF) claims 65500 × 65500. */
    public static byte[] jpegClaiming65500() {
        var jpeg = jpeg(marker(64, 48));
        for (int i = 0; i < jpeg.length - 9; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && ((jpeg[i + 1] & 0xFF) == 0xC0 || (jpeg[i + 1] & 0xFF) == 0xC2)) {
                jpeg[i + 5] = (byte) 0xFF;
                jpeg[i + 6] = (byte) 0xDC;
                jpeg[i + 7] = (byte) 0xFF;
                jpeg[i + 8] = (byte) 0xDC;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF marker");
    }

    public static byte[] zip(String name, byte[] content) {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        var out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The marker image stored rotated/flipped as a camera in that position would, with the EXIF
     * orientation tag that says how to turn it upright again.
     */
    public static byte[] withOrientation(int orientation, int width, int height) {
        var upright = marker(width, height);
        var stored = stored(upright, orientation);
        return withExifOrientation(jpeg(stored), orientation);
    }

    private static BufferedImage stored(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean swap = orientation >= 5;
        var out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                // where does stored pixel (x, y) land once the orientation is applied?
                int ux;
                int uy;
                switch (orientation) {
                    case 1 -> { ux = x; uy = y; }
                    case 2 -> { ux = w - 1 - x; uy = y; }
                    case 3 -> { ux = w - 1 - x; uy = h - 1 - y; }
                    case 4 -> { ux = x; uy = h - 1 - y; }
                    case 5 -> { ux = y; uy = x; }
                    case 6 -> { ux = w - 1 - y; uy = x; }
                    case 7 -> { ux = w - 1 - y; uy = h - 1 - x; }
                    case 8 -> { ux = y; uy = h - 1 - x; }
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                }
                out.setRGB(x, y, upright.getRGB(ux, uy));
            }
        }
        return out;
    }

    /** The JPEG with a comment (COM) segment holding {@code text}, right after SOI. */
    public static byte[] withComment(byte[] jpeg, String text) {
        var bytes = text.getBytes(StandardCharsets.US_ASCII);
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xFE);
        out.write((bytes.length + 2) >> 8);
        out.write((bytes.length + 2) & 0xFF);
        out.write(bytes, 0, bytes.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD0 entry: Orientation) after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        var tiff = new byte[] {
                'M', 'M', 0, 42, 0, 0, 0, 8,          // header, IFD0 at offset 8
                0, 1,                                  // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1,          // tag 0x0112 Orientation, SHORT, count 1
                0, (byte) orientation, 0, 0,           // value
                0, 0, 0, 0};                           // no next IFD
        return withExif(jpeg, tiff);
    }

    /** Inserts an APP1 Exif segment with a GPS IFD, like a phone's. */
    public static byte[] withGps(byte[] jpeg) {
        var tiff = new byte[] {
                'M', 'M', 0, 42, 0, 0, 0, 8,
                0, 1,
                (byte) 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26,   // GPSInfo IFD pointer -> offset 26
                0, 0, 0, 0,
                0, 1,                                               // GPS IFD: one entry
                0, 1, 0, 2, 0, 0, 0, 2, 'N', 0, 0, 0,               // GPSLatitudeRef "N"
                0, 0, 0, 0};
        return withExif(jpeg, tiff);
    }

    /** The JPEG with an APP1 Exif segment holding this TIFF structure, right after SOI. */
    private static byte[] withExif(byte[] jpeg, byte[] tiff) {
        var exifHeader = new byte[] {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.length;
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);                                             // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exifHeader, 0, exifHeader.length);
        out.write(tiff, 0, tiff.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
