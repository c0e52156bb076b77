package com.vehiclephotos.media.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.fixtures.images.Hostile;
import com.vehiclephotos.fixtures.images.RealPhotos;
import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.imaging.RenderSpec;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.RetryLater;
import com.vehiclephotos.media.worker.WorkerProtocol.Result;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Real worker processes: what they render, and what the pool does when one is killed, hangs or cannot start. */
class WorkerPoolTest {

    private static final RenderSpec SPEC = new RenderSpec(2560, List.of(320, 800, 1600), 85, 50_000_000L);
    private WorkerPool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.stop();
        }
    }

    @Test
    void aRealPhotoIsRenderedInAnotherProcess() throws Exception {
        pool = started(TestProperties.workers(1, DataSize.ofMegabytes(512), Duration.ofSeconds(30)));
        var sony = Files.readAllBytes(RealPhotos.sonyAlpha6000());

        var result = pool.render(
                new WorkerProtocol.Request("image/jpeg", new ImageStructure(6000, 4000, 24, 1), SPEC, sony));

        assertThat(result)
                .isInstanceOfSatisfying(
                        Result.Rendered.class,
                        r -> assertThat(r.renditions())
                                .extracting(x -> x.variant() + " " + x.width() + "x" + x.height())
                                .containsExactly("original 2560x1707", "1600 1600x1067", "800 800x533", "320 320x213"));
        assertThat(pool.pids())
                .hasSize(1)
                .doesNotContain(ProcessHandle.current().pid());
    }

    @Test
    void aDeepPngOf49MegapixelsFitsTheDefaultHeapAndBudget() {
        pool = started(TestProperties.defaults().workers());
        var png = Hostile.deepPng(7000, 7000, true);

        long started = System.nanoTime();
        var result =
                pool.render(new WorkerProtocol.Request("image/png", new ImageStructure(7000, 7000, 64, 1), SPEC, png));

        assertThat(result).isInstanceOf(Result.Rendered.class);
        System.out.printf(
                "49 MP 16-bit RGBA PNG (%d KB) rendered in %d ms%n",
                png.length / 1024, (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void aWorkerKilledMidPhotoFailsThatPhotoOnlyAndIsReplaced() throws Exception {
        pool = started(TestProperties.workers(1, DataSize.ofGigabytes(1), Duration.ofSeconds(60)));
        long victim = pool.pids().iterator().next();
        var slow = new WorkerProtocol.Request(
                "image/png", new ImageStructure(7000, 7000, 64, 1), SPEC, Hostile.deepPng(7000, 7000, true));
        var cpuBefore = cpu(victim);

        var pending = CompletableFuture.supplyAsync(() -> pool.render(slow));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> cpu(victim).minus(cpuBefore).toMillis() > 300);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        assertThat(pending.get())
                .isInstanceOfSatisfying(
                        Result.Failed.class, f -> assertThat(f.detail()).contains("SIGKILL"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pool.pids().size() == 1 && !pool.pids().contains(victim));
        assertThat(pool.render(small())).isInstanceOf(Result.Rendered.class);
    }

    @Test
    void aWorkerThatStopsAnsweringIsKilledAtTheBudgetAndReplaced() throws Exception {
        pool = started(TestProperties.workers(1, DataSize.ofMegabytes(256), Duration.ofSeconds(3)));
        long hung = pool.pids().iterator().next();
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(hung))
                        .start()
                        .waitFor())
                .isZero();

        long started = System.nanoTime();
        var result = pool.render(small());

        assertThat(result)
                .isInstanceOfSatisfying(
                        Result.Failed.class, f -> assertThat(f.detail()).contains("within 3 s"));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(hung).isEmpty());
        assertThat(pool.render(small())).isInstanceOf(Result.Rendered.class);
    }

    @Test
    void workersThatCannotStartMakeThePhotoWaitAndThePoolReportDown() {
        var workers = new MediaProperties.Workers(
                1,
                DataSize.ofMegabytes(256),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                List.of("-XX:+NoSuchOption"));
        pool = new WorkerPool(TestProperties.withWorkers(workers), new SimpleMeterRegistry());
        pool.start();

        assertThatThrownBy(() -> pool.render(small()))
                .isInstanceOf(RetryLater.class)
                .hasMessageContaining("No image worker");
        assertThat(pool.health().getStatus().getCode()).isEqualTo("DOWN");
    }

    private static WorkerProtocol.Request small() {
        var jpeg = com.vehiclephotos.fixtures.images.Images.jpeg(
                com.vehiclephotos.fixtures.images.Images.marker(640, 480));
        return new WorkerProtocol.Request("image/jpeg", new ImageStructure(640, 480, 24, 1), SPEC, jpeg);
    }

    private static WorkerPool started(MediaProperties.Workers workers) {
        var pool = new WorkerPool(TestProperties.withWorkers(workers), new SimpleMeterRegistry());
        pool.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> pool.pids().size() == workers.effectiveCount());
        return pool;
    }

    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }
}
