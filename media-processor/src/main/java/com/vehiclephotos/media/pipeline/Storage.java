package com.vehiclephotos.media.pipeline;

import java.util.Optional;

/** The object store, as the steps need it; any failure is {@link RetryLater}. */
public interface Storage {

    /** @param metadata the object's user metadata ({@code x-amz-meta-*}), names in lower case */
    record Head(long size, String contentType, java.util.Map<String, String> metadata) {
    }

    Optional<Head> head(String bucket, String key);

    /** The whole object, refusing to read more than {@code maxBytes}. */
    byte[] get(String bucket, String key, long maxBytes);

    void put(String bucket, String key, byte[] bytes, String contentType, String cacheControl);

    void delete(String bucket, String key);

    /** Deletes every object under the prefix; returns how many. */
    int deletePrefix(String bucket, String prefix);
}
