package com.vehiclephotos.upload.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import com.vehiclephotos.upload.system.ProblemResponses;

/**
 * Every API call needs a bearer JWT; health, metrics, the API docs and (when enabled) dev tokens
 * do not. Failures answer as problem+json. CORS is for the configured frontend origins only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, SecurityProperties properties, ProblemResponses problems,
                               ObjectProvider<ReactiveJwtDecoder> decoders,
                               @Value("${upload.api.enabled:true}") boolean apiEnabled) {
        if (!apiEnabled) {
            return bridgeOnly(http, problems);
        }
        if (decoders.getIfAvailable() == null) {
            throw new IllegalStateException("No way to validate tokens: set spring.security.oauth2.resourceserver.jwt.issuer-uri "
                    + "(or jwk-set-uri) for your identity provider, or upload.security.hmac-secret for local use");
        }
        var entryPoint = new ProblemEntryPoint(problems);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .cors(cors -> cors.configurationSource(cors(properties.allowedOrigins())))
                .authorizeExchange(auth -> {
                    auth.pathMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    auth.pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll();
                    auth.pathMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**").permitAll();
                    if (properties.devTokens()) {
                        auth.pathMatchers(HttpMethod.POST, DevTokenController.PATH).permitAll();
                    }
                    auth.anyExchange().authenticated();
                })
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> { }).authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(entryPoint))
                .build();
    }

    /** A bridge-only deployment serves its health and metrics, nothing else. */
    private static SecurityWebFilterChain bridgeOnly(ServerHttpSecurity http, ProblemResponses problems) {
        var entryPoint = new ProblemEntryPoint(problems);
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(auth -> auth
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll()
                        .anyExchange().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .build();
    }

    /** Local development: tokens signed with a shared HMAC key instead of an identity provider's keys. */
    @Bean
    @ConditionalOnExpression("'${upload.security.hmac-secret:}' != ''")
    ReactiveJwtDecoder hmacJwtDecoder(SecurityProperties properties) {
        var key = new SecretKeySpec(properties.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        var config = new CorsConfiguration();
        config.setAllowedOrigins(origins);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        config.setExposedHeaders(List.of("Location", "Retry-After"));
        config.setMaxAge(3600L);
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", config);
        return source;
    }
}
