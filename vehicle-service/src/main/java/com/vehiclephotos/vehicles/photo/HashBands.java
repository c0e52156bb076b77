package com.vehiclephotos.vehicles.photo;

import java.util.ArrayList;
import java.util.List;

/**
 * The perceptual hash in three bands — bits 63..43, 42..22 and 21..0 — as the database indexes them
 * (V5__duplicates_and_capture.sql). Two hashes within distance {@code d} differ in at most
 * {@code d / 3} bits (rounded down) of at least one band, so every hash within {@code d} of a query
 * has, in some band, one of the values this class enumerates: the query's band value with up to
 * {@code d / 3} of its bits flipped. For d = 8: 232 + 232 + 254 probes.
 */
final class HashBands {

    /** The largest distance a lookup may ask for: beyond it the probes (and the rows they find) multiply. */
    static final int MAX_DISTANCE = 8;

    static final int[] SHIFTS = {43, 22, 0};
    static final int[] WIDTHS = {21, 21, 22};

    private HashBands() {}

    /** The band's value of a hash, as the index expression computes it. */
    static long value(long hash, int band) {
        return (hash >>> SHIFTS[band]) & ((1L << WIDTHS[band]) - 1);
    }

    /** Every value of the band within {@code distance / 3} bits of the hash's. */
    static Long[] probes(long hash, int band, int distance) {
        if (distance < 0 || distance > MAX_DISTANCE) {
            throw new IllegalArgumentException("distance must be 0.." + MAX_DISTANCE);
        }
        var out = new ArrayList<Long>();
        flip(value(hash, band), WIDTHS[band], distance / SHIFTS.length, 0, out);
        return out.toArray(Long[]::new);
    }

    private static void flip(long value, int width, int flipsLeft, int from, List<Long> out) {
        out.add(value);
        if (flipsLeft == 0) {
            return;
        }
        for (int bit = from; bit < width; bit++) {
            flip(value ^ (1L << bit), width, flipsLeft - 1, bit + 1, out);
        }
    }
}
