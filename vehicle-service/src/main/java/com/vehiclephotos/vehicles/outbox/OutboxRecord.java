package com.vehiclephotos.vehicles.outbox;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import com.vehiclephotos.events.kafka.VehicleOwnershipSerde;
import com.vehiclephotos.vehicles.VehicleServiceApplication;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A Kafka record as the outbox stores it: serialized once, when the change is committed, and sent
 * by the relay byte for byte — value and headers (the CloudEvents attributes of photo events).
 *
 * @param value   the record's value; null for a tombstone
 * @param headers header name to its (UTF-8) value
 */
record OutboxRecord(String topic, String key, String type, byte[] value, Map<String, String> headers) {

    static final String OWNERSHIP = "vehicle-ownership";
    private static final PhotoEventSerializer EVENTS = new PhotoEventSerializer(VehicleServiceApplication.EVENT_SOURCE);
    private static final VehicleOwnershipSerde.OwnershipSerializer OWNERS =
            new VehicleOwnershipSerde.OwnershipSerializer();

    static OutboxRecord of(PhotoEvent event) {
        var topic = Topics.topicOf(event);
        var headers = new RecordHeaders();
        var value = EVENTS.serialize(topic, headers, event);
        var names = new LinkedHashMap<String, String>();
        headers.forEach(h -> names.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return new OutboxRecord(topic, Topics.keyOf(event), Topics.eventTypeOf(event), value, names);
    }

    /** With a null ownership, a tombstone. */
    static OutboxRecord of(String vehicle, VehicleOwnership ownership) {
        return new OutboxRecord(
                Topics.VEHICLE_OWNERS,
                vehicle,
                OWNERSHIP,
                OWNERS.serialize(Topics.VEHICLE_OWNERS, ownership),
                Map.of());
    }
}
