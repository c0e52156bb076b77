package com.vehiclephotos.events;

import java.util.Objects;

/**
 * An advisory flag on a READY photo — something the seller may want to retake, never a rejection.
 *
 * @param flag  {@code BLURRY} (score: the 99th percentile of the Laplacian's magnitude at 1600 px,
 *              lower is blurrier), {@code TOO_DARK} (score: mean luminance 0..255),
 *              {@code OVEREXPOSED} (score: share of burnt-out pixels, 0..1) or {@code LOW_RESOLUTION}
 *              (score: the short edge in pixels); more may be added, so ignore flags you do not know
 * @param score the figure that raised it
 */
public record QualityFlag(String flag, double score) {

    public QualityFlag {
        if (!Objects.requireNonNull(flag, "flag").matches("[A-Z_]{1,40}")) {
            throw new IllegalArgumentException("flag must be an upper-case name");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be a number");
        }
    }
}
