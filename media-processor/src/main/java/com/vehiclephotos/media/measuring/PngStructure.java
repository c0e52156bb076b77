package com.vehiclephotos.media.measuring;

import com.vehiclephotos.media.step.ImageStructure;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks a PNG's chunks without decoding: every chunk must fit in the file, IHDR comes first, the
 * image data exists, and metadata chunks are counted against the cap — compressed ones (zTXt, iTXt,
 * iCCP) by inflating them only as far as the cap allows, so a 3 MB chunk that would inflate to
 * gigabytes costs a few milliseconds. An APNG's frame count is checked; eXIf is kept for the
 * orientation.
 */
final class PngStructure {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngStructure() {}

    static ImageStructure read(byte[] b, StructureLimits limits) throws Unacceptable {
        if (b.length < SIGNATURE.length + 25
                || !Arrays.equals(b, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw Unacceptable.corrupt("The file does not start like a PNG.");
        }
        int pos = SIGNATURE.length;
        ImageStructure header = null;
        boolean data = false;
        long metadata = 0;
        byte[] exif = null;
        while (true) {
            if (pos + 12 > b.length) {
                throw Unacceptable.corrupt("The PNG ends before its IEND chunk (truncated).");
            }
            long length = u32(b, pos);
            var type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > b.length - pos - 12L) {
                throw Unacceptable.corrupt("The PNG chunk " + type + " declares " + length + " bytes; the file has "
                        + (b.length - pos - 12) + " left.");
            }
            int start = pos + 8;
            int end = start + (int) length;
            if (header == null && !type.equals("IHDR")) {
                throw Unacceptable.corrupt("The PNG does not start with its header chunk.");
            }
            switch (type) {
                case "IHDR" -> header = header(b, start, (int) length);
                case "IDAT" -> data = true;
                case "acTL" -> limits.checkFrames(length >= 4 ? (int) Math.min(Integer.MAX_VALUE, u32(b, start)) : 0);
                case "tEXt", "eXIf" -> {
                    metadata = limits.countMetadata(metadata, length, type);
                    if (type.equals("eXIf") && exif == null) {
                        exif = Arrays.copyOfRange(b, start, end);
                    }
                }
                case "zTXt", "iCCP" ->
                    metadata = inflated(b, afterKeyword(b, start, end) + 2, end, metadata, limits, type); // NUL, method
                case "iTXt" -> metadata = internationalText(b, start, end, metadata, limits);
                case "IEND" -> {
                    if (!data) {
                        throw Unacceptable.corrupt("The PNG has no image data.");
                    }
                    var facts = Exif.of(exif);
                    return new ImageStructure(
                            header.width(),
                            header.height(),
                            header.bitsPerPixel(),
                            facts.orientation(),
                            facts.capture());
                }
                default -> {
                    // other chunks are the decoder's business; their lengths were checked above
                }
            }
            pos = end + 4; // CRC
        }
    }

    private static ImageStructure header(byte[] b, int start, int length) throws Unacceptable {
        if (length != 13) {
            throw Unacceptable.corrupt("The PNG header chunk has " + length + " bytes instead of 13.");
        }
        long width = u32(b, start);
        long height = u32(b, start + 4);
        int bitDepth = b[start + 8] & 0xFF;
        int channels = switch (b[start + 9] & 0xFF) {
            case 0 -> 1; // grey
            case 2 -> 3; // RGB
            case 3 -> 4; // palette: decoders expand it to RGB(A)
            case 4 -> 2; // grey + alpha
            case 6 -> 4; // RGBA
            default ->
                throw Unacceptable.corrupt("The PNG declares an unknown colour type " + (b[start + 9] & 0xFF) + ".");
        };
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw Unacceptable.corrupt("The PNG declares " + width + " × " + height + " pixels.");
        }
        int bits = (b[start + 9] & 0xFF) == 3 ? 8 : bitDepth;
        return new ImageStructure((int) width, (int) height, channels * bits, 1);
    }

    /** iTXt: keyword, compression flag and method, language, translated keyword, then the text, compressed or not. */
    private static long internationalText(byte[] b, int start, int end, long metadata, StructureLimits limits)
            throws Unacceptable {
        int flag = afterKeyword(b, start, end) + 1;
        if (flag + 2 > end) {
            return limits.countMetadata(metadata, end - start, "iTXt");
        }
        boolean compressed = b[flag] == 1;
        int text = afterKeyword(b, afterKeyword(b, flag + 2, end) + 1, end) + 1;
        return compressed
                ? inflated(b, text, end, metadata, limits, "iTXt")
                : limits.countMetadata(metadata, end - start, "iTXt");
    }

    /** The offset of the NUL that ends a keyword (at most 79 bytes), or {@code end} when there is none. */
    private static int afterKeyword(byte[] b, int from, int end) {
        for (int i = from; i < end && i < from + 80; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return end;
    }

    /** Counts what a zlib stream inflates to, stopping as soon as the cap is passed. */
    private static long inflated(byte[] b, int from, int end, long metadata, StructureLimits limits, String type)
            throws Unacceptable {
        if (from >= end) {
            return metadata;
        }
        var inflater = new Inflater();
        try {
            inflater.setInput(b, from, end - from);
            var buffer = new byte[64 * 1024];
            long total = metadata;
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break; // a truncated stream: the decoder will judge it
                }
                total = limits.countMetadata(total, n, "compressed " + type + " chunk");
            }
            return total;
        } catch (DataFormatException e) {
            throw Unacceptable.corrupt("The PNG's " + type + " chunk is not a valid compressed stream.");
        } finally {
            inflater.end();
        }
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
