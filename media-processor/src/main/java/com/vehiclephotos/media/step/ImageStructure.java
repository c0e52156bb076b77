package com.vehiclephotos.media.step;

/**
 * What the container says about an image, read without decoding a pixel.
 *
 * @param width        pixels across, as the header declares
 * @param height       pixels down
 * @param bitsPerPixel bits of one decoded pixel as stored (channels × bit depth): 24 for an RGB JPEG,
 *                     64 for a 16-bit RGBA PNG — what the decoder will need before conversion
 * @param orientation  EXIF orientation 1..8 (1 when there is none or it cannot be read)
 */
public record ImageStructure(int width, int height, int bitsPerPixel, int orientation) {

    public long pixels() {
        return (long) width * height;
    }
}
