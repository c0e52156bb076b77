package com.vehiclephotos.media.measuring;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.vehiclephotos.events.CaptureDetails;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * What the processor keeps from an EXIF (TIFF) payload that the structure walk has already cut out
 * and capped — metadata-extractor parses only these bytes, never the whole file: the orientation,
 * and the capture details (DateTimeOriginal with OffsetTimeOriginal, Make, Model). Never GPS: its
 * tags are not read. Unreadable or implausible values count as absent — metadata is no reason to
 * refuse a photo.
 *
 * @param orientation 1..8; 1 (as stored) when there is no tag or it cannot be read
 */
record Exif(int orientation, CaptureDetails capture) {

    static final Exif NONE = new Exif(1, new CaptureDetails(null, null, null));

    /** EXIF in JPEG, and sometimes in WebP, starts with this before the TIFF header. */
    private static final byte[] PREAMBLE = {'E', 'x', 'i', 'f', 0, 0};

    static Exif of(byte[] tiff) {
        if (tiff == null || tiff.length < 8) {
            return NONE;
        }
        int start = startsWithPreamble(tiff) ? PREAMBLE.length : 0;
        var metadata = new Metadata();
        try {
            new ExifReader().extract(new ByteArrayReader(tiff), metadata, start);
        } catch (Exception e) {
            return NONE;
        }
        var ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        var sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        int orientation = 1;
        String make = null;
        String model = null;
        if (ifd0 != null) {
            try {
                if (ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    int tag = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                    orientation = tag >= 1 && tag <= 8 ? tag : 1;
                }
            } catch (Exception e) {
                // keep it as stored
            }
            make = text(ifd0.getString(ExifIFD0Directory.TAG_MAKE));
            model = text(ifd0.getString(ExifIFD0Directory.TAG_MODEL));
        }
        String takenAt = null;
        if (sub != null) {
            takenAt = takenAt(
                    sub.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL),
                    sub.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL));
        }
        return new Exif(orientation, new CaptureDetails(takenAt, make, model));
    }

    static boolean startsWithPreamble(byte[] bytes) {
        return bytes.length >= PREAMBLE.length
                && Arrays.equals(bytes, 0, PREAMBLE.length, PREAMBLE, 0, PREAMBLE.length);
    }

    /**
     * EXIF's {@code YYYY:MM:DD HH:MM:SS} as ISO-8601, with the offset ({@code ±HH:MM}) when one was
     * recorded; null unless it is a real date and time (cameras write {@code 0000:00:00 00:00:00}
     * or blanks when their clock was never set).
     */
    static String takenAt(String dateTime, String offset) {
        if (dateTime == null || !dateTime.trim().matches("\\d{4}:\\d{2}:\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
            return null;
        }
        var trimmed = dateTime.trim();
        var iso = trimmed.substring(0, 4) + "-" + trimmed.substring(5, 7) + "-" + trimmed.substring(8, 10) + "T"
                + trimmed.substring(11);
        try {
            var parsed = LocalDateTime.parse(iso);
            if (parsed.getYear() < 1900) {
                return null;
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        var zone = offset == null ? "" : offset.trim();
        return zone.matches("[+-](0\\d|1[0-4]):[0-5]\\d") ? iso + zone : iso;
    }

    /** A maker's or model's name: printable, trimmed, at most 64 characters; null when nothing is left. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        var printable = new StringBuilder();
        value.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .limit(CaptureDetails.MAX_TEXT)
                .forEach(printable::appendCodePoint);
        var trimmed = printable.toString().strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
