package com.vehiclephotos.bridge;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.kafka.PhotoEventDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything that reaches photo.uploaded.v1 while a test runs, read by a consumer of its own. */
final class UploadedEvents implements AutoCloseable {

    private final List<PhotoUploaded> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    UploadedEvents(String bootstrap) {
        thread = new Thread(
                () -> {
                    try (var consumer = new KafkaConsumer<>(
                            Map.<String, Object>of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    bootstrap,
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    "bridge-test-" + UUID.randomUUID(),
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                    "earliest"),
                            new StringDeserializer(),
                            new PhotoEventDeserializer())) {
                        consumer.subscribe(List.of(Topics.PHOTO_UPLOADED));
                        while (running) {
                            for (var record : consumer.poll(Duration.ofMillis(200))) {
                                if (record.value() instanceof PhotoUploaded uploaded) {
                                    received.add(uploaded);
                                }
                            }
                        }
                    }
                },
                "uploaded-events");
        thread.setDaemon(true);
        thread.start();
    }

    List<PhotoUploaded> forKeys(java.util.Collection<String> keys) {
        return received.stream().filter(e -> keys.contains(e.key())).toList();
    }

    long distinctPhotos(java.util.Collection<String> keys) {
        return forKeys(keys).stream().map(PhotoEvent::photoId).distinct().count();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
