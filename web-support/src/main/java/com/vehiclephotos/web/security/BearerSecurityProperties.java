package com.vehiclephotos.web.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bearer tokens and browser access, shared by the services. In production tokens come from an
 * identity provider ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri}); locally from an HMAC key.
 *
 * @param hmacSecret     local only: HS256 key, at least 32 bytes; refused outside the {@code local} profile
 *                       and next to an identity provider
 * @param allowedOrigins browser origins allowed by CORS
 * @param insecureLocalTokensAllowed accept {@code hmacSecret} outside the {@code local} profile, for a test
 *                       environment only: anyone with the key can act as any user
 */
@Validated
@ConfigurationProperties("photos.security")
public record BearerSecurityProperties(
        @Nullable String hmacSecret, @NotNull List<String> allowedOrigins, boolean insecureLocalTokensAllowed) {

    public BearerSecurityProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    @AssertTrue(message = "photos.security.hmac-secret must be at least 32 bytes (HS256)")
    boolean isHmacSecretLongEnough() {
        return !hasHmacSecret() || hmacSecret.getBytes(StandardCharsets.UTF_8).length >= 32;
    }

    public boolean hasHmacSecret() {
        return hmacSecret != null && !hmacSecret.isEmpty();
    }
}
