package com.vehiclephotos.media.step;

/** Where an upload is being processed: photo.uploaded.v1's partitions, or the processor's own slow lane. */
public enum Lane {
    MAIN,
    SLOW
}
