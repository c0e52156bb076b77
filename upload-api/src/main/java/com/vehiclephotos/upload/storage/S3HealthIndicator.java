package com.vehiclephotos.upload.storage;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The seed's "test S3 connection", as a health check: can we reach the uploads bucket? */
@Component("s3")
class S3HealthIndicator implements ReactiveHealthIndicator {

    private final S3AsyncClient s3;
    private final StorageProperties properties;

    S3HealthIndicator(S3AsyncClient s3, StorageProperties properties) {
        this.s3 = s3;
        this.properties = properties;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromFuture(() -> s3.headBucket(b -> b.bucket(properties.bucket())))
                .timeout(Duration.ofSeconds(3))
                .map(ok -> Health.up().withDetail("bucket", properties.bucket()).build())
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("bucket", properties.bucket())
                        .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                        .build()));
    }
}
