package com.vehiclephotos.events;

/**
 * One published, re-encoded image of a photo: the sanitized original or a resized variant.
 *
 * @param variant     {@code original}, or the longest edge in pixels for variants ({@code 320}, ...)
 * @param url         public URL (CDN or media bucket base URL + key)
 * @param key         object key in the media bucket
 * @param bytes       size of the published object
 * @param contentType e.g. {@code image/jpeg}
 */
public record PublishedImage(
        String variant, String url, String key, int width, int height, long bytes, String contentType) {

    public PublishedImage {
        Checks.notBlank(variant, "variant");
        Checks.notBlank(url, "url");
        Checks.notBlank(key, "key");
        Checks.notBlank(contentType, "contentType");
        if (width < 1 || height < 1 || bytes < 1) {
            throw new IllegalArgumentException("width, height and bytes must be positive");
        }
    }
}
