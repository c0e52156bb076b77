package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One vehicle's uploads arrive while the processor deletes that vehicle's earlier ones. On disk
 * they share parent directories, and a delete tidies away the parents it empties: a put must never
 * lose its directory to it (S3 has no directories; a put there never fails this way).
 */
class S3ConcurrentWritesTest {

    private static final int WRITERS = 4;
    private static final int ROUNDS = 150;

    @Test
    void putsSucceedWhileDeletesInTheSameFolderTidyTheirParents() throws Exception {
        // outside the notified prefix: the race is the filesystem's, and 1,200 notifications would
        // crowd the queue the other suites of this JVM read
        var folder = "racing/" + UUID.randomUUID() + "/" + UUID.randomUUID() + "/";
        var pool = Executors.newFixedThreadPool(WRITERS);
        // no retries: a browser's presigned PUT is not retried by an SDK either
        try (var s3 = RunningDevstack.s3(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))) {
            var writers = new ArrayList<Callable<List<String>>>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(() -> {
                    var failures = new ArrayList<String>();
                    for (int i = 0; i < ROUNDS; i++) {
                        var key = folder + UUID.randomUUID() + "/photo.jpg";
                        try {
                            s3.putObject(b -> b.bucket("uploads").key(key), RequestBody.fromString("bytes"));
                            s3.deleteObject(b -> b.bucket("uploads").key(key));
                        } catch (RuntimeException e) {
                            failures.add(key + ": " + e.getMessage());
                        }
                    }
                    return failures;
                });
            }
            var failures = new ArrayList<String>();
            for (var result : pool.invokeAll(writers)) {
                failures.addAll(result.get());
            }

            assertThat(failures).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
