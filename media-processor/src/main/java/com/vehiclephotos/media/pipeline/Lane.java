package com.vehiclephotos.media.pipeline;

/** Where an upload is being processed: photo.uploaded.v1's partitions, or the processor's own slow lane. */
public enum Lane {
    MAIN,
    SLOW
}
