package com.vehiclephotos.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** {@link KafkaClients} from what Boot's Kafka auto-configuration set up: properties, connection details, customizers. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
public class KafkaClientsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaClients kafkaClients(
            KafkaProperties properties,
            KafkaConnectionDetails connection,
            ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> consumerCustomizers,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> producerCustomizers) {
        return new KafkaClients(properties, connection, consumerCustomizers, producerCustomizers);
    }
}
