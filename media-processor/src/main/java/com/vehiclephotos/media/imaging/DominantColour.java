package com.vehiclephotos.media.imaging;

import java.awt.image.BufferedImage;

/**
 * The photo's most common colour: pixels counted in 512 boxes (the top 3 bits of each channel), the fullest box's
 * mean. Unlike the average, it is a colour the photo really has — a red car on grey tarmac is grey
 * or red, never the brown between them.
 */
final class DominantColour {

    private DominantColour() {}

    /** {@code 0xRRGGBB}. */
    static int of(BufferedImage image) {
        var counts = new int[512];
        var sums = new long[512 * 3];
        var rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int pixel : rgb) {
            int r = (pixel >> 16) & 0xFF;
            int g = (pixel >> 8) & 0xFF;
            int b = pixel & 0xFF;
            int box = (r >> 5) << 6 | (g >> 5) << 3 | (b >> 5);
            counts[box]++;
            sums[box * 3] += r;
            sums[box * 3 + 1] += g;
            sums[box * 3 + 2] += b;
        }
        int fullest = 0;
        for (int box = 1; box < counts.length; box++) {
            if (counts[box] > counts[fullest]) {
                fullest = box;
            }
        }
        int n = Math.max(1, counts[fullest]);
        return (int) (sums[fullest * 3] / n) << 16
                | (int) (sums[fullest * 3 + 1] / n) << 8
                | (int) (sums[fullest * 3 + 2] / n);
    }
}
