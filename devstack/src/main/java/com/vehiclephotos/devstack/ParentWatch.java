package com.vehiclephotos.devstack;

import java.util.concurrent.TimeUnit;

/**
 * Ends this JVM when the process that started it is gone, so a test JVM killed with -9 never
 * leaves a devstack (or its Kafka broker) holding ports.
 */
public final class ParentWatch {

    private ParentWatch() {}

    public static void exitWhenGone(long parentPid, String what) {
        var parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            System.err.println(what + ": parent process " + parentPid + " is not running; exiting");
            System.exit(3);
        }
        var watcher = new Thread(
                () -> {
                    while (parent.get().isAlive()) {
                        try {
                            TimeUnit.SECONDS.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.err.println(what + ": parent process " + parentPid + " ended; shutting down");
                    System.exit(0); // runs the shutdown hooks, which stop every server cleanly
                },
                "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
