package com.vehiclephotos.devstack.kafka;

import com.vehiclephotos.devstack.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kafka broker in KRaft combined mode (broker and controller, one node), as its own process
 * so it can be stopped, killed and restarted on its own while its data stays on disk.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path dir;
    private volatile ChildProcess process;

    public KafkaBroker(String host, int port, int controllerPort, Path dir) {
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dir = dir;
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** Formats the log directory on first use, starts the broker and waits until it answers. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        var config = writeConfig();
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            ChildProcess.run(
                    "kafka storage format",
                    command(
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            config.toString()),
                    dir.resolve("format.log"),
                    120);
        }
        process = ChildProcess.start(
                "kafka",
                command(
                        KafkaLauncher.class.getName(),
                        Long.toString(ProcessHandle.current().pid()),
                        config.toString()),
                dir.resolve("server.log"));
        awaitReady();
        log.info("Kafka (KRaft) listening on {} (pid {}), data in {}", bootstrapServers(), process.pid(), dir);
    }

    /** Controlled shutdown (SIGTERM); the data stays for the next start. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(30);
        }
    }

    /** SIGKILL: what a crash looks like to clients. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Event topics and compacted state topics, each with its {@code .DLT} twin. Idempotent. */
    public void createTopics(List<String> names, List<String> compacted, int partitions) {
        var topics = new ArrayList<NewTopic>();
        for (var name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
            topics.add(new NewTopic(name + ".DLT", partitions, (short) 1)
                    .configs(Map.of(
                            "retention.ms", Long.toString(Duration.ofDays(14).toMillis()))));
        }
        for (var name : compacted) {
            topics.add(new NewTopic(name, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")));
            topics.add(new NewTopic(name + ".DLT", partitions, (short) 1)
                    .configs(Map.of(
                            "retention.ms", Long.toString(Duration.ofDays(14).toMillis()))));
        }
        try (var admin = admin()) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("Cannot create topics " + names, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            process.ensureAlive();
            try (var admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException(
                "Kafka did not become ready within " + READY_TIMEOUT.toSeconds() + " s:\n" + process.logTail(), last);
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    private List<String> command(String mainClass, String... args) {
        var command = new ArrayList<>(ChildProcess.javaCommand());
        command.addAll(List.of(
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + logConfig(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private String logConfig() {
        var file = dir.resolve("logback-kafka.xml");
        try (var in = KafkaBroker.class.getResourceAsStream("/logback-kafka.xml")) {
            Files.write(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(dir);
        var config = dir.resolve("server.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@" + host + ":" + controllerPort,
                        "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                        "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "log.dirs=" + dir.resolve("logs"),
                        "num.partitions=6",
                        "auto.create.topics.enable=false",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=10",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "transaction.state.log.num.partitions=10",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "min.insync.replicas=1",
                        "group.initial.rebalance.delay.ms=0",
                        "log.retention.hours=168",
                        ""));
        return config;
    }

    @Override
    public void close() {
        stop();
    }
}
