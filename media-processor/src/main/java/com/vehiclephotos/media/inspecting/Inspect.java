package com.vehiclephotos.media.inspecting;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.Step;
import com.vehiclephotos.media.step.Storage;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * HEAD: is the upload still there — the very version the notification named (its ETag) — and is
 * its size worth reading? Cheapest check first.
 */
@Component
public class Inspect implements Step {

    private final Storage storage;
    private final MediaProperties properties;

    Inspect(Storage storage, MediaProperties properties) {
        this.storage = storage;
        this.properties = properties;
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        var head = storage.head(work.upload().bucket(), work.upload().key());
        if (head.isEmpty() || !sameVersion(head.get().eTag(), work.upload().eTag())) {
            return Optional.of(new Outcome.Gone());
        }
        var size = head.get().size();
        if (size == 0) {
            return Step.reject(RejectionReason.EMPTY, "The file is empty (0 bytes).");
        }
        if (size > properties.maxSize().toBytes()) {
            return Step.reject(
                    RejectionReason.TOO_LARGE,
                    String.format(
                            "The file has %.1f MiB; the limit is %.1f MiB.",
                            size / 1048576.0, properties.maxSize().toBytes() / 1048576.0));
        }
        work.inspected(head.get().contentType(), size, head.get().metadata().get("traceparent"));
        return Step.next();
    }

    /** Notifications without an ETag (none from S3) cannot be pinned; any version is theirs. */
    static boolean sameVersion(String found, String notified) {
        return notified == null || notified.replace("\"", "").equals(found);
    }
}
