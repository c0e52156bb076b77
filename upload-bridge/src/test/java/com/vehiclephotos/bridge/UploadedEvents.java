package com.vehiclephotos.bridge;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.kafka.PhotoEventDeserializer;
import com.vehiclephotos.fixtures.events.TopicReader;
import java.util.Collection;
import java.util.List;

/** The PhotoUploaded events that reach photo.uploaded.v1 while a test runs, decoded as a consumer would. */
final class UploadedEvents implements AutoCloseable {

    private final TopicReader reader;
    private final PhotoEventDeserializer events = new PhotoEventDeserializer();

    UploadedEvents(String bootstrap) {
        reader = new TopicReader(bootstrap, List.of(Topics.PHOTO_UPLOADED));
    }

    List<PhotoUploaded> forKeys(Collection<String> keys) {
        return reader.on(Topics.PHOTO_UPLOADED).stream()
                .map(record -> events.deserialize(record.topic(), record.headers(), record.value()))
                .filter(PhotoUploaded.class::isInstance)
                .map(PhotoUploaded.class::cast)
                .filter(e -> keys.contains(e.key()))
                .toList();
    }

    long distinctPhotos(Collection<String> keys) {
        return forKeys(keys).stream().map(PhotoEvent::photoId).distinct().count();
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }
}
