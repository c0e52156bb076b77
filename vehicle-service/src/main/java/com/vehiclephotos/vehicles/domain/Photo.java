package com.vehiclephotos.vehicles.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.events.QualityFlag;
import com.vehiclephotos.events.RejectionReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A photo of a vehicle as the API shows it. {@code status}: PROCESSING while the pipeline checks it,
 * then READY (with its images) or REJECTED (with the reason, a sentence for people, and the detail).
 * A READY photo also has a {@code placeholder} (its ThumbHash, base64: a blurred likeness to paint
 * while the thumbnail loads) and a {@code dominantColor} ({@code #rrggbb}), unless it was processed
 * before those existed, and its advisory {@code quality} flags (empty when it looks fine).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Photo(
        UUID id,
        UUID vehicleId,
        PhotoStatus status,
        PublishedImage original,
        List<PublishedImage> variants,
        Rejection rejection,
        String placeholder,
        String dominantColor,
        List<QualityFlag> quality,
        Instant createdAt,
        Instant updatedAt) {

    public record Rejection(RejectionReason reason, String message, String detail) {}
}
