package com.vehiclephotos.media.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

/**
 * The containment corpus, built in code: files that are valid (or nearly) but built to cost
 * unbounded work — metadata that inflates to gigabytes, JPEGs of thousands of scans, deep PNGs at
 * the pixel cap — each small enough to upload.
 */
public final class Hostile {

    /** A real 64 × 48 lossy WebP (ImageMagick, red-to-blue gradient), 154 bytes. */
    public static final byte[] WEBP = Base64.getDecoder().decode("UklGRpIAAABXRUJQVlA4IIYAAABwBgCdASpAADAAPm0sk0ckIiGhKBVdUIANiWYC4AEkLZt4B+OnCBGAX//dVxP4A5hur1AHmNNvm3Yq1GAA/vGgtcG4l/4RdInGh//hHr4R69fuHM+9ElKEjR7k2vlSLyQX986MSF/oMNlu+wPatTsuh0BNoNL6soRWx8UIS9C2MrBec+cAAA==");

    private static final int MIB = 1024 * 1024;

    private Hostile() {
    }

    /** A 64 × 64 PNG with a zTXt chunk that inflates to {@code inflatedMib} MiB of zeros (the 3 MB PNG). */
    public static byte[] pngWithZtxtBomb(int inflatedMib) {
        return pngWithChunkBefore(Images.png(Images.marker(64, 64)), "zTXt", concat(ascii("Comment\0\0"), zlibZeros(inflatedMib)));
    }

    /** The same with a compressed iTXt chunk. */
    public static byte[] pngWithItxtBomb(int inflatedMib) {
        return pngWithChunkBefore(Images.png(Images.marker(64, 64)), "iTXt",
                concat(ascii("XML:com.adobe.xmp\0\1\0\0\0"), zlibZeros(inflatedMib)));
    }

    /** The same with an ICC profile that inflates to gigabytes. */
    public static byte[] pngWithIccBomb(int inflatedMib) {
        return pngWithChunkBefore(Images.png(Images.marker(64, 64)), "iCCP", concat(ascii("icc\0\0"), zlibZeros(inflatedMib)));
    }

