package com.vehiclephotos.devstack.clamav;

import com.vehiclephotos.devstack.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClamAV's clamd (Debian package clamav-daemon) on a loopback TCP port, with devstack's own tiny
 * signature database: freshclam cannot reach the internet here, and clamd refuses an empty database.
 * The signatures detect the EICAR test file, alone or inside other files. Production runs freshclam.
 */
public final class ClamdServer implements AutoCloseable {

    static final List<String> SIGNATURE_FILES = List.of("devstack.hdb", "devstack.ndb");
    private static final List<Path> KNOWN_LOCATIONS = List.of(
            Path.of("/usr/sbin/clamd"),
            Path.of("/usr/bin/clamd"),
            Path.of("/usr/local/sbin/clamd"),
            Path.of("/usr/local/bin/clamd"));
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(ClamdServer.class);

    private final String host;
    private final int port;
    private final Path dir;
    private final Path binary;
    private volatile ChildProcess process;

    private ClamdServer(String host, int port, Path dir, Path binary) {
        this.host = host;
        this.port = port;
        this.dir = dir;
        this.binary = binary;
    }

    /** The clamd binary on this machine, if any. */
    public static Optional<Path> find() {
        var fromPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(s -> !s.isBlank())
                .map(p -> Path.of(p, "clamd"));
        return Stream.concat(KNOWN_LOCATIONS.stream(), fromPath)
                .filter(Files::isExecutable)
                .findFirst();
    }

    public static ClamdServer create(String host, int port, Path dir, Path binary) {
        return new ClamdServer(host, port, dir, binary);
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        var config = writeConfig();
        process = ChildProcess.start(
                "clamd", List.of(binary.toString(), "--config-file=" + config), dir.resolve("clamd.log"));
        awaitReady();
        log.info(
                "ClamAV clamd listening on {}:{} (pid {}), devstack signatures in {}",
                host,
                port,
                process.pid(),
                dir.resolve("db"));
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop(10);
        }
    }

    public int port() {
        return port;
    }

    /** Sends clamd's PING and expects PONG. */
    public boolean ping() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            var reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return reply.startsWith("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.ensureAlive();
            if (ping()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for clamd", e);
            }
        }
        throw new IllegalStateException(
                "clamd did not answer PING within " + READY_TIMEOUT.toSeconds() + " s:\n" + process.logTail());
    }

    private Path writeConfig() throws IOException {
        var db = dir.resolve("db");
        Files.createDirectories(db);
        Files.createDirectories(dir.resolve("tmp"));
        for (var name : SIGNATURE_FILES) {
            try (var in = ClamdServer.class.getResourceAsStream("/clamav/" + name)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("missing resource /clamav/" + name));
                }
                Files.write(db.resolve(name), in.readAllBytes());
            }
        }
        var config = dir.resolve("clamd.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "Foreground yes",
                        "TCPSocket " + port,
                        "TCPAddr " + host,
                        "DatabaseDirectory " + db,
                        "TemporaryDirectory " + dir.resolve("tmp"),
                        "PidFile " + dir.resolve("clamd.pid"),
                        // at least the upload limit (20 MiB) with room: a stream over this is an error, never clean
                        "StreamMaxLength 64M",
                        "MaxFileSize 64M",
                        "MaxScanSize 256M",
                        "MaxThreads 4",
                        // ClamAV 1.x decodes every image to compute a fuzzy hash (signatures for
                        // phishing artwork): 4 s for a 24 MP camera JPEG, 8 s for a 47 KB PNG of 49 MP,
                        // a minute for a 400 KB PNG of 400 MP -- a few such uploads hold every clamd
                        // thread. The processor decodes images itself, in a sandboxed worker.
                        "ScanImageFuzzyHash no",
                        "ReadTimeout 30",
                        "CommandReadTimeout 30",
                        "LogTime yes",
                        ""));
        return config;
    }

    @Override
    public void close() {
        stop();
    }
}
