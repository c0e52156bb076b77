package com.vehiclephotos.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.vehiclephotos.web.problem.ApiProblem;
import com.vehiclephotos.web.problem.CommonProblem;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's bearer-token authentication for an endpoint that is kept out of the filter
 * chain because it is the hot path (upload-api's presign: the chain's dozen filters cost a third of
 * its rate, docs/BENCHMARKS.md). The same parts as the chain: Spring Security's token converter,
 * the application's {@link ReactiveJwtDecoder} with its validators (signature, expiry, issuer,
 * audience), the chain's default security headers ({@link SecurityHeaders}), and the same 401 answer with the RFC 6750
 * challenge as {@link ProblemEntryPoint}.
 *
 * <p>A verified token is remembered, by the exact text of its {@code Authorization} header, until it expires (at most {@link
 * #REMEMBERED} and {@link #REMEMBERED_TOKENS} of them): a browser sends the same token with every
 * photo of a batch, and checking it again gives the same answer until then. Nothing else is cached —
 * a token that failed is checked again each time.
 */
public final class BearerAuthentication {

    private final ServerBearerTokenAuthenticationConverter tokens = new ServerBearerTokenAuthenticationConverter();
    private final JwtReactiveAuthenticationManager manager;

    static final Duration REMEMBERED = Duration.ofMinutes(5);
    static final int REMEMBERED_TOKENS = 10_000;

    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt)))
            .build();

    public BearerAuthentication(ReactiveJwtDecoder decoder) {
        this.manager = new JwtReactiveAuthenticationManager(decoder);
    }

    /**
     * The caller's verified token, or an {@link ApiProblem} 401 (with {@code WWW-Authenticate} set
     * on the response) when there is none or it is invalid, expired or not for this service.
     */
    public Mono<Jwt> authenticate(ServerWebExchange exchange) {
        exchange.getResponse().beforeCommit(() -> {
            SecurityHeaders.write(exchange);
            return Mono.empty();
        });
        // the Authorization header exactly as it was when its token passed the converter and the
        // decoder: the converter's pattern costs as much as the rest of a remembered token's check
        var header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        var known = header == null ? null : verified.getIfPresent(header);
        if (known != null
                && (known.getExpiresAt() == null || known.getExpiresAt().isAfter(Instant.now()))) {
            return Mono.just(known);
        }
        return tokens.convert(exchange)
                .switchIfEmpty(Mono.error(() -> new AuthenticationCredentialsNotFoundException("no bearer token")))
                .flatMap(manager::authenticate)
                .map(authentication -> (Jwt) authentication.getPrincipal())
                .doOnNext(jwt -> {
                    if (header != null) {
                        verified.put(header, jwt);
                    }
                })
                .onErrorMap(AuthenticationException.class, e -> unauthenticated(exchange));
    }

    /** Until the token expires, and no longer than {@link #REMEMBERED}. */
    private static Duration lifetime(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return REMEMBERED;
        }
        var left = Duration.between(Instant.now(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left.compareTo(REMEMBERED) < 0 ? left : REMEMBERED;
    }

    private static ApiProblem unauthenticated(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, ProblemEntryPoint.challenge(exchange));
        return new ApiProblem(CommonProblem.UNAUTHENTICATED, ProblemEntryPoint.detail(exchange));
    }
}
