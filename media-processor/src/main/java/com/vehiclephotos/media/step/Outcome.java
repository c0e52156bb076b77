package com.vehiclephotos.media.step;

import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.RejectionReason;

/**
 * What processing one upload came to: an event, nothing, or a retry of this file on the slow lane.
 * Broken infrastructure is not an outcome but an exception ({@link RetryLater}) all the way to the
 * listener, whose error handler makes the partition wait and retry: fail closed.
 */
public sealed interface Outcome {

    /** Published: announce PhotoReady, then delete the upload. */
    record Ready(PhotoReady event) implements Outcome {}

    /** Refused for a reason the user can act on: announce PhotoRejected, then delete the upload. */
    record Rejected(RejectionReason reason, String detail) implements Outcome {}

    /** The upload is gone, or is not the version the notification named: it was handled before (a redelivery). Nothing to do. */
    record Gone() implements Outcome {}

    /** Heavy to decode, met on photo.uploaded.v1: rendered on the slow lane instead, so it holds back no photo behind it. */
    record Diverted() implements Outcome {}

    /** A second, different upload for a photo that already has its outcome: deleted, nothing announced. */
    record Duplicate(String detail) implements Outcome {}

    /**
     * This file failed while the infrastructure is fine — it overran its budget, crashed a worker,
     * or clamd timed out on it while answering others: tried again later, off the partition, a
     * bounded number of times, then REJECTED as UNPROCESSABLE.
     */
    record Failed(String detail) implements Outcome {}
}
