package com.vehiclephotos.media.measuring;

import com.vehiclephotos.media.step.Lane;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.Step;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A photo that is valid but heavy to decode — a 49 MP 16-bit PNG takes seconds — leaves
 * photo.uploaded.v1 for the slow lane, where it waits for nobody and nobody waits for it: the
 * photos behind it on its partition go on at once. Judged from the measured structure (decoded
 * pixels at their stored depth); a JPEG counts at the size libjpeg-turbo's scaling lets it decode to,
 * and HEIC, HEIF and AVIF {@value #HEIF_WEIGHT} times over: HEVC and AV1 cost about that much more
 * per decoded byte than PNG (docs/BENCHMARKS.md: a 24 MP HEIC takes ~3 s here), so a 24 MP HEIC
 * goes to the slow lane and a 12 MP phone photo does not.
 */
@Component
public class Divert implements Step {

    static final int HEIF_WEIGHT = 3;
    private static final Set<String> HEIF = Set.of("image/heic", "image/heif", "image/avif");

    private final long heavyBytes;
    private final int originalMaxEdge;

    Divert(MediaProperties properties) {
        this.heavyBytes = properties.slowLane().heavyDecode().toBytes();
        this.originalMaxEdge = properties.originalMaxEdge();
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        if (work.lane() == Lane.SLOW || decodedBytes(work) <= heavyBytes) {
            return Step.next();
        }
        return Optional.of(new Outcome.Diverted());
    }

    private long decodedBytes(PhotoWork work) {
        var s = work.structure();
        long pixels = s.pixels();
        if ("image/jpeg".equals(work.detectedType())) {
            long scale =
                    Math.max(1, Integer.highestOneBit(Math.max(1, Math.max(s.width(), s.height()) / originalMaxEdge)));
            pixels = pixels / (scale * scale); // DCT scaling by 1/2, 1/4, 1/8 down to about the original's size
        }
        long bytes = pixels * Math.max(1, (s.bitsPerPixel() + 7) / 8);
        return HEIF.contains(work.detectedType()) ? HEIF_WEIGHT * bytes : bytes;
    }
}
