package com.vehiclephotos.upload.presign;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The presign, exactly {@code POST /api/v1/uploads}: the hot path, which authenticates its callers
 * itself (BearerAuthentication) instead of through Spring Security's filter chain. Anything else —
 * a trailing slash, a sub-path, matrix parameters, another case, an encoded character — is not the
 * presign and meets the chain and its firewall.
 */
public final class PresignRoute {

    public static final String PATH = "/api/v1/uploads";

    private PresignRoute() {}

    public static boolean isPresign(ServerHttpRequest request) {
        return request.getMethod() == HttpMethod.POST
                && PATH.equals(request.getPath().pathWithinApplication().value());
    }

    /** The requests Spring Security's chain leaves to the presign's own authentication. */
    public static ServerWebExchangeMatcher requests() {
        return exchange -> isPresign(exchange.getRequest())
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }
}
