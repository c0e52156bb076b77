package com.vehiclephotos.web.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vehiclephotos.events.OwnerId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket per owner (Bucket4j), kept while the owner is active. Per instance: with N
 * instances behind a load balancer the effective limit is up to N times this; a shared limit
 * would need Bucket4j's distributed back ends.
 */
public final class OwnerRateLimiter {

    private final Cache<OwnerId, Bucket> buckets;
    private final RateLimit limit;

    public OwnerRateLimiter(RateLimit limit) {
        this.limit = limit;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(limit.period().multipliedBy(2))
                .maximumSize(1_000_000)
                .build();
    }

    /** Empty when allowed; otherwise how long until the next request would be, in whole seconds, at least one. */
    public Optional<Duration> tryAcquire(OwnerId owner) {
        var bucket = buckets.get(
                owner,
                o -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(limit.capacity())
                                .refillGreedy(limit.refill(), limit.period())
                                .build())
                        .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(
                Math.max(1, (Duration.ofNanos(probe.getNanosToWaitForRefill()).toMillis() + 999) / 1000)));
    }
}
