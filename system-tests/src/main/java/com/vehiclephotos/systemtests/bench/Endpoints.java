package com.vehiclephotos.systemtests.bench;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.VehicleOwnershipSerde;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** A running ./run-local, found through devstack's endpoints file. */
record Endpoints(Map<String, String> values) {

    static Endpoints load(String file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            properties.load(reader);
        }
        return new Endpoints(
                properties.stringPropertyNames().stream().collect(Collectors.toMap(n -> n, properties::getProperty)));
    }

    String get(String name) {
        return values.get(name);
    }

    /** Vehicles as vehicle-service announces them, so presigns for them are allowed. */
    void announceVehicles(Map<String, UUID> vehicleByOwner) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, get("kafka.bootstrap-servers")),
                new StringSerializer(),
                new VehicleOwnershipSerde.OwnershipSerializer())) {
            for (var entry : vehicleByOwner.entrySet()) {
                producer.send(new ProducerRecord<>(
                        Topics.VEHICLE_OWNERS,
                        entry.getValue().toString(),
                        new VehicleOwnership(new VehicleId(entry.getValue()), new OwnerId(entry.getKey()))));
            }
            producer.flush();
        }
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1_000_000.0;
    }
}
