package com.vehiclephotos.vehicles.vehicle;

import com.vehiclephotos.web.limit.RateLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What one owner may hold and open. Every upload-api instance keeps every vehicle's owner in memory,
 * and every open stream holds a connection: neither may grow without bound for one account.
 *
 * @param perOwner        vehicles one owner may have (409 {@code vehicle-limit-reached} beyond)
 * @param creations       how fast one owner may add vehicles (429 {@code rate-limited} with Retry-After beyond);
 *                        per instance
 * @param streamsPerOwner live photo streams one owner may hold open on one instance (429 {@code too-many-streams} beyond)
 */
@Validated
@ConfigurationProperties("vehicles.limits")
public record VehicleLimits(
        @Positive int perOwner,
        @Valid @NotNull RateLimit creations,
        @Positive int streamsPerOwner) {}
