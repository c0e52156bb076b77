package com.vehiclephotos.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers written outside the chain are exactly those of Spring Security's default chain, in
 * every case its writers distinguish: plain HTTP, HTTPS (HSTS), a response that set its own cache
 * headers or frame options, a 304.
 */
class SecurityHeadersTest {

    @Test
    void plainHttp() {
        assertSameAsTheChain("http://api.example/api/v1/uploads", response -> {});
    }

    @Test
    void httpsAddsStrictTransportSecurity() {
        var ours = ours("https://api.example/api/v1/uploads", response -> {});
        assertThat(ours).containsEntry("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        assertSameAsTheChain("https://api.example/api/v1/uploads", response -> {});
    }

    @Test
    void aResponsesOwnCacheControlIsKeptAndPragmaAndExpiresAreNotAdded() {
        var ours =
                ours("http://api.example/x", e -> e.getResponse().getHeaders().setCacheControl("no-store"));
        assertThat(ours).containsEntry("Cache-Control", "no-store").doesNotContainKeys("Pragma", "Expires");
        assertSameAsTheChain(
                "http://api.example/x", e -> e.getResponse().getHeaders().setCacheControl("no-store"));
    }

    @Test
    void aResponsesOwnFrameOptionsAreKept() {
        assertSameAsTheChain(
                "http://api.example/x", e -> e.getResponse().getHeaders().set("x-frame-options", "SAMEORIGIN"));
    }

    @Test
    void notModifiedGetsNoCacheHeaders() {
        var ours = ours("http://api.example/x", e -> e.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED));
        assertThat(ours).doesNotContainKeys("Cache-Control", "Pragma", "Expires");
        assertSameAsTheChain("http://api.example/x", e -> e.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED));
    }

    private static void assertSameAsTheChain(String url, Consumer<ServerWebExchange> handler) {
        assertThat(ours(url, handler)).isEqualTo(theChains(url, handler)).isNotEmpty();
    }

    private static Map<String, String> ours(String url, Consumer<ServerWebExchange> handler) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
        handler.accept(exchange);
        SecurityHeaders.write(exchange);
        return headers(exchange);
    }

    /** What the header filter of a chain built with Spring Security's defaults writes. */
    private static Map<String, String> theChains(String url, Consumer<ServerWebExchange> handler) {
        var chain = ServerHttpSecurity.http()
                .authorizeExchange(auth -> auth.anyExchange().permitAll())
                .build();
        var headerFilter = chain.getWebFilters()
                .filter(HttpHeaderWriterWebFilter.class::isInstance)
                .blockFirst();
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
        headerFilter
                .filter(exchange, e -> {
                    handler.accept(e);
                    return e.getResponse().setComplete();
                })
                .block();
        return headers(exchange);
    }

    private static Map<String, String> headers(ServerWebExchange exchange) {
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        exchange.getResponse().getHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }
}
