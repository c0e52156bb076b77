package com.vehiclephotos.devstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything devstack can be told, with the defaults a local run needs. Each setting comes from
 * {@code --name=value} on the command line, else from the environment variable {@code DEVSTACK_NAME}
 * (upper case, dashes as underscores), else from the default below. A port of 0 means "any free
 * port", which is what tests use; {@code --ports=ephemeral} sets all of them to 0 at once.
 */
public record DevstackSettings(
        String host,
        Path dataDir,
        int kafkaPort,
        int kafkaControllerPort,
        int s3Port,
        int sqsPort,
        int postgresPort,
        int clamdPort,
        int controlPort,
        String region,
        String accessKey,
        String secretKey,
        String uploadsBucket,
        String mediaBucket,
        String uploadsPrefix,
        String uploadsQueue,
        String uploadsDeadLetterQueue,
        int maxReceiveCount,
        List<String> corsOrigins,
        List<String> topics,
        List<String> compactedTopics,
        int topicPartitions,
        String database,
        boolean clamavRequired,
        boolean fresh,
        Optional<Long> parentPid,
        Optional<Path> readyFile) {

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        var d = new LinkedHashMap<String, String>();
        d.put("host", "127.0.0.1");
        d.put("data-dir", "target/devstack-data");
        d.put("kafka-port", "9092");
        d.put("kafka-controller-port", "9093");
        d.put("s3-port", "9000");
        d.put("sqs-port", "9324");
        d.put("postgres-port", "5432");
        d.put("clamd-port", "3310");
        d.put("control-port", "9100");
        d.put("region", "us-east-1");
        d.put("access-key", "devstack");
        d.put("secret-key", "devstack-secret");
        d.put("uploads-bucket", "uploads");
        d.put("media-bucket", "media");
        d.put("uploads-prefix", "uploads/");
        d.put("uploads-queue", "photo-uploads");
        d.put("uploads-dead-letter-queue", "photo-uploads-dlq");
        d.put("max-receive-count", "5");
        // regular expressions, as s3proxy matches them; the seed frontend ran on localhost:3000
        d.put(
                "cors-origins",
                "http://localhost:3000,http://127.0.0.1:3000,http://localhost:8080,http://127.0.0.1:8080");
        d.put("topics", "photo.uploaded.v1,photo.ready.v1,photo.rejected.v1,photo.deleted.v1,photo.flagged.v1");
        d.put("compacted-topics", "vehicle.owners.v1");
        d.put("topic-partitions", "6");
        d.put("database", "vehicles");
        d.put("clamav-required", "false");
        d.put("fresh", "false");
        d.put("parent-pid", "");
        d.put("ready-file", "");
        d.put("ports", "fixed");
        return Map.copyOf(d);
    }

    public static DevstackSettings defaultsWith(Map<String, String> overrides) {
        return from(overrides);
    }

    public static DevstackSettings fromArgs(String[] args, Map<String, String> env) {
        var values = new LinkedHashMap<String, String>();
        for (var name : DEFAULTS.keySet()) {
            var fromEnv = env.get("DEVSTACK_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(name, fromEnv);
            }
        }
        for (var arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Arguments look like --name=value, got: " + arg + ". Known names: "
                        + String.join(", ", DEFAULTS.keySet()));
            }
            var name = arg.substring(2, arg.indexOf('='));
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return from(values);
    }

    private static DevstackSettings from(Map<String, String> given) {
        for (var name : given.keySet()) {
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException(
                        "Unknown devstack setting '" + name + "'. Known: " + String.join(", ", DEFAULTS.keySet()));
            }
        }
        var v = new LinkedHashMap<>(DEFAULTS);
        v.putAll(given);
        boolean ephemeral = switch (v.get("ports")) {
            case "fixed" -> false;
            case "ephemeral" -> true;
            default ->
                throw new IllegalArgumentException("ports must be 'fixed' or 'ephemeral', got: " + v.get("ports"));
        };
        return new DevstackSettings(
                v.get("host"),
                Path.of(v.get("data-dir")).toAbsolutePath().normalize(),
                port(v, "kafka-port", ephemeral),
                port(v, "kafka-controller-port", ephemeral),
                port(v, "s3-port", ephemeral),
                port(v, "sqs-port", ephemeral),
                port(v, "postgres-port", ephemeral),
                port(v, "clamd-port", ephemeral),
                port(v, "control-port", ephemeral),
                v.get("region"),
                v.get("access-key"),
                v.get("secret-key"),
                v.get("uploads-bucket"),
                v.get("media-bucket"),
                v.get("uploads-prefix"),
                v.get("uploads-queue"),
                v.get("uploads-dead-letter-queue"),
                positive(v, "max-receive-count"),
                list(v.get("cors-origins")),
                list(v.get("topics")),
                list(v.get("compacted-topics")),
                positive(v, "topic-partitions"),
                v.get("database"),
                bool(v, "clamav-required"),
                bool(v, "fresh"),
                v.get("parent-pid").isBlank() ? Optional.empty() : Optional.of(Long.parseLong(v.get("parent-pid"))),
                v.get("ready-file").isBlank()
                        ? Optional.empty()
                        : Optional.of(Path.of(v.get("ready-file")).toAbsolutePath()));
    }

    private static int port(Map<String, String> v, String name, boolean ephemeral) {
        if (ephemeral) {
            return 0;
        }
        int port = integer(v, name);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    name + " must be a port number 0..65535 (0 = any free port), got: " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> v, String name) {
        int value = integer(v, name);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got: " + value);
        }
        return value;
    }

    private static int integer(Map<String, String> v, String name) {
        try {
            return Integer.parseInt(v.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got: " + v.get(name), e);
        }
    }

    private static boolean bool(Map<String, String> v, String name) {
        return switch (v.get(name).trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got: " + v.get(name));
        };
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
