package com.vehiclephotos.media.worker;

import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.RetryLater;
import com.vehiclephotos.media.worker.WorkerProtocol.Result;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The supervised worker processes: a fixed number, launched at start and kept warm, each lent to
 * one photo at a time. A worker that fails a photo (overran, crashed, out of memory, nonsense) is
 * killed and a new one is launched in the background; the photo's verdict is the caller's to
 * decide. No worker free within a budget and a start-up is this service's trouble, not the
 * photo's: the caller waits and tries again (fail closed). Starts before the listeners and
 * stops after them.
 */
@Component("workers")
public class WorkerPool implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final MediaProperties properties;
    private final List<String> command;
    private final LinkedBlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    private final ExecutorService io = Executors.newCachedThreadPool(daemon("image-worker-io"));
    private final ExecutorService launcher = Executors.newCachedThreadPool(daemon("image-worker-launch"));
    private final AtomicInteger replaced = new AtomicInteger();
    private final MeterRegistry meters;
    private volatile boolean running;

    WorkerPool(MediaProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.command = WorkerCommand.of(properties);
        meters.gauge("media.workers.live", live, Set::size);
    }

    /** Renders on a free worker within the per-photo budget; Failed when the worker did not make it. */
    public Result render(WorkerProtocol.Request request) {
        var workers = properties.workers();
        WorkerProcess worker;
        try {
            worker = idle.poll(workers.budget().plus(workers.startTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("Interrupted while waiting for an image worker", e);
        }
        if (worker == null) {
            throw new RetryLater(
                    "No image worker became free within "
                            + workers.budget().plus(workers.startTimeout()).toSeconds() + " s (" + live.size() + " of "
                            + workers.effectiveCount() + " running)",
                    null);
        }
        if (!worker.isAlive()) {
            replace(worker, "died while idle");
            return render(request);
        }
        var result = worker.render(request, workers.budget());
        if (result instanceof Result.Failed failed) {
            replace(worker, failed.detail());
        } else {
            idle.offer(worker);
        }
        return result;
    }

    /** The process ids of the running workers, for operators and the tests that kill them. */
    public Set<Long> pids() {
        return live.stream().map(WorkerProcess::pid).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public Health health() {
        int count = live.size();
        var health = count > 0 ? Health.up() : Health.down();
        return health.withDetail("live", count)
                .withDetail("configured", properties.workers().effectiveCount())
                .withDetail("replaced", replaced.get())
                .build();
    }

    @Override
    public void start() {
        running = true;
        log.info(
                "Starting {} image workers ({} MiB heap each, {} s per photo): {}",
                properties.workers().effectiveCount(),
                properties.workers().heap().toMegabytes(),
                properties.workers().budget().toSeconds(),
                String.join(" ", command));
        for (int i = 0; i < properties.workers().effectiveCount(); i++) {
            launcher.submit(this::launchUntilRunning);
        }
    }

    @Override
    public void stop() {
        running = false;
        launcher.shutdownNow();
        live.forEach(WorkerProcess::kill);
        live.clear();
        idle.clear();
        io.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the Kafka listeners (which start late and stop early by default). */
    @Override
    public int getPhase() {
        return 0;
    }

    private void replace(WorkerProcess worker, String why) {
        worker.kill();
        live.remove(worker);
        replaced.incrementAndGet();
        meters.counter("media.workers.replaced").increment();
        log.warn("Image worker {} replaced: {}", worker.pid(), why);
        if (running) {
            launcher.submit(this::launchUntilRunning);
        }
    }

    /** Launches one worker, trying again with back-off for as long as the pool runs (a start-up failure is ours, not a photo's). */
    private void launchUntilRunning() {
        long backOff = 500;
        while (running) {
            long started = System.nanoTime();
            try {
                var worker = WorkerProcess.launch(
                        command,
                        properties.workers().startTimeout(),
                        io,
                        4 * properties.maxSize().toBytes());
                live.add(worker);
                idle.offer(worker);
                meters.timer("media.workers.start").record(Duration.ofNanos(System.nanoTime() - started));
                return;
            } catch (IOException e) {
                log.error("An image worker could not be started, trying again in {} ms: {}", backOff, e.getMessage());
            }
            try {
                Thread.sleep(backOff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backOff = Math.min(backOff * 2, 30_000);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        var count = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
