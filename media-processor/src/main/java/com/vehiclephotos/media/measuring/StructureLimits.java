package com.vehiclephotos.media.measuring;

import com.vehiclephotos.events.RejectionReason;

/**
 * The caps a container's structure is held to before anything expensive runs.
 *
 * @param maxJpegScans a progressive JPEG needs about a dozen scans; each scan makes the decoder visit
 *                     every block again, so thousands of tiny scans are a CPU bomb
 * @param maxMetadataBytes metadata (EXIF, ICC, XMP, text) at most, counted after inflating compressed
 *                     chunks — which are inflated only up to this cap, never in full
 * @param maxFrames    frames of an animation at most (only the first is ever decoded)
 */
record StructureLimits(int maxJpegScans, long maxMetadataBytes, int maxFrames) {

    /** Adds {@code bytes} to what is counted so far; refuses when the total passes the cap. */
    long countMetadata(long countedSoFar, long bytes, String what) throws Unacceptable {
        long total = countedSoFar + bytes;
        if (total > maxMetadataBytes) {
            throw new Unacceptable(
                    RejectionReason.UNPROCESSABLE,
                    String.format(
                            "The image carries more than %d KiB of metadata (%s); the limit keeps metadata bombs out.",
                            maxMetadataBytes / 1024, what));
        }
        return total;
    }

    void checkFrames(int frames) throws Unacceptable {
        if (frames > maxFrames) {
            throw new Unacceptable(
                    RejectionReason.UNSUPPORTED_TYPE,
                    frames + " frames: animated images are not accepted (at most " + maxFrames + ").");
        }
    }
}
