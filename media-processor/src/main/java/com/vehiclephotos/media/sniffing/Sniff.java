package com.vehiclephotos.media.sniffing;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.Step;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * The real type, from the bytes (Apache Tika's magic), never from the name or the declared type:
 * HTML, SVG, scripts, archives and executables stop here, and so does an image with a ZIP archive
 * appended (a polyglot).
 */
@Component
public class Sniff implements Step {

    private static final byte[] ZIP_END = {'P', 'K', 5, 6};
    private static final int ZIP_END_SEARCH = 65_535 + 22;
    /**
     * One container, two names: browsers and phones call a HEVC-coded HEIF image/heic or image/heif
     * depending on who wrote it, and Tika names it by its brand. Either declaration fits either.
     */
    private static final Set<String> HEIF = Set.of("image/heic", "image/heif");

    private final Tika tika = new Tika();
    private final MediaProperties properties;

    Sniff(MediaProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        var detected = tika.detect(work.bytes());
        work.sniffed(detected);
        if (!properties.contentTypes().contains(detected)) {
            return Step.reject(
                    RejectionReason.UNSUPPORTED_TYPE,
                    "The file's content is " + detected + ", not an accepted image ("
                            + String.join(", ", properties.contentTypes()) + ").");
        }
        var declared = work.declaredType() == null
                ? ""
                : work.declaredType().toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (!detected.equals(declared) && !(HEIF.contains(detected) && HEIF.contains(declared))) {
            return Step.reject(
                    RejectionReason.TYPE_MISMATCH,
                    "The upload was declared " + declared + " but its content is " + detected + ".");
        }
        if (endsWithZipArchive(work.bytes())) {
            return Step.reject(
                    RejectionReason.UNSUPPORTED_TYPE,
                    "The image carries a ZIP archive after its data (a polyglot file).");
        }
        return Step.next();
    }

    /** A ZIP's end-of-central-directory record sits within the last 64 KiB + 22 bytes. */
    static boolean endsWithZipArchive(byte[] bytes) {
        for (int i = bytes.length - ZIP_END.length; i >= Math.max(0, bytes.length - ZIP_END_SEARCH); i--) {
            if (bytes[i] == ZIP_END[0]
                    && bytes[i + 1] == ZIP_END[1]
                    && bytes[i + 2] == ZIP_END[2]
                    && bytes[i + 3] == ZIP_END[3]) {
                return true;
            }
        }
        return false;
    }
}
