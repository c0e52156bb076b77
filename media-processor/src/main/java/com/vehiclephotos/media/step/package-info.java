/**
 * What a step of the pipeline is and works on: {@link com.vehiclephotos.media.step.Step}, the
 * {@link com.vehiclephotos.media.step.PhotoWork} it reads and adds to, the
 * {@link com.vehiclephotos.media.step.Outcome} that stops a photo, and
 * {@link com.vehiclephotos.media.step.RetryLater} for broken infrastructure. Every step depends on
 * this package and on nothing of another step; the order of the steps is {@code pipeline.Pipeline}.
 */
package com.vehiclephotos.media.step;
