package com.vehiclephotos.media.processing;

import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Continues the trace of the presign request that made an upload (its {@code traceparent}, signed
 * into the object's metadata by upload-api): the outcome is announced inside a span of that trace,
 * so PhotoReady and PhotoRejected carry it on in their Kafka headers to vehicle-service.
 */
@Component
class UploadTrace {

    /** Ends the span; closing throws nothing. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    UploadTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** A span in the upload's trace, current until closed; nothing when there is no trace to continue. */
    Scope continueFrom(Optional<String> traceparent, String name) {
        var t = tracer.getIfAvailable();
        var p = propagator.getIfAvailable();
        if (traceparent.isEmpty() || t == null || p == null) {
            return () -> { };
        }
        var span = p.extract(Map.of("traceparent", traceparent.get()), Map::get).name(name).start();
        var scope = t.withSpan(span);
        return () -> {
            scope.close();
            span.end();
        };
    }
}
