package com.vehiclephotos.media.measuring;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.step.ImageStructure;
import java.util.Arrays;

/**
 * Walks a JPEG's segments without decoding: every length must stay inside the file, there is one
 * frame, the scans are counted (each one makes the decoder visit every block again) and the
 * metadata segments are counted against the cap. The EXIF segment is kept for the orientation.
 */
final class JpegStructure {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int COM = 0xFE;

    private JpegStructure() {}

    static ImageStructure read(byte[] b, StructureLimits limits) throws Unacceptable {
        if (b.length < 4 || u8(b, 0) != 0xFF || u8(b, 1) != SOI) {
            throw Unacceptable.corrupt("The file does not start like a JPEG.");
        }
        int width = 0;
        int height = 0;
        int bitsPerPixel = 0;
        int frames = 0;
        int scans = 0;
        long metadata = 0;
        byte[] exif = null;
        int pos = 2;
        while (true) {
            if (pos >= b.length) {
                throw Unacceptable.corrupt("The JPEG ends before its end-of-image marker (truncated).");
            }
            if (u8(b, pos) != 0xFF) {
                throw Unacceptable.corrupt("The JPEG has bytes where a marker should be, at offset " + pos + ".");
            }
            while (pos < b.length && u8(b, pos) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos >= b.length) {
                throw Unacceptable.corrupt("The JPEG ends inside a marker (truncated).");
            }
            int marker = u8(b, pos++);
            if (marker == EOI) {
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            if (pos + 2 > b.length) {
                throw Unacceptable.corrupt("The JPEG ends inside a segment header (truncated).");
            }
            int length = u16(b, pos);
            if (length < 2 || pos + length > b.length) {
                throw Unacceptable.corrupt(String.format(
                        "A JPEG segment (marker %02X) declares %d bytes; the file has %d left.",
                        marker, length, b.length - pos));
            }
            int data = pos + 2;
            int dataLength = length - 2;
            if (isStartOfFrame(marker)) {
                if (++frames > 1) {
                    throw new Unacceptable(
                            RejectionReason.UNPROCESSABLE,
                            "The JPEG declares more than one frame (hierarchical JPEG).");
                }
                if (dataLength < 6) {
                    throw Unacceptable.corrupt("The JPEG's frame header is too short.");
                }
                height = u16(b, data + 1);
                width = u16(b, data + 3);
                bitsPerPixel = u8(b, data) * u8(b, data + 5);
            } else if (marker == SOS) {
                if (frames == 0) {
                    throw Unacceptable.corrupt("The JPEG has image data before its frame header.");
                }
                if (++scans > limits.maxJpegScans()) {
                    throw new Unacceptable(
                            RejectionReason.UNPROCESSABLE,
                            "The JPEG has more than " + limits.maxJpegScans()
                                    + " scans; a progressive photo needs about a dozen, and each extra scan costs a full pass of decoding.");
                }
                pos = endOfEntropyCodedData(b, data + dataLength);
                continue;
            } else if ((marker >= 0xE0 && marker <= 0xEF) || marker == COM) {
                metadata = limits.countMetadata(metadata, dataLength, "JPEG application segments");
                if (marker == APP1
                        && exif == null
                        && Exif.startsWithPreamble(Arrays.copyOfRange(b, data, Math.min(data + 6, b.length)))) {
                    exif = Arrays.copyOfRange(b, data, data + dataLength);
                }
            }
            pos += length;
        }
        if (frames == 0 || scans == 0) {
            throw Unacceptable.corrupt("The JPEG has no " + (frames == 0 ? "frame header" : "image data") + ".");
        }
        var facts = Exif.of(exif);
        return new ImageStructure(width, height, bitsPerPixel, facts.orientation(), facts.capture());
    }

    /** The offset of the first marker after a scan's data: 0xFF followed by neither 0x00 (stuffing) nor a restart marker. */
    private static int endOfEntropyCodedData(byte[] b, int from) throws Unacceptable {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == (byte) 0xFF) {
                int next = u8(b, i + 1);
                if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
                    return i;
                }
            }
        }
        throw Unacceptable.corrupt("The JPEG ends inside its image data (truncated).");
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }
}
