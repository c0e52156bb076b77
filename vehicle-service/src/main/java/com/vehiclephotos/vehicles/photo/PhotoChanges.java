package com.vehiclephotos.vehicles.photo;

import com.vehiclephotos.events.VehicleId;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Which vehicles' photos just changed, from PostgreSQL's LISTEN/NOTIFY (a trigger on the photo
 * table notifies): every instance hears every change, whichever instance or consumer made it.
 * One dedicated connection, reopened if it drops.
 */
@Component
class PhotoChanges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PhotoChanges.class);
    private static final String CHANNEL = "photo_changes";

    private final ConnectionFactory connections;
    private final Sinks.Many<VehicleId> changes = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    PhotoChanges(ConnectionFactory connections) {
        this.connections = connections instanceof ConnectionPool pool ? pool.unwrap() : connections;
    }

    Flux<VehicleId> of(VehicleId vehicle) {
        return changes.asFlux().filter(vehicle::equals);
    }

    @Override
    public void start() {
        listening = Flux.usingWhen(
                        Mono.from(connections.create()).cast(PostgresqlConnection.class),
                        connection -> connection
                                .createStatement("LISTEN " + CHANNEL)
                                .execute()
                                .flatMap(result -> result.getRowsUpdated())
                                .thenMany(connection.getNotifications()),
                        connection -> connection.close())
                .doOnSubscribe(s -> log.info("Listening for photo changes on '{}'", CHANNEL))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                        .maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(r -> log.warn(
                                "Photo change notifications lost ({}); reconnecting",
                                r.failure().toString())))
                .subscribe(notification -> {
                    try {
                        changes.tryEmitNext(VehicleId.of(notification.getParameter()));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        log.debug("Ignoring notification {}", notification.getParameter());
                    }
                });
    }

    @Override
    public void stop() {
        if (listening != null) {
            listening.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }
}
