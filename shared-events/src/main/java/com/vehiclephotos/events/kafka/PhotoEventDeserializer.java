package com.vehiclephotos.events.kafka;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Reads a photo event from its {@code ce_type} header and JSON data. Anything it cannot read — no
 * or unknown type, another spec version, malformed JSON, a missing required field — is a
 * {@link SerializationException} naming the reason. Wrap it in spring-kafka's
 * ErrorHandlingDeserializer so such a record goes to the dead-letter topic instead of stopping
 * its partition.
 */
public final class PhotoEventDeserializer implements Deserializer<PhotoEvent> {

    @Override
    public PhotoEvent deserialize(String topic, byte[] data) {
        throw new SerializationException("Photo events are CloudEvents in binary mode; their type is in the "
                + "ce_type header, so they need deserialize(topic, headers, data)");
    }

    @Override
    public PhotoEvent deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        var type = CloudEventHeaders.read(headers, CloudEventHeaders.TYPE);
        var eventClass = Topics.classOfEventType(type);
        if (eventClass == null) {
            throw new SerializationException("Not a photo event: ce_type is "
                    + (type == null ? "missing" : "'" + type + "'") + " on topic " + topic);
        }
        var specVersion = CloudEventHeaders.read(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new SerializationException(
                    "Unsupported CloudEvents spec version " + specVersion + " on topic " + topic);
        }
        try {
            return PhotoEventJson.read(data, eventClass);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("Cannot read " + type + " from topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
