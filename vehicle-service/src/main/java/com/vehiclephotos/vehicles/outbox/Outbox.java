package com.vehiclephotos.vehicles.outbox;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.PhotoEventJson;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Events go into the outbox table in the transaction of the change they announce, so a change
 * and its event are committed together or not at all; they are stored as the Kafka records they
 * will be (value and headers), and {@link OutboxRelay} sends them on as they are.
 */
@Component
public class Outbox {

    private final DatabaseClient db;

    Outbox(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> photoEvent(PhotoEvent event) {
        return insert(OutboxRecord.of(event));
    }

    /** The vehicle's owner; with a null owner, a tombstone: the vehicle is gone. */
    public Mono<Void> ownership(VehicleId vehicle, OwnerId owner) {
        return insert(OutboxRecord.of(vehicle.toString(), owner == null ? null : new VehicleOwnership(vehicle, owner)));
    }

    private Mono<Void> insert(OutboxRecord record) {
        var spec = db.sql("insert into outbox (topic, message_key, event_type, value, headers) "
                        + "values (:topic, :key, :type, :value, cast(:headers as jsonb))")
                .bind("topic", record.topic())
                .bind("key", record.key())
                .bind("type", record.type())
                .bind("headers", PhotoEventJson.mapper().writeValueAsString(record.headers()));
        spec = record.value() == null
                ? spec.bindNull("value", java.nio.ByteBuffer.class)
                : spec.bind("value", java.nio.ByteBuffer.wrap(record.value()));
        return spec.then();
    }
}
