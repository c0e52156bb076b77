package com.vehiclephotos.vehicles.system;

import com.vehiclephotos.web.problem.ProblemResponses;
import com.vehiclephotos.web.security.BearerSecurity;
import com.vehiclephotos.web.security.BearerSecurityProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain api(
            ServerHttpSecurity http,
            BearerSecurityProperties bearer,
            ProblemResponses problems,
            ObjectProvider<ReactiveJwtDecoder> decoders) {
        return BearerSecurity.chain(http, bearer, problems, decoders, List.of());
    }
}
