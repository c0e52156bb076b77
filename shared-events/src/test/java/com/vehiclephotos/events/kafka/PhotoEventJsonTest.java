package com.vehiclephotos.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vehiclephotos.events.EventMother;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoRejected;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.RejectionReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

class PhotoEventJsonTest {

    @Test
    void everyEventSurvivesARoundTrip() {
        for (PhotoEvent event : EventMother.all()) {
            assertThat(PhotoEventJson.read(PhotoEventJson.write(event), event.getClass()))
                    .isEqualTo(event);
        }
    }

    @Test
    void writesIdsAsPlainStringsAndInstantsAsIso8601() {
        var json = new String(PhotoEventJson.write(EventMother.uploaded()), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"photoId\":\"" + EventMother.PHOTO + "\"")
                .contains("\"ownerId\":\"auth0|user-42\"")
                .contains("\"eventTime\":\"2026-11-28T10:15:30.123Z\"");
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoProducersCanAddOptionalOnes() {
        var node = tree(EventMother.rejected());
        node.put("addedInAFutureVersion", "whatever");

        assertThat(read(node, PhotoRejected.class)).isEqualTo(EventMother.rejected());
    }

    @Test
    void readsAnUnknownRejectionReasonAsOther() {
        var node = tree(EventMother.rejected());
        node.put("reason", "SOME_NEW_REASON");

        assertThat(read(node, PhotoRejected.class).reason()).isEqualTo(RejectionReason.OTHER);
    }

    @Test
    void refusesAMissingRequiredField() {
        for (var field : new String[] {
            "photoId", "ownerId", "vehicleId", "bucket", "key", "size", "eTag", "sequencer", "eventTime"
        }) {
            var node = tree(EventMother.uploaded());
            node.remove(field);

            assertThatThrownBy(() -> read(node, PhotoUploaded.class)).as(field).isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void acceptsAMissingOptionalField() {
        var node = tree(EventMother.uploaded());
        node.remove("versionId");

        assertThat(read(node, PhotoUploaded.class).versionId()).isNull();
    }

    @Test
    void refusesMalformedIds() {
        var node = tree(EventMother.uploaded());
        node.put("photoId", "not-a-uuid");

        assertThatThrownBy(() -> read(node, PhotoUploaded.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("PhotoId");
    }

    static ObjectNode tree(PhotoEvent event) {
        return (ObjectNode) PhotoEventJson.mapper().readTree(PhotoEventJson.write(event));
    }

    static <T extends PhotoEvent> T read(ObjectNode node, Class<T> type) {
        return PhotoEventJson.read(PhotoEventJson.mapper().writeValueAsBytes(node), type);
    }
}
