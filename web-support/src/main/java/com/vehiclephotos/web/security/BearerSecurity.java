package com.vehiclephotos.web.security;

import com.vehiclephotos.web.problem.ProblemResponses;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The services' one security shape: every {@code /api/**} call needs a bearer JWT, health and
 * metrics and API docs do not, failures answer as problem+json, CORS for the frontend only.
 */
public final class BearerSecurity {

    public static final String[] OPERATIONS_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/webjars/**"
    };

    private BearerSecurity() {}

    /**
     * @param publicPaths further paths anyone may call (e.g. a demo page)
     */
    public static SecurityWebFilterChain chain(
            ServerHttpSecurity http,
            BearerSecurityProperties properties,
            ProblemResponses problems,
            ObjectProvider<ReactiveJwtDecoder> decoders,
            List<String> publicPaths) {
        return chain(http, properties, problems, decoders, publicPaths, null);
    }

    /**
     * @param publicPaths further paths anyone may call (e.g. a demo page)
     * @param outside     requests the chain leaves alone because their handler authenticates them
     *                    itself with {@link BearerAuthentication} (a hot path), or null
     */
    public static SecurityWebFilterChain chain(
            ServerHttpSecurity http,
            BearerSecurityProperties properties,
            ProblemResponses problems,
            ObjectProvider<ReactiveJwtDecoder> decoders,
            List<String> publicPaths,
            ServerWebExchangeMatcher outside) {
        if (outside != null) {
            http.securityMatcher(new NegatedServerWebExchangeMatcher(outside));
        }
        if (decoders.getIfAvailable() == null) {
            throw new IllegalStateException(
                    "No way to validate tokens: set spring.security.oauth2.resourceserver.jwt.issuer-uri "
                            + "(or jwk-set-uri) for your identity provider, or photos.security.hmac-secret for local use");
        }
        var entryPoint = new ProblemEntryPoint(problems);
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                // stateless: every request carries its token. The default context repository and
                // request cache open a WebSession on every request, which in WebFlux means a new
                // session id from SecureRandom on a boundedElastic thread and a hop to the parallel
                // scheduler for the rest of the request (a sixth of upload-api's CPU samples).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .cors(cors -> cors.configurationSource(corsSource(properties.allowedOrigins())))
                .authorizeExchange(auth -> {
                    auth.pathMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    auth.pathMatchers(OPERATIONS_PATHS).permitAll();
                    if (!publicPaths.isEmpty()) {
                        auth.pathMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    }
                    auth.anyExchange().authenticated();
                })
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> {})
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(entryPoint))
                .build();
    }

    /** The frontend's origins may call {@code /api/**} with a token; the same for an endpoint outside the chain. */
    public static CorsConfiguration cors(List<String> origins) {
        var config = new CorsConfiguration();
        config.setAllowedOrigins(origins);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Last-Event-ID"));
        config.setExposedHeaders(List.of("Location", "Retry-After"));
        config.setMaxAge(3600L);
        return config;
    }

    private static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
        var config = cors(origins);
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", config);
        return source;
    }
}
