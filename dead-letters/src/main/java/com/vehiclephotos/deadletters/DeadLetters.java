package com.vehiclephotos.deadletters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The operator's command for what the pipeline set aside: Kafka dead-letter topics ({@code <topic>.DLT},
 * written by the services' error handlers) and the uploads SQS dead-letter queue (written by the
 * bridge). List them, look at one, and replay them once the cause is fixed. See docs/OPERATIONS.md.
 *
 * <pre>
 * ./dead-letters kafka list photo.uploaded.v1.DLT
 * ./dead-letters kafka show photo.uploaded.v1.DLT 0 12
 * ./dead-letters kafka replay photo.uploaded.v1.DLT [--partition=0 --offset=12] [--dry-run]
 * ./dead-letters sqs list [--full]
 * ./dead-letters sqs replay [--max=100] [--dry-run]
 * </pre>
 *
 * Connection settings come from {@code --name=value} options, else environment variables
 * (KAFKA_BOOTSTRAP_SERVERS, AWS_SQS_ENDPOINT_URL, UPLOADS_QUEUE_URL, UPLOADS_DLQ_URL, AWS_REGION and the
 * AWS default credential chain), else ./run-local's devstack-data/endpoints.properties.
 */
public final class DeadLetters {

    static final String USAGE = """
            usage: dead-letters kafka list <dlt-topic>
                   dead-letters kafka show <dlt-topic> <partition> <offset>
                   dead-letters kafka replay <dlt-topic> [--partition=P --offset=O] [--dry-run]
                   dead-letters sqs list [--full]
                   dead-letters sqs replay [--max=N] [--dry-run]
            options: --bootstrap-servers= --sqs-endpoint= --queue-url= --dlq-url= --region= --access-key= --secret-key=
                     --endpoints=devstack-data/endpoints.properties
            """;

    private DeadLetters() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; the exit status: 0 done, 1 failed, 2 bad usage. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        var words = new ArrayList<String>();
        var options = new HashMap<String, String>();
        for (var arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
            } else {
                words.add(arg);
            }
        }
        try {
            var settings = Settings.of(options);
            if (words.size() >= 2 && words.get(0).equals("kafka")) {
                return kafka(words, options, settings, out);
            }
            if (words.size() == 2 && words.get(0).equals("sqs")) {
                return sqs(words.get(1), options, settings, out);
            }
            err.print(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            err.println("Kafka did not answer in time: is it running, and is --bootstrap-servers right? ("
                    + e.getMessage() + ")");
            return 1;
        } catch (RuntimeException e) {
            err.println("failed: " + e);
            return 1;
        }
    }

    private static int kafka(List<String> words, Map<String, String> options, Settings settings, PrintStream out) {
        if (words.size() < 3) {
            throw new IllegalArgumentException("which dead-letter topic? e.g. photo.uploaded.v1.DLT");
        }
        var topic = words.get(2);
        if (!topic.endsWith(".DLT")) {
            throw new IllegalArgumentException(topic + " is not a dead-letter topic (they end in .DLT)");
        }
        try (var kafka = new KafkaDeadLetters(settings.require("bootstrap-servers"), out)) {
            switch (words.get(1)) {
                case "list" -> kafka.list(topic);
                case "show" -> {
                    if (words.size() != 5) {
                        throw new IllegalArgumentException("show needs <dlt-topic> <partition> <offset>");
                    }
                    kafka.show(topic, Integer.parseInt(words.get(3)), Long.parseLong(words.get(4)));
                }
                case "replay" -> {
                    boolean dryRun = options.containsKey("dry-run");
                    if (options.containsKey("offset")) {
                        kafka.replayOne(
                                topic,
                                Integer.parseInt(options.getOrDefault("partition", "0")),
                                Long.parseLong(options.get("offset")),
                                dryRun);
                    } else {
                        kafka.replayAll(topic, dryRun);
                    }
                }
                default -> throw new IllegalArgumentException("unknown kafka command: " + words.get(1));
            }
        }
        return 0;
    }

    private static int sqs(String command, Map<String, String> options, Settings settings, PrintStream out) {
        try (var sqs = new SqsDeadLetters(settings, out)) {
            switch (command) {
                case "list" -> sqs.list(options.containsKey("full"));
                case "replay" ->
                    sqs.replay(Integer.parseInt(options.getOrDefault("max", "1000")), options.containsKey("dry-run"));
                default -> throw new IllegalArgumentException("unknown sqs command: " + command);
            }
        }
        return 0;
    }

    /** Options first, then environment variables, then ./run-local's endpoints file. */
    record Settings(Map<String, String> values) {

        private static final Map<String, String[]> SOURCES = Map.of(
                "bootstrap-servers", new String[] {"KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap-servers"},
                "sqs-endpoint", new String[] {"AWS_SQS_ENDPOINT_URL", "sqs.endpoint"},
                "queue-url", new String[] {"UPLOADS_QUEUE_URL", "sqs.queue.uploads.url"},
                "dlq-url", new String[] {"UPLOADS_DLQ_URL", "sqs.queue.uploads-dlq.url"},
                "region", new String[] {"AWS_REGION", "s3.region"},
                "access-key", new String[] {"AWS_ACCESS_KEY_ID", "s3.access-key"},
                "secret-key", new String[] {"AWS_SECRET_ACCESS_KEY", "s3.secret-key"});

        static Settings of(Map<String, String> options) {
            var file = new Properties();
            var path = Path.of(options.getOrDefault("endpoints", "devstack-data/endpoints.properties"));
            if (Files.isRegularFile(path)) {
                try (Reader reader = Files.newBufferedReader(path)) {
                    file.load(reader);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
                }
            }
            var values = new HashMap<String, String>();
            SOURCES.forEach((name, sources) -> {
                var value = options.getOrDefault(name, System.getenv(sources[0]));
                if (value == null) {
                    value = file.getProperty(sources[1]);
                }
                if (value != null && !value.isBlank()) {
                    values.put(name, value);
                }
            });
            return new Settings(values);
        }

        String require(String name) {
            var value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + " is needed (or " + SOURCES.get(name)[0] + ")");
            }
            return value;
        }

        String get(String name) {
            return values.get(name);
        }
    }
}
