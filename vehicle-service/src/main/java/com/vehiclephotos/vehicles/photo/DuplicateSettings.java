package com.vehiclephotos.vehicles.photo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When two photos are the same photo.
 *
 * @param maxDistance at most this many of the 64 perceptual-hash bits differ (0..8; same bytes always
 *                    match). 8 matches every resized, recompressed or brightened copy, 95 % of centred
 *                    5 % crops (41 % of one-sided ones) and no pair of different photos in
 *                    DuplicateBenchmark's set (docs/BENCHMARKS.md); the index answers up to 8
 * @param maxFlags    at most this many photo.flagged.v1 events for one photo (the closest matches):
 *                    a stock picture on a thousand listings is one case for moderation, not a thousand
 */
@Validated
@ConfigurationProperties("photos.duplicates")
record DuplicateSettings(
        @Min(0) @Max(HashBands.MAX_DISTANCE) int maxDistance,
        @Positive int maxFlags) {}
