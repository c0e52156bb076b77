package com.vehiclephotos.upload.ownership;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Not ready to presign until the ownership view has read the whole topic once, nor while it falls
 * behind a broker that answers (it cannot keep up).
 */
@Component("ownership")
class OwnershipHealthIndicator implements HealthIndicator {

    private final OwnershipView view;

    OwnershipHealthIndicator(OwnershipView view) {
        this.view = view;
    }

    @Override
    public Health health() {
        var health = view.isCaughtUp() && view.isKeepingUp() ? Health.up() : Health.outOfService();
        return health.withDetail("vehicles", view.size())
                .withDetail("staleness", view.staleness().toString())
                .build();
    }
}
