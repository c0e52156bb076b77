package com.vehiclephotos.upload.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Development tokens. The key that signs them and validates every token locally is
 * {@code photos.security.hmac-secret} (web-support); production uses an identity provider.
 *
 * @param devTokens   expose {@code POST /api/v1/dev/tokens}; never in production
 * @param devTokenTtl lifetime of dev tokens
 */
@Validated
@ConfigurationProperties("upload.security")
public record SecurityProperties(boolean devTokens, @NotNull Duration devTokenTtl) {}
