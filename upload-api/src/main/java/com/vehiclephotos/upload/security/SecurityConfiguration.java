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
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** The services' bearer-token shape (web-support), plus dev tokens and the demo page where enabled. */
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
}
