package com.vehiclephotos.media.processing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.kafka.PhotoEventDeserializer;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import com.vehiclephotos.media.pipeline.RetryLater;

/**
 * Kafka, declared once. A record that cannot be read goes straight to {@code <topic>.DLT}; a photo
 * whose infrastructure fails ({@link RetryLater}: S3, clamd, Kafka) is retried with exponential
 * back-off — the partition waits, nothing unscanned is published — and dead-lettered only after
 * {@code media.kafka.retry-for}. Events are sent idempotently with acks=all.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    static final String SOURCE = "/vehicle-photos/media-processor";

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, PhotoEvent> kafkaListenerContainerFactory(KafkaProperties kafka,
                                                                                             DefaultErrorHandler errorHandler) {
        var config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, PhotoEventDeserializer.class.getName());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, PhotoEvent>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.setCommonErrorHandler(errorHandler);
        return factory;
    }

    @Bean
    DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> deadLetterTemplate,
                                     @org.springframework.beans.factory.annotation.Value("${media.kafka.retry-for:15m}") java.time.Duration retryFor) {
        var recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, e) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
        var backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(retryFor.toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class, NullPointerException.class, ClassCastException.class);
        return handler;
    }

    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafka) {
        var serializers = new LinkedHashMap<Class<?>, Serializer<?>>();
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(PhotoEvent.class, new PhotoEventSerializer(SOURCE));
        return new KafkaTemplate<>(producerFactory(kafka, new DelegatingByTypeSerializer(serializers, true)));
    }

    @Bean
    KafkaTemplate<String, PhotoEvent> eventTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(producerFactory(kafka, new PhotoEventSerializer(SOURCE)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K, V> DefaultKafkaProducerFactory<K, V> producerFactory(KafkaProperties kafka, Serializer<?> values) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new DefaultKafkaProducerFactory(config, new StringSerializer(), values);
    }
}
