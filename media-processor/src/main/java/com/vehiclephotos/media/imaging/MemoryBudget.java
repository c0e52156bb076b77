package com.vehiclephotos.media.imaging;

import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.vehiclephotos.media.pipeline.MediaProperties;

/**
 * Decoded pixels may take at most a share of the heap at once, counted in MiB: a photo acquires
 * what its pixels need before decoding and gives it back when it is done. Many small photos run
 * side by side; a 50 MP photo waits for room instead of taking the service down.
 */
@Component
class MemoryBudget {

    private static final Logger log = LoggerFactory.getLogger(MemoryBudget.class);
    private static final int MIB = 1024 * 1024;

    private final int totalMib;
    private final Semaphore permits;

    MemoryBudget(MediaProperties properties) {
        this.totalMib = (int) Math.max(64, Runtime.getRuntime().maxMemory() * properties.memoryBudget() / MIB);
        this.permits = new Semaphore(totalMib, true);
        log.info("Decoding within {} MiB ({}% of a {} MiB heap)", totalMib, Math.round(properties.memoryBudget() * 100),
                Runtime.getRuntime().maxMemory() / MIB);
    }

    /** What decoding and resizing an image of these dimensions needs at the peak, in MiB. */
    static int needMib(long decodedPixels, int originalMaxEdge) {
        long bytes = decodedPixels * 4 * 2                          // decoded, and one converted copy
                + (long) originalMaxEdge * originalMaxEdge * 4 * 2  // the capped original and a variant
                + 8L * MIB;                                        // encoder buffers
        return (int) Math.min(Integer.MAX_VALUE, (bytes + MIB - 1) / MIB);
    }

    /** Blocks until there is room; returns how to give it back. */
    Runnable acquire(int mib) throws InterruptedException {
        int wanted = Math.min(mib, totalMib);
        permits.acquire(wanted);
        return new Runnable() {
            private boolean released;

            @Override
            public synchronized void run() {
                if (!released) {
                    released = true;
                    permits.release(wanted);
                }
            }
        };
    }

    int totalMib() {
        return totalMib;
    }
}
