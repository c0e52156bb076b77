package com.vehiclephotos.events.kafka;

import com.vehiclephotos.events.PhotoEvent;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a photo event as a CloudEvent in binary mode: {@code ce_*} headers plus the JSON data.
 * Set {@link #SOURCE_CONFIG} to the producing service (e.g. {@code /vehicle-photos/media-processor}).
 */
public final class PhotoEventSerializer implements Serializer<PhotoEvent> {

    public static final String SOURCE_CONFIG = "photo.events.source";
    public static final String DEFAULT_SOURCE = "/vehicle-photos";

    private String source = DEFAULT_SOURCE;

    public PhotoEventSerializer() {}

    public PhotoEventSerializer(String source) {
        this.source = source;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        var configured = configs.get(SOURCE_CONFIG);
        if (configured != null && !configured.toString().isBlank()) {
            source = configured.toString();
        }
    }

    @Override
    public byte[] serialize(String topic, PhotoEvent event) {
        throw new SerializationException("Photo events are CloudEvents in binary mode and need record headers; "
                + "use serialize(topic, headers, event)");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, PhotoEvent event) {
        if (event == null) {
            return null;
        }
        CloudEventHeaders.write(headers, event, source);
        return PhotoEventJson.write(event);
    }
}
