package com.vehiclephotos.media.measuring;

import com.vehiclephotos.events.RejectionReason;

/** The structure refuses the file: a typed reason and a sentence that says what was found. */
final class Unacceptable extends Exception {

    private final RejectionReason reason;

    Unacceptable(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    static Unacceptable corrupt(String detail) {
        return new Unacceptable(RejectionReason.CORRUPT_IMAGE, detail);
    }

    RejectionReason reason() {
        return reason;
    }
}
