package com.vehiclephotos.upload.presign;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vehiclephotos.events.OwnerId;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * A token bucket per owner (Bucket4j), kept while the owner is active. Per instance: with N
 * instances behind a load balancer the effective limit is up to N times this; a shared limit
 * would need Bucket4j's distributed back ends.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "upload.api.enabled", havingValue = "true", matchIfMissing = true)
class UploadRateLimiter {

    private final Cache<OwnerId, Bucket> buckets;
    private final UploadProperties.RateLimit limit;

    UploadRateLimiter(UploadProperties properties) {
        this.limit = properties.rateLimit();
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(limit.period().multipliedBy(2))
                .maximumSize(1_000_000)
                .build();
    }

    /** Empty when allowed; otherwise how long until the next presign would be. */
    Optional<Duration> tryAcquire(OwnerId owner) {
        var bucket = buckets.get(owner, o -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
