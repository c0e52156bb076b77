package com.vehiclephotos.media.step;

/** Storage or scanner unavailable, a timeout: try the whole photo again later. Fail closed. */
public class RetryLater extends RuntimeException {

    public RetryLater(String message, Throwable cause) {
        super(message, cause);
    }
}
