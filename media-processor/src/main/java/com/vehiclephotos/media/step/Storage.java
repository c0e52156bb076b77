package com.vehiclephotos.media.step;

import java.util.Optional;

/** The object store, as the steps need it; any failure is {@link RetryLater}. */
public interface Storage {

    /**
     * @param metadata the object's user metadata ({@code x-amz-meta-*}), names in lower case
     * @param eTag     the object's ETag, without quotes
     */
    record Head(long size, String contentType, java.util.Map<String, String> metadata, String eTag) {}

    Optional<Head> head(String bucket, String key);

    /**
     * The whole object if it is still the version with this ETag (a conditional GET; any version
     * when {@code eTag} is null), refusing to read more than {@code maxBytes}; empty when another
     * version or none is there.
     */
    Optional<byte[]> get(String bucket, String key, String eTag, long maxBytes);

    void put(
            String bucket,
            String key,
            byte[] bytes,
            String contentType,
            String cacheControl,
            java.util.Map<String, String> metadata);

    void delete(String bucket, String key);

    /** Deletes every object under the prefix; returns how many. */
    int deletePrefix(String bucket, String prefix);
}
