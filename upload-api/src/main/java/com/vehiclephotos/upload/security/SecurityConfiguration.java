package com.vehiclephotos.upload.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.vehiclephotos.web.problem.ProblemResponses;
import com.vehiclephotos.web.security.BearerSecurity;
import com.vehiclephotos.web.security.BearerSecurityProperties;
import com.vehiclephotos.web.security.ProblemEntryPoint;

/** The services' bearer-token shape (web-support), plus dev tokens and the demo page where enabled, and a bridge-only mode. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, BearerSecurityProperties bearer, SecurityProperties properties,
                               ProblemResponses problems, ObjectProvider<ReactiveJwtDecoder> decoders,
                               @Value("${upload.api.enabled:true}") boolean apiEnabled,
                               @Value("${upload.demo.enabled:false}") boolean demoEnabled) {
        if (!apiEnabled) {
            return bridgeOnly(http, problems);
        }
        if (properties.devTokens() && !bearer.hasHmacSecret()) {
            throw new IllegalStateException("upload.security.dev-tokens needs photos.security.hmac-secret");
        }
        var publicPaths = new java.util.ArrayList<String>();
        if (properties.devTokens()) {
            publicPaths.add(DevTokenController.PATH);
        }
        if (demoEnabled) {
            publicPaths.addAll(List.of("/demo", "/demo/**")); // static files; every call they make carries a token
        }
        return BearerSecurity.chain(http, bearer, problems, decoders, publicPaths);
    }

    /** A bridge-only deployment serves its health and metrics, nothing else. */
    private static SecurityWebFilterChain bridgeOnly(ServerHttpSecurity http, ProblemResponses problems) {
        var entryPoint = new ProblemEntryPoint(problems);
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(auth -> auth.pathMatchers(BearerSecurity.OPERATIONS_PATHS).permitAll().anyExchange().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                .build();
    }
}
