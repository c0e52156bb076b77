package com.vehiclephotos.kafka;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
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
        return continueFrom(traceparent, name, null);
    }

    /**
     * As {@link #continueFrom(String, String)}, with a link to the span {@code linked} names (another
     * trace that led here, e.g. the bridge's, which could not join the presign's); without
     * {@code traceparent}, the span continues {@code linked} instead.
     */
    public Scope continueFrom(@Nullable String traceparent, String name, @Nullable String linked) {
        if (isBlank(traceparent)) {
            traceparent = linked;
            linked = null;
        }
        if (isBlank(traceparent) || tracer == null || propagator == null) {
            return () -> {};
        }
        var builder = propagator.extract(Map.of(HEADER, traceparent), Map::get).name(name);
        var link = isBlank(linked) || linked.equals(traceparent) ? null : contextOf(linked);
        if (link != null) {
            builder = builder.addLink(new Link(link));
        }
        return current(builder.start());
    }

    /** A span that starts a new trace, current until closed; for work that arrives without one. */
    public Scope startTrace(String name) {
        if (tracer == null) {
            return () -> {};
        }
        try (var none = tracer.withSpan(null)) {
            return current(tracer.nextSpan().name(name).start());
        }
    }

    private Scope current(Span span) {
        var scope = tracer.withSpan(span);
        return () -> {
            scope.close();
            span.end();
        };
    }

    /** The context a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}) names, or null if it is not one. */
    private @Nullable TraceContext contextOf(String traceparent) {
        var parts = traceparent.trim().split("-");
        if (parts.length != 4
                || !parts[1].matches("[0-9a-f]{32}")
                || !parts[2].matches("[0-9a-f]{16}")
                || !parts[3].matches("[0-9a-f]{2}")) {
            return null;
        }
        return tracer.traceContextBuilder()
                .traceId(parts[1])
                .spanId(parts[2])
                .sampled((Integer.parseInt(parts[3], 16) & 1) == 1)
                .build();
    }

    private static boolean isBlank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    /** The traceparent header of a record, if it has one. */
    public static @Nullable String header(Headers headers) {
        var header = headers.lastHeader(HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
