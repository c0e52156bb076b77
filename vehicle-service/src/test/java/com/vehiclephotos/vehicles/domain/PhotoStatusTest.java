package com.vehiclephotos.vehicles.domain;

import static com.vehiclephotos.vehicles.domain.PhotoStatus.DELETED;
import static com.vehiclephotos.vehicles.domain.PhotoStatus.PROCESSING;
import static com.vehiclephotos.vehicles.domain.PhotoStatus.READY;
import static com.vehiclephotos.vehicles.domain.PhotoStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhotoStatusTest {

    @Test
    void aProcessingPhotoBecomesReadyRejectedOrDeleted() {
        assertThat(PROCESSING.canBecome(READY)).isTrue();
        assertThat(PROCESSING.canBecome(REJECTED)).isTrue();
        assertThat(PROCESSING.canBecome(DELETED)).isTrue();
        assertThat(PROCESSING.canBecome(PROCESSING)).isFalse();
    }

    @Test
    void aJudgedPhotoIsNeverJudgedAgainOnlyDeleted() {
        assertThat(READY.canBecome(REJECTED)).as("a late REJECTED after READY").isFalse();
        assertThat(REJECTED.canBecome(READY)).as("a late READY after REJECTED").isFalse();
        assertThat(READY.canBecome(PROCESSING))
                .as("a late UPLOADED after READY")
                .isFalse();
        assertThat(READY.canBecome(DELETED)).isTrue();
        assertThat(REJECTED.canBecome(DELETED)).isTrue();
    }

    @Test
    void deletedIsFinal() {
        for (var next : PhotoStatus.values()) {
            assertThat(DELETED.canBecome(next)).as("DELETED -> " + next).isFalse();
        }
    }

    @Test
    void theRepositorysConditionsComeFromTheRules() {
        assertThat(READY.sqlReachableFrom("photo.status")).isEqualTo("photo.status in ('PROCESSING')");
        assertThat(DELETED.sqlReachableFrom("status")).isEqualTo("status in ('PROCESSING', 'READY', 'REJECTED')");
    }
}
