package com.vehiclephotos.media.processing;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoDeleted;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.kafka.PhotoEventDeserializer;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import com.vehiclephotos.events.storage.MediaKey;
import com.vehiclephotos.events.storage.UploadKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads as the bridge hands them to the processor: the object in devstack's uploads bucket and
 * its PhotoUploaded on Kafka; and every outcome the processor announces.
 */
final class Uploads implements AutoCloseable {

    final S3Client s3;
    private final KafkaProducer<String, PhotoEvent> producer;
    private final List<PhotoEvent> outcomes = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    Uploads(DevstackEndpoints devstack) {
        s3 = S3Client.builder()
                .endpointOverride(devstack.s3Endpoint())
                .region(Region.of(devstack.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(devstack.accessKey(), devstack.secretKey())))
                .build();
        producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()),
                new StringSerializer(),
                new PhotoEventSerializer("/vehicle-photos/test"));
        reader = new Thread(
                () -> {
                    try (var consumer = new KafkaConsumer<>(
                            Map.<String, Object>of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    devstack.kafkaBootstrapServers(),
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    "outcomes-" + UUID.randomUUID(),
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                    "earliest"),
                            new StringDeserializer(),
                            new PhotoEventDeserializer())) {
                        consumer.subscribe(List.of(Topics.PHOTO_READY, Topics.PHOTO_REJECTED));
                        while (running) {
                            consumer.poll(Duration.ofMillis(200)).forEach(r -> outcomes.add(r.value()));
                        }
                    }
                },
                "outcomes");
        reader.setDaemon(true);
        reader.start();
    }

    /** Puts the bytes under a fresh upload key and announces them; returns the event. */
    PhotoUploaded upload(byte[] bytes, String contentType, String name) {
        var owner = "alice";
        var vehicle = UUID.randomUUID();
        var photo = UUID.randomUUID();
        var key = new UploadKey(new OwnerId(owner), new VehicleId(vehicle), new PhotoId(photo), name).key();
        return put(new PhotoId(photo), new OwnerId(owner), new VehicleId(vehicle), key, bytes, contentType);
    }

    /** Other bytes under the key of an earlier upload — the URL used a second time — announced as S3 would. */
    PhotoUploaded reupload(PhotoUploaded earlier, byte[] bytes) {
        return put(earlier.photoId(), earlier.ownerId(), earlier.vehicleId(), earlier.key(), bytes, "image/jpeg");
    }

    private PhotoUploaded put(
            PhotoId photo, OwnerId owner, VehicleId vehicle, String key, byte[] bytes, String contentType) {
        var eTag = s3.putObject(
                        b -> b.bucket("uploads").key(key).contentType(contentType), RequestBody.fromBytes(bytes))
                .eTag();
        var event = new PhotoUploaded(
                photo, owner, vehicle, "uploads", key, bytes.length, eTag.replace("\"", ""), null, "0A", Instant.now());
        send(event);
        return event;
    }

    void deleted(PhotoUploaded upload) {
        var event = new PhotoDeleted(upload.photoId(), upload.vehicleId(), upload.ownerId(), Instant.now());
        try {
            producer.send(new ProducerRecord<>(Topics.PHOTO_DELETED, Topics.keyOf(event), event))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each published key of the photo with its ETag: equal maps mean nothing was rewritten. */
    java.util.Map<String, String> mediaETags(PhotoUploaded event) {
        return s3
                .listObjectsV2(b -> b.bucket("media").prefix(MediaKey.photoPrefix(event.vehicleId(), event.photoId())))
                .contents()
                .stream()
                .collect(java.util.stream.Collectors.toMap(o -> o.key(), o -> o.eTag()));
    }

    void send(PhotoUploaded event) {
        try {
            producer.send(new ProducerRecord<>(Topics.PHOTO_UPLOADED, Topics.keyOf(event), event))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<PhotoEvent> outcomesOf(PhotoId photo) {
        return outcomes.stream().filter(e -> e.photoId().equals(photo)).toList();
    }

    boolean uploadExists(PhotoUploaded event) {
        try {
            s3.headObject(b -> b.bucket("uploads").key(event.key()));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        }
    }

    List<String> mediaKeys(PhotoUploaded event) {
        return s3
                .listObjectsV2(b -> b.bucket("media").prefix(MediaKey.photoPrefix(event.vehicleId(), event.photoId())))
                .contents()
                .stream()
                .map(o -> o.key())
                .sorted()
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5000);
        producer.close();
        s3.close();
    }
}
