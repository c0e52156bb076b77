package com.vehiclephotos.events;

import java.util.Objects;

/**
 * The person who owns a vehicle: the {@code sub} claim of their token. Kept as a string because
 * identity providers choose its form; it must be usable as one segment of an object key.
 */
public record OwnerId(String value) {

    public OwnerId {
        Objects.requireNonNull(value, "ownerId");
        if (value.isBlank() || value.length() > 128 || !value.matches("[A-Za-z0-9._@|:-]+")) {
            throw new IllegalArgumentException(
                    "ownerId must be 1-128 characters of letters, digits and . _ @ | : - (got '" + value + "')");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
