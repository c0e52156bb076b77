package com.vehiclephotos.upload.presign;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * The caller's W3C trace context ({@code traceparent}), read with OpenTelemetry's own propagator:
 * a malformed or all-zero header is no trace. Rendered again from its parts, never echoed.
 */
record CallerTrace(String traceparent, boolean sampled) {

    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders headers) {
            return headers.headerNames();
        }

        @Override
        public String get(HttpHeaders headers, String key) {
            return headers == null ? null : headers.getFirst(key);
        }
    };

    static Optional<CallerTrace> of(HttpHeaders headers) {
        if (!headers.containsHeader("traceparent")) {
            return Optional.empty();
        }
        var context = Span.fromContext(
                        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS))
                .getSpanContext();
        if (!context.isValid()) {
            return Optional.empty();
        }
        return Optional.of(new CallerTrace(
                "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                        + context.getTraceFlags().asHex(),
                context.isSampled()));
    }
}
