package com.vehiclephotos.upload;

import static org.awaitility.Awaitility.await;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.VehicleOwnershipSerde;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Vehicles as vehicle-service announces them: on the compacted owners topic of the real broker. */
public final class Vehicles {

    private Vehicles() {}

    public static UUID registerFor(String owner, String bootstrap, OwnershipView view) {
        var vehicle = UUID.randomUUID();
        publish(bootstrap, vehicle, new VehicleOwnership(new VehicleId(vehicle), new OwnerId(owner)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> view.ownerOf(new VehicleId(vehicle)).block().isPresent());
        return vehicle;
    }

    public static void delete(UUID vehicle, String bootstrap) {
        publish(bootstrap, vehicle, null);
    }

    private static void publish(String bootstrap, UUID vehicle, VehicleOwnership ownership) {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new VehicleOwnershipSerde.OwnershipSerializer())) {
            producer.send(new ProducerRecord<>(Topics.VEHICLE_OWNERS, vehicle.toString(), ownership))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
