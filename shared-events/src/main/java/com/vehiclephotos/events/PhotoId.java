package com.vehiclephotos.events;

import java.util.Objects;
import java.util.UUID;

/** The identity of one uploaded photo across the whole pipeline; chosen by upload-api. */
public record PhotoId(UUID value) {

    public PhotoId {
        Objects.requireNonNull(value, "photoId");
    }

    public static PhotoId of(String value) {
        return new PhotoId(UUID.fromString(value));
    }

    public static PhotoId random() {
        return new PhotoId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
