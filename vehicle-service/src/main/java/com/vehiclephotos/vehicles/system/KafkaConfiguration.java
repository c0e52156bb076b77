package com.vehiclephotos.vehicles.system;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.kafka.KafkaClients;
import com.vehiclephotos.kafka.PhotoEventKafka;
import com.vehiclephotos.vehicles.VehicleServiceApplication;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Kafka, declared once: the photo-event consumer in the shape all services share (kafka-support:
 * unreadable records to the DLT at once, other failures retried for two minutes, then the DLT),
 * and the producer the outbox relay sends through.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final String SOURCE = VehicleServiceApplication.EVENT_SOURCE;

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, PhotoEvent> kafkaListenerContainerFactory(
            KafkaClients kafka, DefaultErrorHandler errorHandler) {
        return PhotoEventKafka.listenerFactory(kafka, errorHandler, Map.of());
    }

    @Bean
    DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> deadLetterTemplate) {
        return PhotoEventKafka.errorHandler(
                deadLetterTemplate, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(2));
    }

    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(KafkaClients kafka) {
        return PhotoEventKafka.deadLetterTemplate(kafka, SOURCE);
    }

    /** Sends what the outbox stored as it is: the records were serialized when the change was committed. */
    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaClients kafka) {
        return new KafkaTemplate<>(PhotoEventKafka.producerFactory(kafka, new ByteArraySerializer()));
    }
}
