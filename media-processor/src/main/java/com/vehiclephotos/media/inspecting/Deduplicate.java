package com.vehiclephotos.media.inspecting;

import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.Step;
import com.vehiclephotos.media.step.Storage;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One presign, one photo. Once a photo has its outcome the processor leaves a marker holding the
 * ETag of the upload it judged; another upload for the same photo — a second PUT to the URL after
 * the first upload was deleted, within the URL's lifetime — is dropped here, before any work,
 * so nothing published is replaced and nothing is announced twice. The same upload delivered
 * again (same ETag) goes through, and its work repeats to the same keys. A deleted photo's marker
 * says "deleted": no upload for it is processed again.
 */
@Component
public class Deduplicate implements Step {

    /** Metadata of the marker: the ETag of the upload that was judged. */
    public static final String JUDGED_ETAG = "judged-etag";

    private final Storage storage;
    private final MediaProperties properties;

    Deduplicate(Storage storage, MediaProperties properties) {
        this.storage = storage;
        this.properties = properties;
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        var marker =
                storage.head(properties.uploadsBucket(), markerKey(work.upload().photoId()));
        if (marker.isEmpty()) {
            return Step.next();
        }
        var judged = marker.get().metadata().get(JUDGED_ETAG);
        if (judged == null || judged.equals(work.upload().eTag().replace("\"", ""))) {
            return Step.next();
        }
        return Optional.of(new Outcome.Duplicate("Photo " + work.upload().photoId() + " was already judged on upload "
                + judged + "; upload " + work.upload().eTag() + " to the same URL is dropped."));
    }

    /** Where the marker of a photo lives: in the private uploads bucket, outside the notified {@code uploads/} prefix. */
    public static String markerKey(PhotoId photo) {
        return "processed/" + photo;
    }
}
