package com.vehiclephotos.upload.presign;

import java.util.HashMap;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The W3C {@code traceparent} of the presign request. It rides with the upload as signed object
 * metadata (the S3 event that follows carries no headers), so the processor can continue the trace
 * and hand it on through Kafka headers to vehicle-service.
 */
@Component
class TraceParent {

    static final String METADATA = "traceparent";
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    TraceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    Optional<String> current() {
        var t = tracer.getIfAvailable();
        var p = propagator.getIfAvailable();
        var span = t == null ? null : t.currentSpan();
        if (span == null || p == null) {
            return Optional.empty();
        }
        var carrier = new HashMap<String, String>();
        p.inject(span.context(), carrier, HashMap::put);
        return Optional.ofNullable(carrier.get(METADATA));
    }
}
