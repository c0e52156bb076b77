package com.vehiclephotos.media.pipeline;

import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.RejectionReason;

/** What processing one upload came to; decides between an event, nothing, and a retry. */
public sealed interface Outcome {

    /** Published: announce PhotoReady, then delete the upload. */
    record Ready(PhotoReady event) implements Outcome {
    }

    /** Refused for a reason the user can act on: announce PhotoRejected, then delete the upload. */
    record Rejected(RejectionReason reason, String detail) implements Outcome {
    }

    /** The upload is gone: it was handled before (a redelivery). Nothing to do. */
    record Gone() implements Outcome {
    }

    /** Infrastructure failed (S3, clamd): nothing is published; the message is retried with back-off. */
    record Retry(Throwable cause) implements Outcome {
    }
}
