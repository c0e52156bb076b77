package com.vehiclephotos.media.processing;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import com.vehiclephotos.kafka.KafkaClients;
import com.vehiclephotos.kafka.PhotoEventKafka;
import com.vehiclephotos.media.step.RetryLater;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Kafka, declared once, in the shape all services share (kafka-support). A photo whose
 * infrastructure fails ({@link RetryLater}: S3, clamd, Kafka, no worker) is retried with back-off
 * from 1 s to 30 s — the partition waits, nothing unscanned is published — and dead-lettered only
 * after {@code media.kafka.retry-for}; small polls, because one photo can take a second. A file that
 * fails is not retried here but on this service's slow lane (see {@link SlowLane}): its own topic,
 * declared below with its dead-letter twin.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    static final String SOURCE = "/vehicle-photos/media-processor";

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, PhotoEvent> kafkaListenerContainerFactory(
            KafkaClients kafka, DefaultErrorHandler errorHandler) {
        return PhotoEventKafka.listenerFactory(
                kafka,
                errorHandler,
                Map.of(
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4,
                        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000));
    }

    @Bean
    NewTopic slowLaneTopic(@Value("${media.kafka.slow-lane-partitions:3}") int partitions) {
        return TopicBuilder.name(SlowLane.TOPIC).partitions(partitions).build();
    }

    @Bean
    NewTopic slowLaneDeadLetterTopic(@Value("${media.kafka.slow-lane-partitions:3}") int partitions) {
        return TopicBuilder.name(Topics.deadLetterOf(SlowLane.TOPIC))
                .partitions(partitions)
                .build();
    }

    @Bean
    DefaultErrorHandler errorHandler(
            KafkaTemplate<Object, Object> deadLetterTemplate,
            @Value("${media.kafka.retry-for:15m}") Duration retryFor) {
        return PhotoEventKafka.errorHandler(
                deadLetterTemplate, Duration.ofSeconds(1), Duration.ofSeconds(30), retryFor);
    }

    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(KafkaClients kafka) {
        return PhotoEventKafka.deadLetterTemplate(kafka, SOURCE);
    }

    @Bean
    KafkaTemplate<String, PhotoEvent> eventTemplate(KafkaClients kafka) {
        return new KafkaTemplate<>(PhotoEventKafka.producerFactory(kafka, new PhotoEventSerializer(SOURCE)));
    }
}
