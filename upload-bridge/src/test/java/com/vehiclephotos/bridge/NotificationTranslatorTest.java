package com.vehiclephotos.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTranslatorTest {

    private static final String OWNER = "auth0|alice";
    private static final UUID VEHICLE = UUID.fromString("0b7e9c2a-6d4f-4e1b-8a3c-5f6e7d8c9b0a");
    private static final UUID PHOTO = UUID.fromString("5f0c6a8e-2b1d-4c3e-9f7a-1d2e3f4a5b6c");

    private final NotificationTranslator translator = new NotificationTranslator("uploads");

    @Test
    void anObjectCreatedRecordBecomesPhotoUploadedWithTheDecodedKey() {
        var key = "uploads/auth0%7Calice/" + VEHICLE + "/" + PHOTO + "/mein+Auto+%2B+Anh%C3%A4nger.jpg";

        var translation = translator.translate(message("ObjectCreated:Put", "uploads", key));

        assertThat(translation).isInstanceOf(Translation.Bridge.class);
        var event = ((Translation.Bridge) translation).events().get(0);
        assertThat(event.photoId().value()).isEqualTo(PHOTO);
        assertThat(event.vehicleId().value()).isEqualTo(VEHICLE);
        assertThat(event.ownerId().value()).isEqualTo(OWNER);
        assertThat(event.key())
                .isEqualTo("uploads/" + OWNER + "/" + VEHICLE + "/" + PHOTO + "/mein Auto + Anhänger.jpg");
        assertThat(event.size()).isEqualTo(1234);
        assertThat(event.eTag()).isEqualTo("abc");
        assertThat(event.sequencer()).isEqualTo("0055AED6DCD90281E5");
    }

    @Test
    void theTestEventIsSkipped() {
        var body =
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-28T10:00:00.000Z\",\"Bucket\":\"uploads\"}";

        assertThat(translator.translate(body)).isInstanceOf(Translation.Skip.class);
    }

    @Test
    void otherEventTypesAreSkipped() {
        var key = "uploads/" + OWNER + "/" + VEHICLE + "/" + PHOTO + "/a.jpg";

        assertThat(translator.translate(message("ObjectRemoved:Delete", "uploads", key)))
                .isInstanceOf(Translation.Skip.class);
    }

    @Test
    void whatCanNeverBeBridgedIsPoisonWithAReason() {
        assertThat(translator.translate("not json at all")).isInstanceOf(Translation.Poison.class);
        assertThat(translator.translate("")).isInstanceOf(Translation.Poison.class);
        assertThat(translator.translate("{\"hello\":\"world\"}")).isInstanceOf(Translation.Poison.class);
        assertThat(reason(message("ObjectCreated:Put", "uploads", "elsewhere/a.jpg")))
                .contains("outside the upload layout");
        assertThat(reason(message("ObjectCreated:Put", "uploads", "uploads/only/three/parts")))
                .contains("outside the upload layout");
        assertThat(reason(message("ObjectCreated:Put", "uploads", "uploads/o/not-a-uuid/" + PHOTO + "/a.jpg")))
                .contains("outside");
        assertThat(reason(
                        message("ObjectCreated:Put", "other-bucket", "uploads/o/" + VEHICLE + "/" + PHOTO + "/a.jpg")))
                .contains("other-bucket");
    }

    private String reason(String body) {
        var translation = translator.translate(body);
        assertThat(translation).isInstanceOf(Translation.Poison.class);
        return ((Translation.Poison) translation).reason();
    }

    static String message(String eventName, String bucket, String encodedKey) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"2026-11-28T10:15:30.123Z","eventName":"%s","userIdentity":{"principalId":"AWS:X"},
                "requestParameters":{"sourceIPAddress":"127.0.0.1"},"responseElements":{"x-amz-request-id":"R","x-amz-id-2":"I"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"c","bucket":{"name":"%s","ownerIdentity":{"principalId":"P"},
                "arn":"arn:aws:s3:::%s"},"object":{"key":"%s","size":1234,"eTag":"abc","sequencer":"0055AED6DCD90281E5"}}}]}
                """.formatted(eventName, bucket, bucket, encodedKey);
    }
}
