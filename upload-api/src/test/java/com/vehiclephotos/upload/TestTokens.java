package com.vehiclephotos.upload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Bearer tokens signed like the test profile's HMAC key expects, or deliberately not. */
public final class TestTokens {

    public static final String SECRET = "test-only-secret-0123456789-abcdefghij";

    private TestTokens() {
    }

    public static String forOwner(String sub) {
        return sign(SECRET, sub, Instant.now().plus(Duration.ofHours(1)));
    }

    public static String expired(String sub) {
        return sign(SECRET, sub, Instant.now().minus(Duration.ofHours(1)));
    }

    public static String signedWithAnotherKey(String sub) {
        return sign("another-secret-that-is-long-enough-000000", sub, Instant.now().plus(Duration.ofHours(1)));
    }

    private static String sign(String secret, String sub, Instant expiresAt) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
        var claims = JwtClaimsSet.builder().subject(sub).issuedAt(expiresAt.minus(Duration.ofHours(2))).expiresAt(expiresAt).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
