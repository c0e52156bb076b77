package com.vehiclephotos.media.imaging;

import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Decoded pixels, opaque 8-bit RGB, whose numbers are in the colour space of {@code profile} when
 * there is one and sRGB otherwise: the conversion waits until the image has been capped to the
 * largest output, where it costs a fraction of what it costs at full size.
 */
record Decoded(BufferedImage image, Optional<ICC_Profile> profile) {

    static Decoded srgb(BufferedImage image) {
        return new Decoded(image, Optional.empty());
    }
}
