package com.vehiclephotos.media.worker;

import com.vehiclephotos.media.step.MediaProperties;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How to launch a worker: the same Java and the same classes as this service, so that there is
 * nothing else to install or deploy. From Boot's executable jar (or its extracted layers), Boot's
 * launcher runs the application's main with {@link ImageWorker#ARGUMENT}; from a plain class path
 * (tests, an IDE), the worker's main directly.
 */
final class WorkerCommand {

    static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private WorkerCommand() {}

    static List<String> of(MediaProperties properties) {
        var workers = properties.workers();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + workers.heap().toMegabytes() + "m");
        command.add("-Xms32m");
        command.add("-XX:+UseSerialGC"); // one photo at a time: no GC threads to share the cores with
        command.add("-XX:MinHeapFreeRatio=10"); // and give memory back after a big photo
        command.add("-XX:MaxHeapFreeRatio=30");
        command.add("-XX:+ExitOnOutOfMemoryError"); // a worker that ran out of memory is not to be trusted again
        command.add("-XX:-UsePerfData");
        command.add("-Djava.awt.headless=true");
        command.add("-D" + ImageWorker.TURBOJPEG + "=" + properties.turbojpeg());
        command.add("-D" + ImageWorker.MAX_BYTES + "="
                + Math.min(Integer.MAX_VALUE, properties.maxSize().toBytes()));
        if (workers.jvmOptions() != null) {
            command.addAll(workers.jvmOptions());
        }
        command.add("-cp");
        if (launchedByBoot()) {
            command.add(System.getProperty("java.class.path"));
            command.add(BOOT_LAUNCHER);
            command.add(ImageWorker.ARGUMENT);
        } else {
            command.add(classPath());
            command.add(ImageWorker.class.getName());
        }
        return command;
    }

    /**
     * The class path this code was loaded from: an isolating loader's own (Maven's exec:java, where
     * java.class.path is Maven's), else the JVM's.
     */
    static String classPath() {
        if (ImageWorker.class.getClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs())
                    .map(WorkerCommand::path)
                    .collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot launch a worker from class path entry " + url, e);
        }
    }

    /** Classes loaded by Boot's launcher live in nested jars that only that launcher can open again. */
    static boolean launchedByBoot() {
        return ImageWorker.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader");
    }
}
