package com.vehiclephotos.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Every Kafka client of a service is made here, the way Boot makes its own: from
 * {@code spring.kafka.*}, with the broker address from {@link KafkaConnectionDetails} (so a
 * Testcontainers service connection applies), and with Boot's factory customizers — which is how
 * Micrometer's Kafka client metrics ({@code kafka_consumer_*}, {@code kafka_producer_*}, consumer
 * lag) reach {@code /actuator/prometheus} for every consumer and producer, not only Boot's own.
 */
public final class KafkaClients {

    private final KafkaProperties properties;
    private final KafkaConnectionDetails connection;
    private final ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> consumerCustomizers;
    private final ObjectProvider<DefaultKafkaProducerFactoryCustomizer> producerCustomizers;

    public KafkaClients(
            KafkaProperties properties,
            KafkaConnectionDetails connection,
            ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> consumerCustomizers,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> producerCustomizers) {
        this.properties = properties;
        this.connection = connection;
        this.consumerCustomizers = consumerCustomizers;
        this.producerCustomizers = producerCustomizers;
    }

    /** String keys, the given values; {@code overrides} on top of {@code spring.kafka.consumer.*}. */
    public <V> DefaultKafkaConsumerFactory<String, V> consumerFactory(
            Map<String, Object> overrides, Deserializer<V> values) {
        var config = new HashMap<>(properties.buildConsumerProperties());
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                connection.getConsumer().getBootstrapServers());
        config.putAll(overrides);
        var factory = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), values);
        consumerCustomizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    /** Consumers configured by class names in {@code config} (an ErrorHandlingDeserializer, for instance). */
    public <V> DefaultKafkaConsumerFactory<String, V> consumerFactory(Map<String, Object> overrides) {
        var config = new HashMap<>(properties.buildConsumerProperties());
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                connection.getConsumer().getBootstrapServers());
        config.putAll(overrides);
        var factory = new DefaultKafkaConsumerFactory<String, V>(config);
        consumerCustomizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    /** String keys, the given values; {@code overrides} on top of {@code spring.kafka.producer.*}. */
    public <V> DefaultKafkaProducerFactory<String, V> producerFactory(
            Map<String, Object> overrides, Serializer<V> values) {
        var config = new HashMap<>(properties.buildProducerProperties());
        config.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                connection.getProducer().getBootstrapServers());
        config.putAll(overrides);
        var factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), values);
        producerCustomizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    /** For an {@code Admin} client; {@code overrides} on top of {@code spring.kafka.admin.*}. */
    public Map<String, Object> adminProperties(Map<String, Object> overrides) {
        var config = new HashMap<>(properties.buildAdminProperties());
        config.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                connection.getAdmin().getBootstrapServers());
        config.putAll(overrides);
        return config;
    }
}
