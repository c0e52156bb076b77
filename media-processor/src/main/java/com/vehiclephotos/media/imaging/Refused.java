package com.vehiclephotos.media.imaging;

import com.vehiclephotos.events.RejectionReason;

/** The decoder refuses the photo: damaged, other dimensions than declared, or too big for the worker's memory. */
public final class Refused extends Exception {

    private final RejectionReason reason;

    public Refused(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