    /** A JPEG carrying {@code segments} application segments of 64 KiB each (no compression in JPEG, so sheer bulk). */
    public static byte[] jpegWithMetadataBulk(int segments) {
        var jpeg = Images.jpeg(Images.marker(64, 48));
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        var payload = new byte[65_533];
        for (int i = 0; i < segments; i++) {
            out.write(0xFF);
            out.write(0xE2);
            out.write(0xFF);
            out.write(0xFF);
            out.write(payload, 0, payload.length);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A WebP with an EXIF chunk of {@code mib} MiB. */
    public static byte[] webpWithMetadataBulk(int mib) {
        var exif = new byte[mib * MIB];
        return webpWithChunk("EXIF", exif);
    }

    /** A WebP whose RIFF header declares more bytes than the file has. */
    public static byte[] webpDeclaringMoreThanItHas() {
        var webp = WEBP.clone();
        webp[4] = (byte) 0xFF;
        webp[5] = (byte) 0xFF;
        webp[6] = (byte) 0x0F;
        return webp;
    }

    /** An animated PNG header (acTL) that claims {@code frames} frames. */
    public static byte[] apng(int frames) {
        var chunk = new byte[8];
        chunk[0] = (byte) (frames >>> 24);
        chunk[1] = (byte) (frames >>> 16);
        chunk[2] = (byte) (frames >>> 8);
        chunk[3] = (byte) frames;
        return pngWithChunkBefore(Images.png(Images.marker(64, 64)), "acTL", chunk);
    }

    /** A progressive JPEG (ImageIO's default script, about ten scans), {@code width} × {@code height}. */
    public static byte[] progressiveJpeg(int width, int height) {
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream();
        try (var output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            var param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(Images.marker(width, height), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A progressive JPEG whose last scan is repeated until it has {@code scans} scans: libjpeg only
     * warns, and visits every block once per scan.
     */
    public static byte[] jpegScanBomb(int width, int height, int scans) {
        var jpeg = progressiveJpeg(width, height);
        int lastScan = lastIndexOf(jpeg, (byte) 0xFF, (byte) 0xDA);
        int eoi = jpeg.length - 2;
        var scan = Arrays.copyOfRange(jpeg, lastScan, eoi);
        int existing = count(jpeg, (byte) 0xFF, (byte) 0xDA);
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, eoi);
        for (int i = existing; i < scans; i++) {
            out.write(scan, 0, scan.length);
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    /**
     * A valid PNG of {@code width} × {@code height} at 16 bits per channel, RGB (48 bits a pixel) or
     * RGBA (64), written row by row: red top half, blue bottom half — a few hundred KB on disk
     * however many pixels.
     */
    public static byte[] deepPng(int width, int height, boolean alpha) {
        int channels = alpha ? 4 : 3;
        var header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 16;
        header[9] = (byte) (alpha ? 6 : 2);
        var idat = new ByteArrayOutputStream();
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try (var rows = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            var red = row(width, channels, 0);
            var blue = row(width, channels, 2);
            for (int y = 0; y < height; y++) {
                rows.write(y < height / 2 ? red : blue);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        var out = new ByteArrayOutputStream();
        out.write(Images.png(Images.marker(1, 1)), 0, 8); // the signature
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] row(int width, int channels, int fullChannel) {
        var row = new byte[1 + width * channels * 2]; // filter byte 0, then 16-bit big-endian samples
        for (int x = 0; x < width; x++) {
            int at = 1 + x * channels * 2;
            row[at + fullChannel * 2] = (byte) 0xFF;
            row[at + fullChannel * 2 + 1] = (byte) 0xFF;
            if (channels == 4) {
                row[at + 6] = (byte) 0xFF;
                row[at + 7] = (byte) 0xFF;
            }
        }
        return row;
    }

    /** The PNG with one more chunk right after IHDR. */
    public static byte[] pngWithChunkBefore(byte[] png, String type, byte[] data) {
        int afterHeader = 8 + 12 + 13;
        var out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        chunk(out, type, data);
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    /** The WebP with one more chunk at its end, the RIFF size grown to match. */
    public static byte[] webpWithChunk(String fourcc, byte[] data) {
        var out = new ByteArrayOutputStream();
        out.write(WEBP, 0, WEBP.length);
        out.write(ascii(fourcc), 0, 4);
        var size = new byte[4];
        int n = data.length;
        size[0] = (byte) n;
        size[1] = (byte) (n >>> 8);
        size[2] = (byte) (n >>> 16);
        size[3] = (byte) (n >>> 24);
        out.write(size, 0, 4);
        out.write(data, 0, data.length);
        if ((n & 1) == 1) {
            out.write(0);
        }
        var webp = out.toByteArray();
        int riff = webp.length - 8;
        webp[4] = (byte) riff;
        webp[5] = (byte) (riff >>> 8);
        webp[6] = (byte) (riff >>> 16);
        webp[7] = (byte) (riff >>> 24);
        return webp;
    }

    /** zlib-compressed zeros: about a thousandth of their size. */
    static byte[] zlibZeros(int mib) {
        var zeros = new byte[MIB];
        var out = new ByteArrayOutputStream(mib * 1100);
        var deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (var z = new DeflaterOutputStream(out, deflater, 1 << 16)) {
            for (int i = 0; i < mib; i++) {
                z.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        var length = new byte[4];
        putInt(length, 0, data.length);
        out.write(length, 0, 4);
        var typeBytes = ascii(type);
        out.write(typeBytes, 0, 4);
        out.write(data, 0, data.length);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        var sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.write(sum, 0, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return Images.concat(a, b);
    }

    private static int lastIndexOf(byte[] b, byte first, byte second) {
        for (int i = b.length - 2; i >= 0; i--) {
            if (b[i] == first && b[i + 1] == second) {
                return i;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    private static int count(byte[] b, byte first, byte second) {
        int n = 0;
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == first && b[i + 1] == second) {
                n++;
            }
        }
        return n;
    }
}
