package com.vehiclephotos.media.measuring;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.util.Arrays;

/**
 * The orientation tag from an EXIF (TIFF) payload that the structure walk has already cut out and
 * capped: metadata-extractor parses only these bytes, never the whole file.
 */
final class ExifOrientation {

    /** EXIF in JPEG, and sometimes in WebP, starts with this before the TIFF header. */
    private static final byte[] PREAMBLE = {'E', 'x', 'i', 'f', 0, 0};

    private ExifOrientation() {}

    /** 1..8; 1 (as stored) when there is no tag or it cannot be read — unreadable metadata is no reason to refuse a photo. */
    static int of(byte[] tiff) {
        if (tiff == null || tiff.length < 8) {
            return 1;
        }
        int start = startsWithPreamble(tiff) ? PREAMBLE.length : 0;
        try {
            var metadata = new Metadata();
            new ExifReader().extract(new ByteArrayReader(tiff), metadata, start);
            var ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int orientation = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return orientation >= 1 && orientation <= 8 ? orientation : 1;
            }
        } catch (Exception e) {
            // keep it as stored
        }
        return 1;
    }

    static boolean startsWithPreamble(byte[] bytes) {
        return bytes.length >= PREAMBLE.length
                && Arrays.equals(bytes, 0, PREAMBLE.length, PREAMBLE, 0, PREAMBLE.length);
    }
}
