package com.vehiclephotos.web;

import com.vehiclephotos.web.problem.ProblemHandling;
import com.vehiclephotos.web.problem.ProblemResponses;
import com.vehiclephotos.web.security.BearerSecurityProperties;
import com.vehiclephotos.web.security.TokenSettings;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

/** problem+json for every error, and the local HMAC token decoder when a key is configured. */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration")
@EnableConfigurationProperties(BearerSecurityProperties.class)
public class WebSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemResponses problemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemHandling problemHandling(ProblemResponses problems) {
        return new ProblemHandling(problems);
    }

    /** Fails the start when the token settings leave a door open (see TokenSettings). */
    @Bean
    TokenSettings tokenSettings(Environment environment) {
        return TokenSettings.checked(environment);
    }

    /** Local development: tokens signed with a shared HMAC key instead of an identity provider's keys. */
    @Bean
    @ConditionalOnExpression("'${photos.security.hmac-secret:}' != ''")
    ReactiveJwtDecoder hmacJwtDecoder(BearerSecurityProperties properties) {
        var key = new SecretKeySpec(properties.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusReactiveJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }
}
