package com.vehiclephotos.vehicles.system;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.VehicleOwnership;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import com.vehiclephotos.events.kafka.VehicleOwnershipSerde;
import com.vehiclephotos.kafka.KafkaClients;
import com.vehiclephotos.kafka.PhotoEventKafka;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Kafka, declared once: the photo-event consumer in the shape all services share (kafka-support:
 * unreadable records to the DLT at once, other failures retried for two minutes, then the DLT),
 * and the producer the outbox relay sends through.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    static final String SOURCE = "/vehicle-photos/vehicle-service";

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

    @Bean
    KafkaTemplate<String, Object> outboxKafkaTemplate(KafkaClients kafka) {
        var serializers = new LinkedHashMap<Class<?>, Serializer<?>>();
        serializers.put(PhotoEvent.class, new PhotoEventSerializer(SOURCE));
        serializers.put(VehicleOwnership.class, new VehicleOwnershipSerde.OwnershipSerializer());
        return new KafkaTemplate<>(
                PhotoEventKafka.producerFactory(kafka, new DelegatingByTypeSerializer(serializers, true)));
    }
}
