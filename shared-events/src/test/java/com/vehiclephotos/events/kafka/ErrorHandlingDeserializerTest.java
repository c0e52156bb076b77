package com.vehiclephotos.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.events.EventMother;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * How the services consume: spring-kafka's ErrorHandlingDeserializer around ours turns a record
 * it cannot read into a null value plus the failure in a header, which the error handler sends
 * to the dead-letter topic — instead of an exception in poll() that would stop the partition.
 */
class ErrorHandlingDeserializerTest {

    private final ErrorHandlingDeserializer<PhotoEvent> deserializer = new ErrorHandlingDeserializer<>();

    ErrorHandlingDeserializerTest() {
        deserializer.configure(
                Map.of(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, PhotoEventDeserializer.class.getName()),
                false);
    }

    @Test
    void aGoodRecordIsReadAsUsual() {
        var headers = new RecordHeaders();
        var bytes = new PhotoEventSerializer().serialize(Topics.PHOTO_READY, headers, EventMother.ready());

        assertThat(deserializer.deserialize(Topics.PHOTO_READY, headers, bytes)).isEqualTo(EventMother.ready());
    }

    @Test
    void aPoisonRecordBecomesNullWithTheFailureInAHeader() {
        var headers = new RecordHeaders();
        new PhotoEventSerializer().serialize(Topics.PHOTO_READY, headers, EventMother.ready());

        var value = deserializer.deserialize(
                Topics.PHOTO_READY, headers, "{\"photoId\":42".getBytes(StandardCharsets.UTF_8));

        assertThat(value).isNull();
        assertThat(headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER))
                .isNotNull();
    }
}
