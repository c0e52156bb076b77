package com.vehiclephotos.upload.bridge;

import java.util.HashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;

import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The bridge is a small loop over the SDK's async SQS client rather than Spring Cloud AWS's
 * listener: that one needs Jackson 2 (Boot 4 uses 3), and deleting only after Kafka's
 * acknowledgement, extending visibility meanwhile and pausing while Kafka is down are the whole
 * point of this code, so they are written out where they can be read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "upload.bridge.enabled", havingValue = "true")
class BridgeConfiguration {

    @Bean(destroyMethod = "close")
    SqsAsyncClient bridgeSqsClient(BridgeProperties bridge, AwsCredentialsProvider credentials,
                                   @org.springframework.beans.factory.annotation.Value("${upload.s3.region}") String region) {
        var builder = SqsAsyncClient.builder().region(Region.of(region)).credentialsProvider(credentials);
        if (bridge.sqsEndpoint() != null) {
            builder.endpointOverride(bridge.sqsEndpoint());
        }
        return builder.build();
    }

    /** Idempotent, acks=all, and quick to fail so that messages go back to SQS rather than hang. */
    @Bean
    KafkaTemplate<String, PhotoEvent> bridgeKafkaTemplate(KafkaProperties kafka, BridgeProperties bridge) {
        var config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, PhotoEventSerializer.class);
        config.put(PhotoEventSerializer.SOURCE_CONFIG, bridge.source());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) bridge.sendTimeout().dividedBy(2).toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) bridge.sendTimeout().dividedBy(2).toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) bridge.sendTimeout().toMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "upload-api-bridge");
        var factory = new DefaultKafkaProducerFactory<String, PhotoEvent>(config);
        return new KafkaTemplate<>(factory);
    }

    @Bean
    SqsBridge sqsBridge(SqsAsyncClient bridgeSqsClient, KafkaTemplate<String, PhotoEvent> bridgeKafkaTemplate,
                        KafkaProperties kafka, BridgeProperties bridge, MeterRegistry meters) {
        var admin = new HashMap<>(kafka.buildAdminProperties());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return new SqsBridge(bridgeSqsClient, bridgeKafkaTemplate, () -> reachable(admin),
                new NotificationTranslator(bridge.bucket(), bridge.keyPrefix()), bridge, new BridgeMetrics(meters));
    }

    /** DOWN while the bridge waits for Kafka: messages then accumulate in SQS, nothing is lost. */
    @Bean
    HealthIndicator bridge(SqsBridge sqsBridge) {
        return () -> (sqsBridge.isRunning() && sqsBridge.isKafkaAvailable() ? Health.up() : Health.down())
                .withDetail("kafkaAvailable", sqsBridge.isKafkaAvailable())
                .withDetail("queueDepth", sqsBridge.queueDepth())
                .build();
    }

    private static boolean reachable(java.util.Map<String, Object> config) {
        try (var admin = Admin.create(config)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

}
