package com.vehiclephotos.upload.security;

import com.vehiclephotos.upload.presign.PresignRoute;
import com.vehiclephotos.web.problem.ProblemResponses;
import com.vehiclephotos.web.security.BearerSecurity;
import com.vehiclephotos.web.security.BearerSecurityProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import reactor.core.publisher.Mono;

/**
 * The services' bearer-token shape (web-support), plus dev tokens and the demo page where enabled;
 * the presign is left to its own authentication (see {@link PresignRoute}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain api(
            ServerHttpSecurity http,
            BearerSecurityProperties bearer,
            SecurityProperties properties,
            ProblemResponses problems,
            ObjectProvider<ReactiveJwtDecoder> decoders,
            @Value("${upload.demo.enabled:false}") boolean demoEnabled) {
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
        // the presign authenticates itself, with Spring Security's parts (BearerAuthentication)
        return BearerSecurity.chain(http, bearer, problems, decoders, publicPaths, PresignRoute.requests());
    }

    /**
     * Spring Security's strict firewall for every request but exactly the presign. The firewall
     * rejects paths that are not normalised or carry encoded separators, and header names and values
     * with control characters; it does so by wrapping the request and response headers so that every
     * read and write of a header runs its patterns — 9% of the presign's CPU under load. The presign
     * is one exact path (anything else is firewalled) and reads three headers, each parsed strictly
     * where it is used (the bearer token by Spring Security's converter, Content-Type by WebFlux,
     * traceparent by OpenTelemetry's propagator); Netty has already refused malformed header lines.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        var strict = new StrictServerWebExchangeFirewall();
        return exchange -> PresignRoute.isPresign(exchange.getRequest())
                ? Mono.just(exchange)
                : strict.getFirewalledExchange(exchange);
    }

    /**
     * No observation around each of the chain's filters (the chain's "before"/"after" spans):
     * authentications and authorizations are still observed. Spring Security wraps even a request
     * that no chain matches — the presign — in those observations: 5% of its CPU under load.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .build();
    }
}
