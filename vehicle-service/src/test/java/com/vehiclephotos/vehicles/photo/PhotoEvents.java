package com.vehiclephotos.vehicles.photo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.PhotoRejected;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import com.vehiclephotos.events.storage.MediaKey;
import com.vehiclephotos.events.storage.UploadKey;

/** The pipeline's events, as the bridge and media-processor would send them, through the real broker. */
final class PhotoEvents implements AutoCloseable {

    private final KafkaProducer<String, PhotoEvent> producer;
    private final KafkaProducer<String, byte[]> raw;

    PhotoEvents(String bootstrap) {
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new PhotoEventSerializer("/vehicle-photos/test"));
        raw = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }

    void send(PhotoEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.topicOf(event), Topics.keyOf(event), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void sendGarbage(String topic, String key, byte[] value) {
        try {
            raw.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PhotoUploaded uploaded(String owner, UUID vehicle, UUID photo) {
        return new PhotoUploaded(new PhotoId(photo), new OwnerId(owner), new VehicleId(vehicle), "uploads",
                new UploadKey(new OwnerId(owner), new VehicleId(vehicle), new PhotoId(photo), "car.jpg").key(), 1000, "etag", null, "00A1", Instant.now());
    }

    static PhotoReady ready(String owner, UUID vehicle, UUID photo) {
        var base = "https://cdn.example.com/vehicles/" + vehicle + "/photos/" + photo + "/";
        return new PhotoReady(new PhotoId(photo), new OwnerId(owner), new VehicleId(vehicle),
                image(base, vehicle, photo, "original", 2560, 1707),
                List.of(image(base, vehicle, photo, "320", 320, 213), image(base, vehicle, photo, "800", 800, 533)),
                "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b", Instant.now());
    }

    static PhotoRejected rejected(String owner, UUID vehicle, UUID photo) {
        return new PhotoRejected(new PhotoId(photo), new OwnerId(owner), new VehicleId(vehicle), RejectionReason.MALWARE_DETECTED,
                "The scanner found Eicar-Test-Signature.", Instant.now());
    }

    private static PublishedImage image(String base, UUID vehicle, UUID photo, String variant, int w, int h) {
        return new PublishedImage(variant, base + variant + ".jpg", MediaKey.of(new VehicleId(vehicle), new PhotoId(photo), variant + ".jpg"),
                w, h, 1000L * w / 100, "image/jpeg");
    }

    @Override
    public void close() {
        producer.close();
        raw.close();
    }
}
