package com.vehiclephotos.media.processing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * DOWN when a listener container is not consuming — stopped by an Error, or not started — so that
 * liveness fails and the orchestrator replaces the instance instead of leaving photos waiting
 * behind a silent consumer. Part of both the liveness and the readiness group.
 */
@Component("listeners")
class ListenerHealth implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    ListenerHealth(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        var health = Health.up();
        for (var container : registry.getListenerContainers()) {
            boolean consuming = container.isRunning() && container.isInExpectedState();
            health.withDetail(container.getListenerId(), consuming ? "consuming" : "stopped");
            if (!consuming) {
                health.down();
            }
        }
        return health.build();
    }
}
