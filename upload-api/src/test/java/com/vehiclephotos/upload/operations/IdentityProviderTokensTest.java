package com.vehiclephotos.upload.operations;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.upload.ownership.OwnershipView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Production tokens from an identity provider — its keys served from a real JWKS endpoint on
 * loopback: a token must come from the configured issuer and name this service in {@code aud};
 * tokens minted for another application of the same provider, or by another issuer, are 401.
 */
@WithDevstack
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "upload.security.dev-tokens=false",
            "photos.security.hmac-secret=",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + IdentityProviderTokensTest.ISSUER,
            "spring.security.oauth2.resourceserver.jwt.audiences=vehicle-photos"
        })
@AutoConfigureWebTestClient
@ActiveProfiles("devstack")
class IdentityProviderTokensTest {

    static final String ISSUER = "https://login.example.com/realms/cars";
    private static final RSAKey KEY = rsaKey();
    private static final HttpServer JWKS = jwks();

    @Autowired
    WebTestClient web;

    @Autowired
    OwnershipView ownership;

    @DynamicPropertySource
    static void keysFromTheProvider(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/certs");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @Test
    void aTokenForThisServiceFromTheIssuerGetsIn() {
        await().atMost(Duration.ofSeconds(30)).until(ownership::isCaughtUp);
        // authenticated: the answer is about the (unknown) vehicle, not about the token
        presign(token(ISSUER, List.of("vehicle-photos"))).expectStatus().isNotFound();
    }

    @Test
    void aTokenMintedForAnotherApplicationIsRefused() {
        presign(token(ISSUER, List.of("billing"))).expectStatus().isUnauthorized();
        presign(token(ISSUER, List.of())).expectStatus().isUnauthorized();
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        presign(token("https://evil.example.com/realms/cars", List.of("vehicle-photos")))
                .expectStatus()
                .isUnauthorized();
    }

    private WebTestClient.ResponseSpec presign(String token) {
        return web.post()
                .uri("/api/v1/uploads")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "vehicleId",
                        UUID.randomUUID(),
                        "filename",
                        "a.jpg",
                        "contentType",
                        "image/jpeg",
                        "contentLength",
                        3))
                .exchange();
    }

    private static String token(String issuer, List<String> audiences) {
        try {
            var claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject("carol")
                    .audience(audiences)
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                    .build();
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(KEY.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
