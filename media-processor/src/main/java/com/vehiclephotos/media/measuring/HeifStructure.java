package com.vehiclephotos.media.measuring;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.step.ImageStructure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a HEIC, HEIF or AVIF file's ISO base media boxes without decoding: {@code ftyp} first, every
 * box inside its parent and the file, the primary item ({@code pitm}) and its properties — size
 * ({@code ispe}), clean aperture ({@code clap}), rotation ({@code irot}), mirror ({@code imir}),
 * colour profile ({@code colr}) —, every item's data inside the file (a truncated upload stops here),
 * at most {@link #MAX_ITEMS} items, metadata (EXIF, XMP, ICC) against the cap.
 *
 * <p>The size reported is the displayed one (cropped, then rotated). The orientation is the
 * container's business when it has {@code irot} or {@code imir} — libheif applies those when it
 * decodes, and the EXIF tag is then only a record of the camera's sensor and must not be applied a
 * second time (iPhones write both); only without them does the EXIF orientation count.
 */
final class HeifStructure {

    /** An iPhone's 48 MP photo is a grid of 192 tiles; a thousand items is far beyond any camera. */
    static final int MAX_ITEMS = 1000;

    private static final int MAX_BOXES = 10_000;

    private HeifStructure() {}

    private record Item(String type, List<long[]> extents, int construction) {}

    static ImageStructure read(byte[] b, StructureLimits limits) throws Unacceptable {
        if (b.length < 16 || !ascii(b, 4).equals("ftyp")) {
            throw Unacceptable.corrupt("The file does not start like a HEIF image (no ftyp box).");
        }
        var walk = new HeifStructure.Walk(b, limits);
        walk.boxes(0, b.length, 0);
        return walk.result();
    }

    private static final class Walk {
        private final byte[] b;
        private final StructureLimits limits;
        private int boxes;
        private boolean meta;
        private long primary = -1;
        private final Map<Long, Item> items = new HashMap<>();
        private final List<int[]> properties = new ArrayList<>(); // {start, end} of each ipco child, 1-based order
        private final List<String> propertyTypes = new ArrayList<>();
        private final Map<Long, int[]> associations = new HashMap<>();
        private int idatStart = -1;
        private int idatEnd = -1;

        Walk(byte[] b, StructureLimits limits) {
            this.b = b;
            this.limits = limits;
        }

        /** The boxes between {@code from} and {@code to}, inside a parent at {@code depth}. */
        void boxes(int from, int to, int depth) throws Unacceptable {
            int pos = from;
            while (pos + 8 <= to) {
                if (++boxes > MAX_BOXES) {
                    throw new Unacceptable(RejectionReason.UNPROCESSABLE, "The HEIF file has too many boxes.");
                }
                long size = u32(b, pos);
                var type = ascii(b, pos + 4);
                int header = 8;
                if (size == 1) {
                    if (pos + 16 > to) {
                        throw Unacceptable.corrupt("The HEIF box " + type + " is cut short.");
                    }
                    size = u64(b, pos + 8);
                    header = 16;
                } else if (size == 0 && depth == 0) {
                    size = to - pos; // to the end of the file
                }
                if (size < header || size > to - pos) {
                    throw Unacceptable.corrupt("The HEIF box " + type + " declares " + size + " bytes; " + (to - pos)
                            + " are left (truncated or damaged).");
                }
                int start = pos + header;
                int end = pos + (int) size;
                box(type, start, end, depth);
                pos = end;
            }
        }

        private void box(String type, int start, int end, int depth) throws Unacceptable {
            switch (type) {
                case "meta" -> {
                    if (depth == 0) {
                        meta = true;
                        boxes(start + 4, end, depth + 1); // a full box: version and flags first
                    }
                }
                case "pitm" -> {
                    require(start + 6, end, "pitm");
                    primary = fullVersion(start) == 0 ? u16(b, start + 4) : u32(b, start + 4, end);
                }
                case "iinf" -> boxes(start + 4 + (fullVersion(start) == 0 ? 2 : 4), end, depth + 1);
                case "infe" -> infe(start, end);
                case "iloc" -> iloc(start, end);
                case "iprp" -> boxes(start, end, depth + 1);
                case "ipco" -> collectProperties(start, end);
                case "ipma" -> ipma(start, end);
                case "idat" -> {
                    idatStart = start;
                    idatEnd = end;
                }
                default -> {
                    // ftyp, hdlr, iref, dinf, mdat and others: the decoder's business
                }
            }
        }

        private void infe(int start, int end) throws Unacceptable {
            int version = fullVersion(start);
            if (version < 2 || end - start < 12) {
                return; // versions 0 and 1 name no item type; HEIF requires 2 or 3
            }
            long id = version == 2 ? u16(b, start + 4) : u32(b, start + 4, end);
            int typeAt = start + 4 + (version == 2 ? 2 : 4) + 2;
            if (typeAt + 4 > end) {
                throw Unacceptable.corrupt("The HEIF item entry is cut short.");
            }
            var itemType = ascii(b, typeAt);
            var known = items.get(id);
            items.put(
                    id,
                    new Item(
                            itemType,
                            known == null ? List.of() : known.extents(),
                            known == null ? 0 : known.construction()));
            checkItems();
        }

        private void iloc(int start, int end) throws Unacceptable {
            int version = fullVersion(start);
            int pos = start + 4;
            require(pos + 2 + (version < 2 ? 2 : 4), end, "iloc");
            int offsetSize = (b[pos] & 0xFF) >> 4;
            int lengthSize = b[pos] & 0x0F;
            int baseOffsetSize = (b[pos + 1] & 0xFF) >> 4;
            int indexSize = version == 0 ? 0 : b[pos + 1] & 0x0F;
            pos += 2;
            long count = version < 2 ? u16(b, pos) : u32(b, pos, end);
            pos += version < 2 ? 2 : 4;
            if (count > MAX_ITEMS) {
                throw tooManyItems();
            }
            for (long i = 0; i < count; i++) {
                require(pos + (version < 2 ? 2 : 4), end, "iloc");
                long id = version < 2 ? u16(b, pos) : u32(b, pos, end);
                pos += version < 2 ? 2 : 4;
                int construction = 0;
                if (version >= 1) {
                    require(pos + 2, end, "iloc");
                    construction = u16(b, pos) & 0x0F;
                    pos += 2;
                }
                require(pos + 2 + baseOffsetSize + 2, end, "iloc");
                pos += 2; // data reference index
                long base = sized(pos, baseOffsetSize);
                pos += baseOffsetSize;
                int extentCount = u16(b, pos);
                pos += 2;
                var extents = new ArrayList<long[]>();
                for (int e = 0; e < extentCount; e++) {
                    require(pos + indexSize + offsetSize + lengthSize, end, "iloc");
                    pos += indexSize;
                    long offset = sized(pos, offsetSize);
                    pos += offsetSize;
                    long length = sized(pos, lengthSize);
                    pos += lengthSize;
                    extents.add(new long[] {base + offset, length});
                }
                var known = items.get(id);
                items.put(id, new Item(known == null ? "" : known.type(), extents, construction));
                checkItems();
            }
        }

        private void collectProperties(int start, int end) throws Unacceptable {
            int pos = start;
            while (pos + 8 <= end) {
                long size = u32(b, pos);
                if (size < 8 || size > end - pos) {
                    throw Unacceptable.corrupt(
                            "A HEIF item property declares " + size + " bytes; " + (end - pos) + " are left.");
                }
                propertyTypes.add(ascii(b, pos + 4));
                properties.add(new int[] {pos + 8, pos + (int) size});
                if (properties.size() > MAX_BOXES) {
                    throw new Unacceptable(RejectionReason.UNPROCESSABLE, "The HEIF file has too many properties.");
                }
                pos += (int) size;
            }
        }

        private void ipma(int start, int end) throws Unacceptable {
            int version = fullVersion(start);
            boolean wide = (b[start + 3] & 1) != 0;
            int pos = start + 4;
            require(pos + 4, end, "ipma");
            long count = u32(b, pos, end);
            pos += 4;
            if (count > MAX_ITEMS) {
                throw tooManyItems();
            }
            for (long i = 0; i < count; i++) {
                require(pos + (version < 1 ? 2 : 4) + 1, end, "ipma");
                long id = version < 1 ? u16(b, pos) : u32(b, pos, end);
                pos += version < 1 ? 2 : 4;
                int n = b[pos++] & 0xFF;
                require(pos + n * (wide ? 2 : 1), end, "ipma");
                var indexes = new int[n];
                for (int a = 0; a < n; a++) {
                    indexes[a] = wide ? u16(b, pos) & 0x7FFF : b[pos] & 0x7F;
                    pos += wide ? 2 : 1;
                }
                associations.put(id, indexes);
            }
        }

        ImageStructure result() throws Unacceptable {
            if (!meta || primary < 0) {
                throw Unacceptable.corrupt("The HEIF file names no primary image.");
            }
            long metadata = 0;
            byte[] exif = null;
            for (var item : items.values()) {
                for (var extent : item.extents()) {
                    checkInside(extent, item.construction());
                }
                if (item.type().equals("Exif") || item.type().equals("mime")) {
                    long bytes = item.extents().stream().mapToLong(e -> e[1]).sum();
                    metadata = limits.countMetadata(metadata, bytes, item.type());
                    if (item.type().equals("Exif") && exif == null && item.construction() == 0) {
                        exif = exifPayload(item);
                    }
                }
            }
            int width = 0;
            int height = 0;
            int bitsPerPixel = 24;
            boolean transformed = false;
            boolean quarterTurn = false;
            for (int index : associations.getOrDefault(primary, new int[0])) {
                if (index < 1 || index > properties.size()) {
                    continue; // 0 means "no property"; past the end is the decoder's to refuse
                }
                int[] at = properties.get(index - 1);
                switch (propertyTypes.get(index - 1)) {
                    case "ispe" -> {
                        require(at[0] + 12, at[1], "ispe");
                        width = toInt(u32(b, at[0] + 4, at[1]));
                        height = toInt(u32(b, at[0] + 8, at[1]));
                    }
                    case "clap" -> {
                        require(at[0] + 16, at[1], "clap");
                        width = fraction(at[0], width);
                        height = fraction(at[0] + 8, height);
                    }
                    case "irot" -> {
                        require(at[0] + 1, at[1], "irot");
                        transformed = true;
                        quarterTurn = (b[at[0]] & 1) == 1;
                    }
                    case "imir" -> transformed = true;
                    case "pixi" -> {
                        require(at[0] + 5, at[1], "pixi");
                        int channels = b[at[0] + 4] & 0xFF;
                        require(at[0] + 5 + channels, at[1], "pixi");
                        int deepest = 8;
                        for (int c = 0; c < channels; c++) {
                            deepest = Math.max(deepest, b[at[0] + 5 + c] & 0xFF);
                        }
                        bitsPerPixel = 3 * deepest; // decoded as RGB, whatever the coded channels
                    }
                    case "colr" -> metadata = limits.countMetadata(metadata, at[1] - at[0], "colour profile");
                    default -> {
                        // pasp, hvcC, av1C and others: the decoder's business
                    }
                }
            }
            if (width < 1 || height < 1) {
                throw Unacceptable.corrupt("The HEIF primary image declares no size (ispe).");
            }
            var facts = Exif.of(exif);
            int orientation = transformed ? 1 : facts.orientation();
            return quarterTurn
                    ? new ImageStructure(height, width, bitsPerPixel, orientation, facts.capture())
                    : new ImageStructure(width, height, bitsPerPixel, orientation, facts.capture());
        }

        /** A clean aperture's width or height: numerator over denominator, rounded, never larger than the image. */
        private int fraction(int at, int full) throws Unacceptable {
            long numerator = u32(b, at, at + 4);
            long denominator = u32(b, at + 4, at + 8);
            if (denominator == 0 || numerator == 0) {
                throw Unacceptable.corrupt("The HEIF clean aperture is malformed.");
            }
            long value = Math.round((double) numerator / denominator);
            return (int) Math.min(full, value);
        }

        private void checkInside(long[] extent, int construction) throws Unacceptable {
            long limit = construction == 1 ? (idatStart < 0 ? 0 : idatEnd - idatStart) : b.length;
            if (construction > 1) {
                return; // item-relative data: checked when those items are
            }
            if (extent[0] < 0 || extent[0] > limit || extent[1] < 0 || extent[1] > limit - extent[0]) {
                throw Unacceptable.corrupt("A HEIF item's data lies outside the file (truncated upload).");
            }
        }

        /** The Exif item: a 4-byte offset to the TIFF header, then the TIFF data (capped above). */
        private byte[] exifPayload(Item item) {
            if (item.extents().isEmpty()) {
                return null;
            }
            long[] extent = item.extents().get(0);
            int from = (int) extent[0];
            int length = (int) (extent[1] == 0 ? b.length - from : extent[1]);
            if (length < 8) {
                return null;
            }
            long skip = u32(b, from);
            if (skip > length - 4) {
                return null;
            }
            return Arrays.copyOfRange(b, from + 4 + (int) skip, from + length);
        }

        private void checkItems() throws Unacceptable {
            if (items.size() > MAX_ITEMS) {
                throw tooManyItems();
            }
        }

        private static Unacceptable tooManyItems() {
            return new Unacceptable(
                    RejectionReason.UNPROCESSABLE,
                    "The HEIF file has more than " + MAX_ITEMS + " items; no camera writes that many.");
        }

        private int fullVersion(int start) {
            return b[start] & 0xFF;
        }

        private long sized(int pos, int size) throws Unacceptable {
            return switch (size) {
                case 0 -> 0;
                case 4 -> u32(b, pos);
                case 8 -> u64(b, pos);
                default -> throw Unacceptable.corrupt("The HEIF item locations use a field of " + size + " bytes.");
            };
        }
    }

    private static void require(int needed, int end, String box) throws Unacceptable {
        if (needed > end) {
            throw Unacceptable.corrupt("The HEIF box " + box + " is cut short.");
        }
    }

    private static int toInt(long value) throws Unacceptable {
        if (value > Integer.MAX_VALUE) {
            throw new Unacceptable(
                    RejectionReason.TOO_MANY_PIXELS, "The HEIF image declares " + value + " pixels across.");
        }
        return (int) value;
    }

    private static String ascii(byte[] b, int i) {
        return new String(b, i, 4, StandardCharsets.ISO_8859_1);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    private static long u32(byte[] b, int i, int end) throws Unacceptable {
        require(i + 4, end, "item");
        return u32(b, i);
    }

    private static long u64(byte[] b, int i) throws Unacceptable {
        long value = u32(b, i) << 32 | u32(b, i + 4);
        if (value < 0) {
            throw Unacceptable.corrupt("A HEIF size does not fit in 63 bits.");
        }
        return value;
    }
}
