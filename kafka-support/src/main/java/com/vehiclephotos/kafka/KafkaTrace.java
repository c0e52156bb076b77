package com.vehiclephotos.kafka;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * W3C trace context across Kafka, done by hand: {@link #inject} writes the current span as a
 * {@code traceparent} header, {@link #continueFrom} makes a span of a received one current.
 *
 * <p>Not spring-kafka's observation support: with it, every send and every listener container
 * start asks a KafkaAdmin for the cluster id, which blocks for the admin timeout while the broker
 * is down — exactly when the bridge and the processor must stay responsive.
 */
public final class KafkaTrace {

    public static final String HEADER = "traceparent";

    /** Ends the span it opened; closing throws nothing. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    /** Either may be null (no tracer on the classpath): then nothing is traced. */
    public KafkaTrace(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span as a W3C traceparent, if there is one. */
    public Optional<String> current() {
        var span = tracer == null ? null : tracer.currentSpan();
        if (span == null || propagator == null) {
            return Optional.empty();
        }
        var carrier = new HashMap<String, String>();
        propagator.inject(span.context(), carrier, HashMap::put);
        return Optional.ofNullable(carrier.get(HEADER));
    }

    /** Adds the current trace to a record's headers. */
    public void inject(Headers headers) {
        current().ifPresent(t -> headers.remove(HEADER).add(HEADER, t.getBytes(StandardCharsets.UTF_8)));
    }

    /** A span named {@code name} in the given trace, current until closed; a no-op without a trace. */
    public Scope continueFrom(@Nullable String traceparent, String name) {
        if (traceparent == null || traceparent.isBlank() || tracer == null || propagator == null) {
            return () -> {};
        }
        var span = propagator
                .extract(Map.of(HEADER, traceparent), Map::get)
                .name(name)
                .start();
        var scope = tracer.withSpan(span);
        return () -> {
            scope.close();
            span.end();
        };
    }

    /** The traceparent header of a record, if it has one. */
    public static @Nullable String header(Headers headers) {
        var header = headers.lastHeader(HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
