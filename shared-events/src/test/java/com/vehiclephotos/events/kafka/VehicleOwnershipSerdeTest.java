package com.vehiclephotos.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.vehiclephotos.events.EventMother;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleOwnership;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class VehicleOwnershipSerdeTest {

    private final VehicleOwnership ownership = new VehicleOwnership(EventMother.VEHICLE, EventMother.OWNER);

    @Test
    void roundTripsAndKeepsTombstonesNull() {
        var bytes = new VehicleOwnershipSerde.OwnershipSerializer().serialize(Topics.VEHICLE_OWNERS, ownership);
        var deserializer = new VehicleOwnershipSerde.OwnershipDeserializer();

        assertThat(deserializer.deserialize(Topics.VEHICLE_OWNERS, bytes)).isEqualTo(ownership);
        assertThat(new VehicleOwnershipSerde.OwnershipSerializer().serialize(Topics.VEHICLE_OWNERS, null))
                .isNull();
        assertThat(deserializer.deserialize(Topics.VEHICLE_OWNERS, null)).isNull();
    }

    @Test
    void validatesAgainstItsSchema() throws Exception {
        var bytes = new VehicleOwnershipSerde.OwnershipSerializer().serialize(Topics.VEHICLE_OWNERS, ownership);
        try (var in = getClass().getResourceAsStream("/schemas/vehicle.owners.v1.schema.json")) {
            var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in, InputFormat.JSON);

            assertThat(schema.validate(new String(bytes, StandardCharsets.UTF_8), InputFormat.JSON))
                    .isEmpty();
            assertThat(schema.validate("{\"vehicleId\":\"" + EventMother.VEHICLE + "\"}", InputFormat.JSON))
                    .isNotEmpty();
        }
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> new VehicleOwnershipSerde.OwnershipDeserializer()
                        .deserialize(Topics.VEHICLE_OWNERS, "{\"vehicleId\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
