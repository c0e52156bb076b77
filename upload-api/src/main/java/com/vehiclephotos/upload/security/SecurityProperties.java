package com.vehiclephotos.upload.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * Token validation and browser access. In production tokens come from an identity provider
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}); locally
 * from an HMAC key that {@code /api/v1/dev/tokens} can mint with.
 *
 * @param hmacSecret     local only: HS256 key, at least 32 bytes
 * @param devTokens      expose {@code POST /api/v1/dev/tokens}; never in production
 * @param devTokenTtl    lifetime of dev tokens
 * @param allowedOrigins browser origins allowed by CORS
 */
@Validated
@ConfigurationProperties("upload.security")
public record SecurityProperties(
        @Nullable String hmacSecret,
        boolean devTokens,
        @NotNull Duration devTokenTtl,
        @NotNull List<String> allowedOrigins) {

    @AssertTrue(message = "upload.security.hmac-secret must be at least 32 bytes (HS256)")
    boolean isHmacSecretLongEnough() {
        return hmacSecret == null || hmacSecret.isEmpty() || hmacSecret.getBytes(StandardCharsets.UTF_8).length >= 32;
    }

    @AssertTrue(message = "upload.security.dev-tokens needs upload.security.hmac-secret")
    boolean isDevTokensBackedByASecret() {
        return !devTokens || hasHmacSecret();
    }

    boolean hasHmacSecret() {
        return hmacSecret != null && !hmacSecret.isEmpty();
    }
}
