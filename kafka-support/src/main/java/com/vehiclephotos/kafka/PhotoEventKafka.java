package com.vehiclephotos.kafka;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.kafka.PhotoEventDeserializer;
import com.vehiclephotos.events.kafka.PhotoEventSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one shape in which the services consume and produce photo events: a record that cannot be
 * read goes to {@code <topic>.DLT} (same partition) with the failure in its headers, so it never
 * stops a partition; other failures retry with exponential back-off before they are dead-lettered;
 * producers are idempotent with acks=all and fail fast enough to be retried.
 */
public final class PhotoEventKafka {

    private PhotoEventKafka() {}

    /** Listeners of {@link PhotoEvent}s behind an ErrorHandlingDeserializer; {@code overrides} for poll sizes and such. */
    public static ConcurrentKafkaListenerContainerFactory<String, PhotoEvent> listenerFactory(
            KafkaClients kafka, DefaultErrorHandler errorHandler, Map<String, Object> overrides) {
        var config = new HashMap<String, Object>();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, PhotoEventDeserializer.class.getName());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putAll(overrides);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, PhotoEvent>();
        factory.setConsumerFactory(kafka.consumerFactory(config));
        factory.setCommonErrorHandler(errorHandler);
        return factory;
    }

    /** Retries from {@code initial} doubling up to {@code max} for {@code retryFor}, then the DLT; bad data goes there at once. */
    public static DefaultErrorHandler errorHandler(
            KafkaTemplate<Object, Object> deadLetters, Duration initial, Duration max, Duration retryFor) {
        var recoverer = new DeadLetterPublishingRecoverer(
                deadLetters,
                (record, e) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
        var backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        backOff.setMaxElapsedTime(retryFor.toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(
                IllegalArgumentException.class, NullPointerException.class, ClassCastException.class);
        return handler;
    }

    /** Dead letters keep the original bytes when a record could not be read, the event otherwise. */
    public static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaClients kafka, String source) {
        var serializers = new LinkedHashMap<Class<?>, Serializer<?>>();
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(PhotoEvent.class, new PhotoEventSerializer(source));
        return new KafkaTemplate<>(producerFactory(kafka, new DelegatingByTypeSerializer(serializers, true)));
    }

    /** String keys, the given value serializer; idempotent, acks=all, bounded blocking and delivery. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, V> DefaultKafkaProducerFactory<K, V> producerFactory(KafkaClients kafka, Serializer<?> values) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return (DefaultKafkaProducerFactory) kafka.producerFactory(config, (Serializer) values);
    }
}
