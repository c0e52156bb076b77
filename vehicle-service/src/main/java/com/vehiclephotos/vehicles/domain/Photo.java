package com.vehiclephotos.vehicles.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.events.RejectionReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A photo of a vehicle as the API shows it. {@code status}: PROCESSING while the pipeline checks it,
 * then READY (with its images) or REJECTED (with the reason, a sentence for people, and the detail).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Photo(
        UUID id,
        UUID vehicleId,
        PhotoStatus status,
        PublishedImage original,
        List<PublishedImage> variants,
        Rejection rejection,
        Instant createdAt,
        Instant updatedAt) {

    public record Rejection(RejectionReason reason, String message, String detail) {}
}
