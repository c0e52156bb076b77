package com.vehiclephotos.vehicles.system;

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
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.PhotoEventDeserializer;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import com.vehiclephotos.events.kafka.VehicleOwnershipSerde;

/**
 * Kafka, declared once: the photo-event consumer (a record it cannot read, or that keeps failing,
 * goes to {@code <topic>.DLT} with the failure in headers, so one bad record never stops a
 * partition; transient failures retry with exponential back-off), and the producer the outbox
 * relay sends through (idempotent, acks=all).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    static final String SOURCE = "/vehicle-photos/vehicle-service";

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, PhotoEvent> kafkaListenerContainerFactory(KafkaProperties kafka,
                                                                                             DefaultErrorHandler errorHandler) {
        var config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, PhotoEventDeserializer.class.getName());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, PhotoEvent>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.setCommonErrorHandler(errorHandler);
        return factory;
    }

    @Bean
    DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> deadLetterTemplate) {
        var recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, e) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(120_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class, NullPointerException.class, ClassCastException.class);
        return handler;
    }

    /** Dead letters keep the original bytes when a record could not be read, the event otherwise. */
    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafka) {
        var serializers = new LinkedHashMap<Class<?>, Serializer<?>>();
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(PhotoEvent.class, new PhotoEventSerializer(SOURCE));
        return new KafkaTemplate<>(producerFactory(kafka, new DelegatingByTypeSerializer(serializers, true)));
    }

    @Bean
    KafkaTemplate<String, Object> outboxKafkaTemplate(KafkaProperties kafka) {
        var serializers = new LinkedHashMap<Class<?>, Serializer<?>>();
        serializers.put(PhotoEvent.class, new PhotoEventSerializer(SOURCE));
        serializers.put(VehicleOwnership.class, new VehicleOwnershipSerde.OwnershipSerializer());
        return new KafkaTemplate<>(producerFactory(kafka, new DelegatingByTypeSerializer(serializers, true)));
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
