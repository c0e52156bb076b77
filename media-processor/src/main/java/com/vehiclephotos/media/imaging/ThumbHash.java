package com.vehiclephotos.media.imaging;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * ThumbHash (Evan Wallace's format, https://evanw.github.io/thumbhash/): a photo's blurred likeness in
 * about 21 bytes — average colour, aspect ratio and the lowest frequencies of a DCT of its luminance
 * and two colour-difference channels, 4 bits each — which any ThumbHash decoder (JavaScript, Swift,
 * Rust…) turns back into a 32-pixel image for a placeholder. Written here for opaque photos (no
 * alpha channel: outputs are JPEG); no maintained Java implementation is published.
 */
final class ThumbHash {

    /** ThumbHash is defined for images of at most 100 × 100. */
    static final int MAX_EDGE = 100;

    private static final double ONE_255TH = 1.0 / 255;

    private ThumbHash() {}

    /** The hash of {@code image} (opaque RGB, each edge at most {@link #MAX_EDGE}). */
    static byte[] encode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w > MAX_EDGE || h > MAX_EDGE) {
            throw new IllegalArgumentException(w + "x" + h + " is larger than " + MAX_EDGE + " on a side");
        }
        int n = w * h;
        var l = new double[n];
        var p = new double[n];
        var q = new double[n];
        var rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < n; i++) {
            // 1/255 times the value, as the reference computes it: flat areas' near-zero terms then round alike
            double r = ONE_255TH * ((rgb[i] >> 16) & 0xFF);
            double g = ONE_255TH * ((rgb[i] >> 8) & 0xFF);
            double b = ONE_255TH * (rgb[i] & 0xFF);
            l[i] = (r + g + b) / 3;
            p[i] = (r + g) / 2 - b;
            q[i] = r - g;
        }
        int longest = Math.max(w, h);
        int lx = Math.max(1, (int) Math.round(7.0 * w / longest));
        int ly = Math.max(1, (int) Math.round(7.0 * h / longest));
        var lChannel = Channel.of(l, w, h, Math.max(3, lx), Math.max(3, ly));
        var pChannel = Channel.of(p, w, h, 3, 3);
        var qChannel = Channel.of(q, w, h, 3, 3);

        boolean landscape = w > h;
        long header24 = Math.round(63 * lChannel.dc)
                | Math.round(31.5 + 31.5 * pChannel.dc) << 6
                | Math.round(31.5 + 31.5 * qChannel.dc) << 12
                | Math.round(31 * lChannel.scale) << 18;
        long header16 = (landscape ? ly : lx)
                | Math.round(63 * pChannel.scale) << 3
                | Math.round(63 * qChannel.scale) << 9
                | (landscape ? 1L : 0L) << 15;
        int acCount = lChannel.ac.size() + pChannel.ac.size() + qChannel.ac.size();
        var hash = new byte[5 + (acCount + 1) / 2];
        hash[0] = (byte) header24;
        hash[1] = (byte) (header24 >> 8);
        hash[2] = (byte) (header24 >> 16);
        hash[3] = (byte) header16;
        hash[4] = (byte) (header16 >> 8);
        int index = 0;
        for (var channel : List.of(lChannel, pChannel, qChannel)) {
            for (double f : channel.ac) {
                hash[5 + (index >> 1)] |= (byte) (Math.round(15 * f) << ((index & 1) << 2));
                index++;
            }
        }
        return hash;
    }

    /** One channel's DCT: its DC term, the AC terms of the low-frequency triangle scaled into 0..1, and the scale. */
    private record Channel(double dc, List<Double> ac, double scale) {

        static Channel of(double[] values, int w, int h, int nx, int ny) {
            double dc = 0;
            double scale = 0;
            var ac = new ArrayList<Double>();
            var fx = new double[w];
            // StrictMath: fdlibm's cosine, as JavaScript engines compute it, so that hashes match theirs to the bit
            for (int cy = 0; cy < ny; cy++) {
                for (int cx = 0; cx * ny < nx * (ny - cy); cx++) {
                    for (int x = 0; x < w; x++) {
                        fx[x] = StrictMath.cos(Math.PI / w * cx * (x + 0.5));
                    }
                    double f = 0;
                    for (int y = 0; y < h; y++) {
                        double fy = StrictMath.cos(Math.PI / h * cy * (y + 0.5));
                        for (int x = 0; x < w; x++) {
                            f += values[x + y * w] * fx[x] * fy;
                        }
                    }
                    f /= (double) w * h;
                    if (cx > 0 || cy > 0) {
                        ac.add(f);
                        scale = Math.max(scale, Math.abs(f));
                    } else {
                        dc = f;
                    }
                }
            }
            if (scale > 0) {
                for (int i = 0; i < ac.size(); i++) {
                    ac.set(i, 0.5 + 0.5 / scale * ac.get(i));
                }
            }
            return new Channel(dc, ac, scale);
        }
    }
}
