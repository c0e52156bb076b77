package com.vehiclephotos.web.limit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * A token bucket's shape, as settings bind it.
 *
 * @param capacity requests an owner may make at once
 * @param refill   how many come back per {@code period}
 * @param period   the refill period
 */
public record RateLimit(
        @Positive int capacity,
        @Positive int refill,
        @NotNull Duration period) {}
