package com.vehiclephotos.web.security;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * The response headers Spring Security's filter chain writes by default (cache control, no
 * sniffing, HSTS on HTTPS, no framing, no XSS auditor, no referrer), for an endpoint outside the chain. Spring
 * Security's own writers give the same headers ({@code SecurityHeadersTest} compares them in every
 * case), but each one copies the response's headers into a case-insensitive set to look for its
 * own (Spring Framework 7's {@code HttpHeaders.forEach}): six percent of the presign's CPU. Each
 * group is written only when none of its headers is there yet, as Spring Security does.
 */
final class SecurityHeaders {

    private static final List<Header> CACHE_CONTROL = List.of(
            new Header(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate"),
            new Header(HttpHeaders.PRAGMA, "no-cache"),
            new Header(HttpHeaders.EXPIRES, "0"));
    private static final List<Header> CONTENT_TYPE_OPTIONS = List.of(new Header("X-Content-Type-Options", "nosniff"));
    private static final List<Header> STRICT_TRANSPORT_SECURITY =
            List.of(new Header("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
    private static final List<Header> FRAME_OPTIONS = List.of(new Header("X-Frame-Options", "DENY"));
    private static final List<Header> XSS_PROTECTION = List.of(new Header("X-XSS-Protection", "0"));
    private static final List<Header> REFERRER_POLICY = List.of(new Header("Referrer-Policy", "no-referrer"));

    private SecurityHeaders() {}

    static void write(ServerWebExchange exchange) {
        var headers = exchange.getResponse().getHeaders();
        if (exchange.getResponse().getStatusCode() != HttpStatus.NOT_MODIFIED) {
            writeGroup(headers, CACHE_CONTROL);
        }
        writeGroup(headers, CONTENT_TYPE_OPTIONS);
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            writeGroup(headers, STRICT_TRANSPORT_SECURITY);
        }
        writeGroup(headers, FRAME_OPTIONS);
        writeGroup(headers, XSS_PROTECTION);
        writeGroup(headers, REFERRER_POLICY);
    }

    private static void writeGroup(HttpHeaders headers, List<Header> group) {
        for (var header : group) {
            if (headers.containsHeader(header.name())) {
                return;
            }
        }
        for (var header : group) {
            headers.set(header.name(), header.value());
        }
    }

    private record Header(String name, String value) {}
}
