package com.vehiclephotos.media.measuring;

import com.vehiclephotos.media.step.ImageStructure;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks a WebP's RIFF chunks without decoding: the RIFF size must match the file, every chunk
 * must fit, the canvas size comes from VP8X, VP8 or VP8L, frames are counted, metadata (EXIF, ICCP,
 * XMP) is counted against the cap, and EXIF is kept for the orientation.
 */
final class WebpStructure {

    private WebpStructure() {}

    static ImageStructure read(byte[] b, StructureLimits limits) throws Unacceptable {
        if (b.length < 20 || !ascii(b, 0).equals("RIFF") || !ascii(b, 8).equals("WEBP")) {
            throw Unacceptable.corrupt("The file does not start like a WebP.");
        }
        long riffEnd = 8 + u32le(b, 4);
        if (riffEnd > b.length) {
            throw Unacceptable.corrupt(
                    "The WebP declares " + riffEnd + " bytes; the file has " + b.length + " (truncated).");
        }
        int width = 0;
        int height = 0;
        int bitsPerPixel = 32;
        int frames = 0;
        long metadata = 0;
        byte[] exif = null;
        int pos = 12;
        while (pos + 8 <= riffEnd) {
            var fourcc = ascii(b, pos);
            long size = u32le(b, pos + 4);
            int start = pos + 8;
            if (size > riffEnd - start) {
                throw Unacceptable.corrupt("The WebP chunk " + fourcc.trim() + " declares " + size
                        + " bytes; the file has " + (riffEnd - start) + " left.");
            }
            int end = start + (int) size;
            switch (fourcc) {
                case "VP8X" -> {
                    requireSize(size, 10, fourcc);
                    width = 1 + u24(b, start + 4);
                    height = 1 + u24(b, start + 7);
                }
                case "VP8 " -> {
                    requireSize(size, 10, fourcc);
                    if ((b[start + 3] & 0xFF) != 0x9D
                            || (b[start + 4] & 0xFF) != 0x01
                            || (b[start + 5] & 0xFF) != 0x2A) {
                        throw Unacceptable.corrupt("The WebP's VP8 data has no start code.");
                    }
                    if (width == 0) {
                        width = u16le(b, start + 6) & 0x3FFF;
                        height = u16le(b, start + 8) & 0x3FFF;
                        bitsPerPixel = 24;
                    }
                    frames = Math.max(frames, 1);
                }
                case "VP8L" -> {
                    requireSize(size, 5, fourcc);
                    if ((b[start] & 0xFF) != 0x2F) {
                        throw Unacceptable.corrupt("The WebP's lossless data has no signature.");
                    }
                    if (width == 0) {
                        long bits = u32le(b, start + 1);
                        width = 1 + (int) (bits & 0x3FFF);
                        height = 1 + (int) ((bits >> 14) & 0x3FFF);
                    }
                    frames = Math.max(frames, 1);
                }
                case "ANMF" -> limits.checkFrames(++frames);
                case "EXIF", "ICCP", "XMP " -> {
                    metadata = limits.countMetadata(metadata, size, fourcc.trim());
                    if (fourcc.equals("EXIF") && exif == null) {
                        exif = Arrays.copyOfRange(b, start, end);
                    }
                }
                default -> {
                    // ALPH, ANIM and unknown chunks: the decoder's business
                }
            }
            pos = end + (int) (size & 1); // chunks are padded to an even size
        }
        if (width < 1 || height < 1 || frames == 0) {
            throw Unacceptable.corrupt("The WebP has no image data.");
        }
        var facts = Exif.of(exif);
        return new ImageStructure(width, height, bitsPerPixel, facts.orientation(), facts.capture());
    }

    private static void requireSize(long size, int least, String fourcc) throws Unacceptable {
        if (size < least) {
            throw Unacceptable.corrupt("The WebP chunk " + fourcc.trim() + " is too short.");
        }
    }

    private static String ascii(byte[] b, int i) {
        return new String(b, i, 4, StandardCharsets.ISO_8859_1);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static int u24(byte[] b, int i) {
        return u16le(b, i) | ((b[i + 2] & 0xFF) << 16);
    }

    private static long u32le(byte[] b, int i) {
        return u24(b, i) | ((long) (b[i + 3] & 0xFF) << 24);
    }
}
