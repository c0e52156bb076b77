package com.vehiclephotos.upload.presign;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The user's own file name, URL-encoded for {@code x-amz-meta-original-filename}, capped by its
 * encoded length: S3 refuses a PUT whose user metadata passes 2 KB, and a long non-ASCII name
 * grows ninefold when encoded. The end of the name goes first; its extension is kept, and no
 * character is cut in half.
 */
final class OriginalFilename {

    /** Half of S3's 2 KB for keys and values together, leaving room for the trace and the names. */
    static final int MAX_ENCODED_BYTES = 1024;

    private OriginalFilename() {}

    static String encoded(String filename) {
        var whole = encode(filename);
        if (whole.length() <= MAX_ENCODED_BYTES) {
            return whole;
        }
        int dot = filename.lastIndexOf('.');
        var extension = dot > 0 && filename.length() - dot <= 10 ? filename.substring(dot) : "";
        var stem = filename.substring(0, filename.length() - extension.length());
        int budget = MAX_ENCODED_BYTES - encode(extension).length();
        var kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int codePoint = stem.codePointAt(i);
            int size = encode(new String(Character.toChars(codePoint))).length();
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return encode(kept.toString()) + encode(extension);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
