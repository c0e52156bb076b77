package com.vehiclephotos.media.imaging;

import java.util.List;

/**
 * What to make of one photo.
 *
 * @param originalMaxEdge the sanitized original's longest edge at most
 * @param variants        longest edges of the resized copies
 * @param quality         JPEG quality, 1..100
 * @param maxPixels       the pixel cap, checked again against what the decoder itself reads
 */
public record RenderSpec(int originalMaxEdge, List<Integer> variants, int quality, long maxPixels) {}
