package com.vehiclephotos.upload.security;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.web.problem.ApiProblem;
import com.vehiclephotos.web.problem.CommonProblem;
import com.vehiclephotos.web.security.BearerSecurityProperties;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local development only ({@code upload.security.dev-tokens=true}, set by the {@code local}
 * profile): signs a token for any subject with the HMAC key, so the API can be tried with curl.
 */
@RestController
@Hidden
@ConditionalOnProperty(name = "upload.security.dev-tokens", havingValue = "true")
class DevTokenController {

    static final String PATH = "/api/v1/dev/tokens";

    private final NimbusJwtEncoder encoder;
    private final SecurityProperties properties;

    DevTokenController(SecurityProperties properties, BearerSecurityProperties bearer) {
        this.properties = properties;
        var key = new SecretKeySpec(bearer.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.encoder = NimbusJwtEncoder.withSecretKey(key)
                .algorithm(MacAlgorithm.HS256)
                .build();
    }

    record TokenRequest(@NotBlank String sub) {}

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> mint(@Valid @RequestBody TokenRequest request) {
        OwnerId owner;
        try {
            owner = new OwnerId(request.sub()); // the same rule as for real tokens
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(CommonProblem.VALIDATION_FAILED, e.getMessage());
        }
        var now = Instant.now();
        var claims = JwtClaimsSet.builder()
                .subject(owner.value())
                .issuer("vehicle-photos-dev")
                .issuedAt(now)
                .expiresAt(now.plus(properties.devTokenTtl()))
                .build();
        var token = encoder.encode(
                JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
        return Map.of(
                "access_token",
                token.getTokenValue(),
                "token_type",
                "Bearer",
                "expires_in",
                properties.devTokenTtl().toSeconds(),
                "sub",
                owner.value());
    }
}
