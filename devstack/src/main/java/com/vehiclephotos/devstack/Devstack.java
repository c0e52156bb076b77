package com.vehiclephotos.devstack;

import com.vehiclephotos.devstack.clamav.ClamdServer;
import com.vehiclephotos.devstack.kafka.KafkaBroker;
import com.vehiclephotos.devstack.postgres.PostgresServer;
import com.vehiclephotos.devstack.s3.S3Server;
import com.vehiclephotos.devstack.sqs.SqsServer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole local stack in dependency order, writes its endpoints, and stops it in reverse.
 * Everything listens on loopback only.
 */
public final class Devstack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Devstack.class);

    private final DevstackSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private KafkaBroker kafka;
    private Optional<ClamdServer> clamd = Optional.empty();

    private Devstack(DevstackSettings settings) {
        this.settings = settings;
    }

    public static Devstack start(DevstackSettings settings) throws Exception {
        var devstack = new Devstack(settings);
        try {
            devstack.startAll();
            return devstack;
        } catch (Exception | Error e) {
            devstack.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        long begin = System.nanoTime();
        var s = settings;
        if (s.fresh()) {
            deleteRecursively(s.dataDir());
        }
        Files.createDirectories(s.dataDir());
        // Claim every port first, so a taken one fails fast with its name before anything starts;
        // all are held together until then, so no two servers are given the same free port.
        int sqsPort;
        int s3Port;
        int postgresPort;
        int kafkaPort;
        int controllerPort;
        int clamdPort;
        int controlPort;
        var clamdBinary = ClamdServer.find();
        try (var ports = new Ports(s.host())) {
            sqsPort = ports.claim(s.sqsPort(), "sqs");
            s3Port = ports.claim(s.s3Port(), "s3");
            postgresPort = ports.claim(s.postgresPort(), "postgres");
            kafkaPort = ports.claim(s.kafkaPort(), "kafka");
            controllerPort = ports.claim(s.kafkaControllerPort(), "kafka controller");
            clamdPort = clamdBinary.isPresent() ? ports.claim(s.clamdPort(), "clamd") : 0;
            controlPort = ports.claim(s.controlPort(), "control");
        }

        var sqs = track(SqsServer.start(s.host(), sqsPort, s.region(), s.accessKey(), s.secretKey()));
        var queueUrl =
                sqs.createQueueWithDeadLetterQueue(s.uploadsQueue(), s.uploadsDeadLetterQueue(), s.maxReceiveCount());
        var dlqUrl = sqs.queueUrl(s.uploadsDeadLetterQueue());

        var s3 = track(S3Server.start(
                s.host(),
                s3Port,
                s.dataDir().resolve("s3"),
                s.region(),
                s.accessKey(),
                s.secretKey(),
                s.corsOrigins(),
                new S3Server.Buckets(s.uploadsBucket(), s.uploadsPrefix(), s.mediaBucket()),
                body -> sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body))));

        var postgres = track(PostgresServer.start(
                s.host(), postgresPort, s.dataDir().resolve("postgres").resolve("data"), s.database()));

        kafka = track(
                new KafkaBroker(s.host(), kafkaPort, controllerPort, s.dataDir().resolve("kafka")));
        kafka.start();
        kafka.createTopics(s.topics(), s.compactedTopics(), s.topicPartitions());

        if (clamdBinary.isPresent()) {
            var server =
                    track(ClamdServer.create(s.host(), clamdPort, s.dataDir().resolve("clamav"), clamdBinary.get()));
            server.start();
            clamd = Optional.of(server);
        } else if (s.clamavRequired()) {
            throw new IllegalStateException("clamd is required (clamav-required=true) but not installed. "
                    + "Install it with: sudo apt-get install clamav-daemon");
        } else {
            warnNoClamd();
        }

        var control = track(ControlServer.start(s.host(), controlPort, this));

        endpoints.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        endpoints.put("kafka.topics", String.join(",", s.topics()));
        endpoints.put("kafka.compacted-topics", String.join(",", s.compactedTopics()));
        endpoints.put("s3.endpoint", s3.endpoint().toString());
        endpoints.put("s3.region", s.region());
        endpoints.put("s3.access-key", s.accessKey());
        endpoints.put("s3.secret-key", s.secretKey());
        endpoints.put("s3.bucket.uploads", s.uploadsBucket());
        endpoints.put("s3.bucket.uploads-prefix", s.uploadsPrefix());
        endpoints.put("s3.bucket.media", s.mediaBucket());
        endpoints.put("s3.media-base-url", s3.endpoint() + "/" + s.mediaBucket());
        endpoints.put("sqs.endpoint", sqs.endpoint().toString());
        endpoints.put("sqs.queue.uploads", s.uploadsQueue());
        endpoints.put("sqs.queue.uploads.url", queueUrl);
        endpoints.put("sqs.queue.uploads-dlq", s.uploadsDeadLetterQueue());
        endpoints.put("sqs.queue.uploads-dlq.url", dlqUrl);
        endpoints.put("postgres.jdbc-url", postgres.jdbcUrl(s.database()));
        endpoints.put("postgres.r2dbc-url", postgres.r2dbcUrl(s.database()));
        endpoints.put("postgres.database", s.database());
        endpoints.put("postgres.username", PostgresServer.USER);
        endpoints.put("postgres.password", "postgres");
        endpoints.put("clamd.available", Boolean.toString(clamd.isPresent()));
        endpoints.put("clamd.host", s.host());
        endpoints.put(
                "clamd.port", Integer.toString(clamd.map(ClamdServer::port).orElse(0)));
        endpoints.put("control.url", "http://" + s.host() + ":" + control.port());
        endpoints.put("data-dir", s.dataDir().toString());
        endpoints.put("startup-millis", Long.toString((System.nanoTime() - begin) / 1_000_000));
        writeEndpoints();
    }

    private void warnNoClamd() {
        var line = "!".repeat(78);
        log.warn(
                "\n{}\n!! clamd (ClamAV) is NOT installed: devstack runs WITHOUT a malware scanner.\n"
                        + "!! The media-processor fails closed, so photos will wait until a scanner is reachable.\n"
                        + "!! Install it with:  sudo apt-get install clamav-daemon\n{}",
                line,
                line);
    }

    private <T extends AutoCloseable> T track(T server) {
        started.push(server);
        return server;
    }

    private void writeEndpoints() throws IOException {
        var properties = new Properties();
        properties.putAll(endpoints);
        var text = new StringWriter();
        properties.store(text, "devstack endpoints");
        var file = settings.dataDir().resolve("endpoints.properties");
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        if (settings.readyFile().isPresent()) {
            // Written last and moved into place atomically: its presence means "everything is up".
            var ready = settings.readyFile().get();
            Files.createDirectories(ready.getParent());
            var temp = ready.resolveSibling(ready.getFileName() + ".tmp");
            Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
            Files.move(temp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Map<String, String> endpoints() {
        return Collections.unmodifiableMap(endpoints);
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public Optional<ClamdServer> clamd() {
        return clamd;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            var server = started.pop();
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}", server.getClass().getSimpleName(), e);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
