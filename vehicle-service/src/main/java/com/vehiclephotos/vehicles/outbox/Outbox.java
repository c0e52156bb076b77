package com.vehiclephotos.vehicles.outbox;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.PhotoEventJson;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Events go into the outbox table in the transaction of the change they announce, so a change
 * and its event are committed together or not at all; {@link OutboxRelay} sends them on.
 */
@Component
public class Outbox {

    static final String OWNERSHIP = "vehicle-ownership";
    private final DatabaseClient db;

    Outbox(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> photoEvent(PhotoEvent event) {
        return insert(
                Topics.topicOf(event),
                Topics.keyOf(event),
                Topics.eventTypeOf(event),
                new String(PhotoEventJson.write(event), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The vehicle's owner; with a null owner, a tombstone: the vehicle is gone. */
    public Mono<Void> ownership(VehicleId vehicle, OwnerId owner) {
        var payload =
                owner == null ? null : PhotoEventJson.mapper().writeValueAsString(new VehicleOwnership(vehicle, owner));
        return insert(Topics.VEHICLE_OWNERS, vehicle.toString(), OWNERSHIP, payload);
    }

    private Mono<Void> insert(String topic, String key, String type, String payload) {
        var spec = db.sql(
                        "insert into outbox (topic, message_key, event_type, payload) values (:topic, :key, :type, :payload)")
                .bind("topic", topic)
                .bind("key", key)
                .bind("type", type);
        spec = payload == null ? spec.bindNull("payload", String.class) : spec.bind("payload", payload);
        return spec.then();
    }
}
