package com.vehiclephotos.bridge;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import com.vehiclephotos.kafka.KafkaClients;
import com.vehiclephotos.kafka.KafkaTrace;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The bridge is a small loop over the SDK's async SQS client rather than Spring Cloud AWS's
 * listener: that one needs Jackson 2 (Boot 4 uses 3), and deleting only after Kafka's
 * acknowledgement, extending visibility meanwhile and pausing while Kafka is down are the whole
 * point of this code, so they are written out where they can be read.
 */
@Configuration(proxyBeanMethods = false)
class BridgeConfiguration {

    @Bean(destroyMethod = "close")
    SqsAsyncClient bridgeSqsClient(BridgeProperties bridge) {
        var builder = SqsAsyncClient.builder()
                .region(Region.of(bridge.region()))
                .credentialsProvider(
                        bridge.hasStaticCredentials()
                                ? StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(bridge.accessKey(), bridge.secretKey()))
                                : DefaultCredentialsProvider.builder().build());
        if (bridge.sqsEndpoint() != null) {
            builder.endpointOverride(bridge.sqsEndpoint());
        }
        return builder.build();
    }

    /** Idempotent, acks=all, and quick to fail so that messages go back to SQS rather than hang. */
    @Bean
    KafkaTemplate<String, PhotoEvent> bridgeKafkaTemplate(KafkaClients kafka, BridgeProperties bridge) {
        var sendTimeout = bridge.sendTimeout();
        return new KafkaTemplate<>(kafka.producerFactory(
                Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        (int) sendTimeout.dividedBy(2).toMillis(),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) sendTimeout.dividedBy(2).toMillis(),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) sendTimeout.toMillis(),
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "upload-bridge"),
                new PhotoEventSerializer(bridge.source())));
    }

    @Bean
    SqsBridge sqsBridge(
            SqsAsyncClient bridgeSqsClient,
            KafkaTemplate<String, PhotoEvent> bridgeKafkaTemplate,
            KafkaClients kafka,
            BridgeProperties bridge,
            MeterRegistry meters,
            KafkaTrace trace) {
        var admin = kafka.adminProperties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5000));
        var metrics = new BridgeMetrics(meters);
        var queue = new UploadQueue(bridgeSqsClient, bridge);
        return new SqsBridge(
                queue,
                new KafkaSends(bridgeKafkaTemplate, queue, bridge, trace),
                new KafkaGate(() -> reachable(admin), bridge.maxBackoff(), metrics),
                new NotificationTranslator(bridge.bucket()),
                bridge,
                metrics);
    }

    /** DOWN while the bridge waits for Kafka: messages then accumulate in SQS, nothing is lost. */
    @Bean
    HealthIndicator bridge(SqsBridge sqsBridge) {
        return () -> (sqsBridge.isRunning() && sqsBridge.isKafkaAvailable() ? Health.up() : Health.down())
                .withDetail("kafkaAvailable", sqsBridge.isKafkaAvailable())
                .withDetail("queueDepth", sqsBridge.queueDepth())
                .build();
    }

    private static boolean reachable(Map<String, Object> config) {
        try (var admin = Admin.create(config)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                    .nodes()
                    .get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
