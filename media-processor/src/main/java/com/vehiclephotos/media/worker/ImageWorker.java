package com.vehiclephotos.media.worker;

import com.vehiclephotos.media.imaging.Refused;
import com.vehiclephotos.media.imaging.RenderSpec;
import com.vehiclephotos.media.imaging.Renderer;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.worker.WorkerProtocol.Result;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The worker process: no Spring, no network, no storage — photo bytes in on stdin, JPEGs out on
 * stdout, one photo at a time, for as long as the processor keeps it. Its heap is its memory limit
 * (it exits on OutOfMemoryError, and the processor replaces it); anything a decoder throws on a file
 * is that file's verdict. It warms up (classes, native libraries) before it says hello.
 */
public final class ImageWorker {

    /** The program argument that makes media-processor's main run a worker instead of the service. */
    public static final String ARGUMENT = "--image-worker";

    static final String TURBOJPEG = "media.worker.turbojpeg";
    static final String MAX_BYTES = "media.worker.max-bytes";
    private static final long MIB = 1024 * 1024;

    private ImageWorker() {}

    public static void main(String[] args) throws IOException {
        var protocol =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err); // stdout is the protocol's alone: library chatter goes to the log
        var in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        int maxBytes = Integer.getInteger(MAX_BYTES, 64 * (int) MIB);
        boolean turbojpeg = Boolean.parseBoolean(System.getProperty(TURBOJPEG, "true"));

        warmUp(new Renderer(turbojpeg, Runtime.getRuntime().maxMemory()));
        System.gc();
        var runtime = Runtime.getRuntime();
        long idle = runtime.totalMemory() - runtime.freeMemory();
        var renderer = new Renderer(turbojpeg, runtime.maxMemory() - idle);
        WorkerProtocol.writeHello(protocol, ProcessHandle.current().pid());
        System.err.printf(
                "image worker ready: %d MiB heap, %d MiB held idle, %s%n",
                runtime.maxMemory() / MIB, idle / MIB, renderer.nativeDecoders());

        while (true) {
            WorkerProtocol.Request request;
            try {
                request = WorkerProtocol.readRequest(in, maxBytes);
            } catch (EOFException e) {
                return; // the processor closed our stdin: done
            }
            WorkerProtocol.writeReply(protocol, render(renderer, request));
            if (request.structure().pixels() > 4_000_000L) {
                System.gc(); // give a big photo's heap back before the next one (a serial GC of a small live set:
                // milliseconds)
            }
        }
    }

    private static Result render(Renderer renderer, WorkerProtocol.Request request) {
        try {
            var rendered = renderer.render(request.bytes(), request.type(), request.structure(), request.spec());
            return new Result.Rendered(
                    rendered.renditions(), rendered.insight(), rendered.decodeNanos(), rendered.resizeNanos());
        } catch (Refused e) {
            return new Result.Refused(e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            // a decoder that throws on a file has given its verdict on it; Errors (out of memory, stack) end the
            // process
            return new Result.Refused(
                    com.vehiclephotos.events.RejectionReason.CORRUPT_IMAGE, "The image cannot be decoded: " + e);
        }
    }

    /** One small photo through every path the real ones take, so that the first real photo is not the slow one. */
    private static void warmUp(Renderer renderer) throws IOException {
        var image = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        try {
            renderer.render(
                    out.toByteArray(),
                    "image/jpeg",
                    new ImageStructure(1200, 800, 24, 6),
                    new RenderSpec(1000, List.of(320, 640), 85, 50_000_000L));
        } catch (Refused e) {
            throw new IllegalStateException("the warm-up photo was refused: " + e.getMessage(), e);
        }
    }
}
