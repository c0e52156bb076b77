package com.vehiclephotos.vehicles;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Bearer tokens signed with the test profile's HMAC key. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String forOwner(String sub) {
        return forOwner(sub, Duration.ofHours(1));
    }

    /** A token that expires {@code lifetime} from now. */
    public static String forOwner(String sub, Duration lifetime) {
        var key = new SecretKeySpec("test-only-secret-0123456789-abcdefghij".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
        var now = Instant.now();
        var claims = JwtClaimsSet.builder().subject(sub).issuedAt(now).expiresAt(now.plus(lifetime)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
