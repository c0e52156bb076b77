package com.vehiclephotos.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A photo passed every check and its clean copies are published. Keyed by vehicleId, so all
 * events of one vehicle are ordered.
 *
 * @param original the sanitized original (orientation applied, sRGB, no metadata, capped size)
 * @param variants resized copies, smallest first
 * @param sha256   hex SHA-256 of the uploaded bytes
 * @param placeholder   the photo's ThumbHash (https://evanw.github.io/thumbhash/), base64, at most
 *                      40 bytes: a blurred likeness, with its aspect ratio, to paint while the
 *                      thumbnail loads; {@code null} from processors older than this field
 * @param dominantColor the photo's most common colour, {@code #rrggbb}; {@code null} likewise
 * @param quality       advisory flags (blurry, too dark, overexposed, low resolution), empty when the
 *                      photo looks fine; {@code null} likewise
 * @param perceptualHash the photo's 64-bit perceptual hash (DCT hash of its pixels) as 16 lower-case hex
 *                      digits: the same photo resized, recompressed, brightened or slightly cropped
 *                      differs in few bits (Hamming distance), a different photo in about half;
 *                      {@code null} likewise
 * @param capture       when and with what it was taken, from its metadata, never where; private to the
 *                      owner (see {@link CaptureDetails}); {@code null} when the file said nothing or
 *                      from older processors
 */
public record PhotoReady(
        PhotoId photoId,
        OwnerId ownerId,
        VehicleId vehicleId,
        PublishedImage original,
        List<PublishedImage> variants,
        String sha256,
        Instant processedAt,
        @Nullable String placeholder,
        @Nullable String dominantColor,
        @Nullable List<QualityFlag> quality,
        @Nullable String perceptualHash,
        @Nullable CaptureDetails capture)
        implements PhotoEvent {

    public PhotoReady {
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(original, "original");
        variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
        if (!Objects.requireNonNull(sha256, "sha256").matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        Objects.requireNonNull(processedAt, "processedAt");
        if (placeholder != null && !placeholder.matches("[A-Za-z0-9+/]{4,52}={0,2}")) {
            throw new IllegalArgumentException("placeholder must be base64 of at most 40 bytes");
        }
        if (dominantColor != null && !dominantColor.matches("#[0-9a-f]{6}")) {
            throw new IllegalArgumentException("dominantColor must be #rrggbb in lower case");
        }
        quality = quality == null ? null : List.copyOf(quality);
        if (perceptualHash != null && !perceptualHash.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("perceptualHash must be 16 lower-case hex digits");
        }
    }

    @Override
    public Instant occurredAt() {
        return processedAt;
    }
}
