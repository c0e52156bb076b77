package com.vehiclephotos.kafka;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** One {@link KafkaTrace} per service, on whichever tracer Boot configured (none: a no-op). */
@AutoConfiguration(
        afterName = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
public class KafkaTraceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaTrace kafkaTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new KafkaTrace(tracer.getIfAvailable(), propagator.getIfAvailable());
    }
}
