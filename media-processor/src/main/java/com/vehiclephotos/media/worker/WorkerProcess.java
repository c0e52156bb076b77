package com.vehiclephotos.media.worker;

import com.vehiclephotos.media.worker.WorkerProtocol.Result;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process, seen from the processor: launched, warm when it says hello, then one photo
 * at a time under a wall-clock budget. A worker that overruns is killed (SIGKILL: a stopped or
 * spinning process cannot refuse it); one that dies or answers nonsense is reported as failed.
 * Either way it is finished, and the pool launches another.
 */
final class WorkerProcess {

    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
    private static final int MAX_LOG_LINE = 500;

    private final Process process;
    private final DataOutputStream toWorker;
    private final DataInputStream fromWorker;
    private final ExecutorService io;
    private final long maxReplyBytes;

    private WorkerProcess(Process process, ExecutorService io, long maxReplyBytes) {
        this.process = process;
        this.io = io;
        this.maxReplyBytes = maxReplyBytes;
        this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    /** Launches a worker and waits until it is warm; throws (after killing it) if it is not within {@code startTimeout}. */
    static WorkerProcess launch(List<String> command, Duration startTimeout, ExecutorService io, long maxReplyBytes)
            throws IOException {
        var process = new ProcessBuilder(command).start();
        var worker = new WorkerProcess(process, io, maxReplyBytes);
        worker.forwardLog();
        try {
            io.submit(() -> WorkerProtocol.readHello(worker.fromWorker))
                    .get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return worker;
        } catch (InterruptedException e) {
            worker.kill();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while an image worker started", e);
        } catch (ExecutionException | TimeoutException e) {
            worker.kill();
            throw new IOException(
                    "an image worker did not become ready within " + startTimeout.toSeconds() + " s: "
                            + worker.exitDescription(),
                    e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The worker's answer, or Failed if it did not give one within the budget; a failed worker is dead afterwards. */
    Result render(WorkerProtocol.Request request, Duration budget) {
        var exchange = io.submit(() -> {
            WorkerProtocol.writeRequest(toWorker, request);
            return WorkerProtocol.readReply(fromWorker, maxReplyBytes);
        });
        try {
            return exchange.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            return new Result.Failed(
                    "Processing did not finish within " + budget.toSeconds() + " s; the image worker was stopped.");
        } catch (ExecutionException e) {
            kill();
            return new Result.Failed("The image worker " + exitDescription() + " while processing it.");
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a worker rendered", e);
        }
    }

    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String exitDescription() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                return "stopped answering";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was interrupted";
        }
        int code = process.exitValue();
        return switch (code) {
            case 3 -> "ran out of memory (exit 3)";
            case 134 -> "crashed (SIGABRT, exit 134)";
            case 137 -> "was killed (SIGKILL, exit 137)";
            case 139 -> "crashed (SIGSEGV, exit 139)";
            default -> code > 128 ? "died of signal " + (code - 128) : "exited with " + code;
        };
    }

    /** The worker's stderr, line by line, into this service's log, each line capped. */
    private void forwardLog() {
        var thread = new Thread(
                () -> {
                    try (var lines = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            log.info(
                                    "image worker {}: {}",
                                    process.pid(),
                                    line.length() > MAX_LOG_LINE ? line.substring(0, MAX_LOG_LINE) + "…" : line);
                        }
                    } catch (IOException e) {
                        log.debug("image worker {}: log closed: {}", process.pid(), e.toString());
                    }
                },
                "image-worker-log-" + process.pid());
        thread.setDaemon(true);
        thread.start();
    }
}
