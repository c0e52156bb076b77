package com.vehiclephotos.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A first look at a running devstack with the AWS SDK and the Kafka client: puts an object under
 * {@code uploads/}, waits for its ObjectCreated message on SQS, and produces a record to Kafka.
 * {@code java -cp devstack/target/devstack.jar com.vehiclephotos.devstack.DevstackSmoke [endpoints.properties]}
 */
public final class DevstackSmoke {

    private DevstackSmoke() {}

    public static void main(String[] args) throws Exception {
        var file = Path.of(args.length > 0 ? args[0] : "devstack-data/endpoints.properties");
        if (!Files.exists(file)) {
            System.err.println("No " + file + ": start devstack first (./run-local), or pass its endpoints.properties");
            System.exit(2);
        }
        run(load(file), System.out);
    }

    static Map<String, String> load(Path file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        var values = new java.util.HashMap<String, String>();
        properties.stringPropertyNames().forEach(n -> values.put(n, properties.getProperty(n)));
        return values;
    }

    /** Returns the notification body that arrived for the object it put. */
    static String run(Map<String, String> e, PrintStream out) throws Exception {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(e.get("s3.access-key"), e.get("s3.secret-key")));
        var region = Region.of(e.get("s3.region"));
        var key = e.get("s3.bucket.uploads-prefix") + "smoke-owner/smoke-vehicle/" + UUID.randomUUID() + "/hello.txt";
        try (var s3 = S3Client.builder()
                        .endpointOverride(URI.create(e.get("s3.endpoint")))
                        .region(region)
                        .credentialsProvider(credentials)
                        .forcePathStyle(true)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
                var sqs = SqsClient.builder()
                        .endpointOverride(URI.create(e.get("sqs.endpoint")))
                        .region(region)
                        .credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            s3.putObject(b -> b.bucket(e.get("s3.bucket.uploads")).key(key), RequestBody.fromString("hello, devstack"));
            out.println("PUT  s3://" + e.get("s3.bucket.uploads") + "/" + key);
            var encodedKey = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("%2F", "/");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var message : sqs.receiveMessage(b -> b.queueUrl(e.get("sqs.queue.uploads.url"))
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(2))
                        .messages()) {
                    if (message.body().contains("\"" + encodedKey + "\"")) {
                        sqs.deleteMessage(
                                b -> b.queueUrl(e.get("sqs.queue.uploads.url")).receiptHandle(message.receiptHandle()));
                        out.println("SQS  " + message.body());
                        produce(e.get("kafka.bootstrap-servers"), out);
                        return message.body();
                    }
                }
            }
            throw new IllegalStateException("No notification for " + key + " arrived within 30 s");
        }
    }

    private static void produce(String bootstrap, PrintStream out) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            var metadata = producer.send(new ProducerRecord<>("photo.uploaded.v1", "smoke", "{\"smoke\":true}"))
                    .get();
            out.println("KAFKA " + metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset());
        }
    }
}
