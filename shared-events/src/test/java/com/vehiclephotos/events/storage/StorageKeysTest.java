package com.vehiclephotos.events.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorageKeysTest {

    private static final OwnerId OWNER = new OwnerId("auth0|alice");
    private static final VehicleId VEHICLE = new VehicleId(UUID.fromString("6f1c9a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"));
    private static final PhotoId PHOTO = new PhotoId(UUID.fromString("0b9e8d7c-6a5b-4c3d-2e1f-0a9b8c7d6e5f"));

    @Test
    void anUploadKeyIsWrittenAndReadBackTheSameWay() {
        var key = new UploadKey(OWNER, VEHICLE, PHOTO, "mein Auto+Anhänger.jpg");

        assertThat(key.key()).isEqualTo("uploads/auth0|alice/" + VEHICLE + "/" + PHOTO + "/mein Auto+Anhänger.jpg");
        assertThat(UploadKey.parse(key.key())).contains(key);
        assertThat(key.key())
                .startsWith(UploadKey.prefixOf(OWNER, VEHICLE, PHOTO))
                .startsWith(UploadKey.PREFIX);
    }

    @Test
    void keysOutsideTheLayoutAreNotUploads() {
        assertThat(UploadKey.parse(null)).isEmpty();
        assertThat(UploadKey.parse("other/" + OWNER.value() + "/" + VEHICLE + "/" + PHOTO + "/a.jpg"))
                .isEmpty();
        assertThat(UploadKey.parse("uploads/" + OWNER.value() + "/" + VEHICLE + "/" + PHOTO + "/"))
                .isEmpty();
        assertThat(UploadKey.parse("uploads/" + OWNER.value() + "/" + VEHICLE + "/" + PHOTO + "/a/b.jpg"))
                .isEmpty();
        assertThat(UploadKey.parse("uploads/" + OWNER.value() + "/not-a-uuid/" + PHOTO + "/a.jpg"))
                .isEmpty();
        assertThat(UploadKey.parse("uploads/bad owner/" + VEHICLE + "/" + PHOTO + "/a.jpg"))
                .isEmpty();
        assertThatThrownBy(() -> new UploadKey(OWNER, VEHICLE, PHOTO, "a/b.jpg"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mediaKeysFolderEachPhotoUnderItsVehicle() {
        assertThat(MediaKey.of(VEHICLE, PHOTO, "320.jpg"))
                .isEqualTo("vehicles/" + VEHICLE + "/photos/" + PHOTO + "/320.jpg")
                .startsWith(MediaKey.photoPrefix(VEHICLE, PHOTO))
                .startsWith(MediaKey.vehiclePrefix(VEHICLE));
    }
}
