package com.vehiclephotos.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vehiclephotos.events.EventMother;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class PhotoEventSerdeTest {

    private final PhotoEventSerializer serializer = new PhotoEventSerializer();
    private final PhotoEventDeserializer deserializer = new PhotoEventDeserializer();

    @Test
    void writesTheCloudEventsBinaryModeHeaders() {
        serializer.configure(Map.of(PhotoEventSerializer.SOURCE_CONFIG, "/vehicle-photos/media-processor"), false);
        var headers = new RecordHeaders();

        serializer.serialize(Topics.PHOTO_READY, headers, EventMother.ready());

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_type")).isEqualTo("com.vehiclephotos.photo.ready.v1");
        assertThat(text(headers, "ce_source")).isEqualTo("/vehicle-photos/media-processor");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-11-28T10:15:31.870Z");
        assertThat(text(headers, "ce_subject")).isEqualTo(EventMother.PHOTO.toString());
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
        assertThat(text(headers, "ce_id")).isNotBlank();
    }

    @Test
    void theIdIsStableForTheSameLogicalEventAndDiffersBetweenEvents() {
        assertThat(CloudEventHeaders.idOf(EventMother.ready())).isEqualTo(CloudEventHeaders.idOf(EventMother.ready()));
        assertThat(CloudEventHeaders.idOf(EventMother.ready()))
                .isNotEqualTo(CloudEventHeaders.idOf(EventMother.rejected()));
    }

    @Test
    void duplicateS3NotificationsShareAnIdButANewWriteOfTheKeyDoesNot() {
        var first = EventMother.uploaded();
        var duplicate = new PhotoUploaded(
                first.photoId(),
                first.ownerId(),
                first.vehicleId(),
                first.bucket(),
                first.key(),
                first.size(),
                first.eTag(),
                null,
                first.sequencer(),
                first.eventTime().plusSeconds(3));
        var overwrite = new PhotoUploaded(
                first.photoId(),
                first.ownerId(),
                first.vehicleId(),
                first.bucket(),
                first.key(),
                first.size(),
                first.eTag(),
                null,
                "0018EC4A1CAD98D799",
                first.eventTime());

        assertThat(CloudEventHeaders.idOf(duplicate)).isEqualTo(CloudEventHeaders.idOf(first));
        assertThat(CloudEventHeaders.idOf(overwrite)).isNotEqualTo(CloudEventHeaders.idOf(first));
    }

    @Test
    void readsBackWhatItWrote() {
        for (PhotoEvent event : EventMother.all()) {
            var headers = new RecordHeaders();
            var bytes = serializer.serialize(Topics.topicOf(event), headers, event);

            assertThat(deserializer.deserialize(Topics.topicOf(event), headers, bytes))
                    .isEqualTo(event);
        }
    }

    @Test
    void theOfficialCloudEventsKafkaBindingReadsWhatWeWrite() {
        var event = EventMother.rejected();
        var headers = new RecordHeaders();
        var bytes = serializer.serialize(Topics.PHOTO_REJECTED, headers, event);
        var record = new ConsumerRecord<>(
                Topics.PHOTO_REJECTED,
                0,
                0L,
                0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0,
                bytes.length,
                Topics.keyOf(event),
                bytes,
                headers,
                java.util.Optional.empty());

        MessageReader reader = KafkaMessageFactory.createReader(record);
        var cloudEvent = reader.toEvent();

        assertThat(cloudEvent.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(cloudEvent.getType()).isEqualTo("com.vehiclephotos.photo.rejected.v1");
        assertThat(cloudEvent.getId()).isEqualTo(CloudEventHeaders.idOf(event));
        assertThat(cloudEvent.getTime().toInstant()).isEqualTo(event.rejectedAt());
        assertThat(cloudEvent.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(cloudEvent.getData().toBytes(), StandardCharsets.UTF_8))
                .contains("\"reason\":\"TYPE_MISMATCH\"");
    }

    @Test
    void refusesARecordWithoutOrWithAnUnknownType() {
        var headers = new RecordHeaders();
        var bytes = serializer.serialize(Topics.PHOTO_READY, headers, EventMother.ready());

        headers.remove("ce_type");
        assertThatThrownBy(() -> deserializer.deserialize(Topics.PHOTO_READY, headers, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ce_type is missing");

        headers.add("ce_type", "com.example.something.else".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> deserializer.deserialize(Topics.PHOTO_READY, headers, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("com.example.something.else");
    }

    @Test
    void refusesAnotherSpecVersion() {
        var headers = new RecordHeaders();
        var bytes = serializer.serialize(Topics.PHOTO_READY, headers, EventMother.ready());
        headers.remove("ce_specversion");
        headers.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> deserializer.deserialize(Topics.PHOTO_READY, headers, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("spec version 0.3");
    }

    @Test
    void refusesMalformedJsonAndAMissingFieldAsSerializationErrors() {
        var headers = new RecordHeaders();
        serializer.serialize(Topics.PHOTO_READY, headers, EventMother.ready());

        assertThatThrownBy(() -> deserializer.deserialize(
                        Topics.PHOTO_READY, headers, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot read com.vehiclephotos.photo.ready.v1");
        assertThatThrownBy(() ->
                        deserializer.deserialize(Topics.PHOTO_READY, headers, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() ->
                        deserializer.deserialize(Topics.PHOTO_READY, headers, "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void refusesTheHeaderlessCallsThatCouldNotCarryTheType() {
        assertThatThrownBy(() -> serializer.serialize(Topics.PHOTO_READY, EventMother.ready()))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.PHOTO_READY, new byte[] {1}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void keysUploadsByPhotoAndEverythingElseByVehicle() {
        assertThat(Topics.keyOf(EventMother.uploaded())).isEqualTo(EventMother.PHOTO.toString());
        assertThat(Topics.keyOf(EventMother.ready())).isEqualTo(EventMother.VEHICLE.toString());
        assertThat(Topics.keyOf(EventMother.rejected())).isEqualTo(EventMother.VEHICLE.toString());
        assertThat(Topics.keyOf(EventMother.deleted())).isEqualTo(EventMother.VEHICLE.toString());
        assertThat(Topics.deadLetterOf(Topics.PHOTO_READY)).isEqualTo("photo.ready.v1.DLT");
    }

    static String text(Headers headers, String name) {
        return CloudEventHeaders.read(headers, name);
    }
}
