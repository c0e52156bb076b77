package com.vehiclephotos.vehicles.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.vehiclephotos.events.CaptureDetails;
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
 * {@code duplicateOf}: an earlier photo of the same vehicle that is the same photo (same bytes, or
 * nearly the same pixels). {@code capture}: when and with what it was taken, from its metadata —
 * private, this record is only ever shown to the vehicle's owner.
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
        UUID duplicateOf,
        CaptureDetails capture,
        Instant createdAt,
        Instant updatedAt) {

    public record Rejection(RejectionReason reason, String message, String detail) {}
}
