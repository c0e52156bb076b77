package com.vehiclephotos.upload.presign;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The presign, {@code POST /api/v1/uploads}: the hot path, which authenticates its callers itself
 * (BearerAuthentication) instead of through Spring Security's filter chain.
 */
public final class PresignRoute {

    public static final String PATH = "/api/v1/uploads";

    private PresignRoute() {}

    /** The requests Spring Security's chain leaves to the presign's own authentication. */
    public static ServerWebExchangeMatcher requests() {
        return ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, PATH);
    }
}
