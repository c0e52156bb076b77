package com.vehiclephotos.media.step;

import java.util.Optional;

/**
 * One step of the pipeline, named after what it does. It looks at and adds to the work so far,
 * and either lets the photo go on (empty) or stops it with an outcome. Broken infrastructure is
 * an exception ({@link RetryLater}), never a verdict.
 */
public interface Step {

    Optional<Outcome> apply(PhotoWork work);

    /** For metrics and logs. */
    default String name() {
        return getClass().getSimpleName().toLowerCase();
    }

    static Optional<Outcome> next() {
        return Optional.empty();
    }

    static Optional<Outcome> reject(com.vehiclephotos.events.RejectionReason reason, String detail) {
        return Optional.of(new Outcome.Rejected(reason, detail));
    }
}
