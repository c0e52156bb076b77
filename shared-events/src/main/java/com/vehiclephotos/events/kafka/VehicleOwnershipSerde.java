package com.vehiclephotos.events.kafka;

import com.vehiclephotos.events.VehicleOwnership;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/** JSON (de)serializers for the compacted {@code vehicle.owners.v1} topic; null stays null (tombstone). */
public final class VehicleOwnershipSerde {

    private VehicleOwnershipSerde() {}

    public static final class OwnershipSerializer implements Serializer<VehicleOwnership> {
        @Override
        public byte[] serialize(String topic, VehicleOwnership ownership) {
            return ownership == null ? null : PhotoEventJson.mapper().writeValueAsBytes(ownership);
        }
    }

    public static final class OwnershipDeserializer implements Deserializer<VehicleOwnership> {
        @Override
        public VehicleOwnership deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            try {
                return PhotoEventJson.mapper().readValue(data, VehicleOwnership.class);
            } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                throw new SerializationException(
                        "Cannot read a vehicle ownership from " + topic + ": " + e.getMessage(), e);
            }
        }
    }
}
