package com.vehiclephotos.upload.presign;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reduces a browser's file name to something safe as the last segment of an object key: ASCII
 * letters, digits, {@code . _ -}; no separators, control characters or dot segments; at most
 * {@value #MAX_LENGTH} characters; always ending in the declared type's extension; "photo" when
 * nothing usable is left. The original name is kept, URL-encoded, in the object's metadata.
 */
final class SafeFilename {

    static final int MAX_LENGTH = 100;
    private static final Map<String, List<String>> EXTENSIONS = Map.of(
            "image/jpeg", List.of(".jpg", ".jpeg", ".jpe"),
            "image/png", List.of(".png"),
            "image/webp", List.of(".webp"),
            "image/heic", List.of(".heic", ".heif"),
            "image/heif", List.of(".heif", ".heic"),
            "image/avif", List.of(".avif"));

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern DASHES = Pattern.compile("-{2,}");
    private static final Pattern EDGES = Pattern.compile("^[.-]+|[.-]+$");
    private static final Pattern TRAILING = Pattern.compile("[.-]+$");

    private SafeFilename() {}

    static String of(String original, String contentType) {
        var name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");

        var aliases =
                EXTENSIONS.getOrDefault(contentType == null ? "" : contentType.toLowerCase(Locale.ROOT), List.of(""));
        var extension = aliases.get(0);
        var dot = name.lastIndexOf('.');
        if (dot >= 0 && aliases.contains(name.substring(dot).toLowerCase(Locale.ROOT))) {
            name = name.substring(0, dot);
        }
        var base = UNSAFE.matcher(name).replaceAll("-");
        base = DOTS.matcher(base).replaceAll(".");
        base = DASHES.matcher(base).replaceAll("-");
        base = EDGES.matcher(base).replaceAll("");
        if (base.length() + extension.length() > MAX_LENGTH) {
            base = TRAILING.matcher(base.substring(0, MAX_LENGTH - extension.length()))
                    .replaceAll("");
        }
        return (base.isEmpty() ? "photo" : base) + extension;
    }
}
