package com.vehiclephotos.vehicles.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A photo's life, which only moves forward: PROCESSING → READY | REJECTED, and anything → DELETED,
 * which is final (a tombstone, so that a late event cannot bring a deleted photo back). Events
 * arrive duplicated and out of order; this type decides which of them change anything, and the
 * repository's statements take their conditions from it.
 */
public enum PhotoStatus {
    PROCESSING,
    READY,
    REJECTED,
    DELETED;

    /** Whether a photo in this state may move to {@code next}; staying is not a move. */
    public boolean canBecome(PhotoStatus next) {
        return switch (this) {
            case PROCESSING -> next != PROCESSING;
            case READY, REJECTED -> next == DELETED;
            case DELETED -> false;
        };
    }

    /** The states from which a photo may become this one. */
    public Set<PhotoStatus> reachableFrom() {
        return Arrays.stream(values())
                .filter(from -> from.canBecome(this))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PhotoStatus.class)));
    }

    /** {@code column in ('A', 'B')}: the SQL condition that a row may become this state. */
    public String sqlReachableFrom(String column) {
        return column + " in ("
                + reachableFrom().stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ")) + ")";
    }
}
