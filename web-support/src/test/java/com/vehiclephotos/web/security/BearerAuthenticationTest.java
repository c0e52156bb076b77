package com.vehiclephotos.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.web.problem.ApiProblem;
import com.vehiclephotos.web.problem.CommonProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The presign's own bearer authentication: the chain's answers, and a verified token remembered
 * only while it is valid.
 */
class BearerAuthenticationTest {

    @Test
    void noTokenIs401WithABareChallenge() {
        var exchange = exchange(null);
        var bearer = new BearerAuthentication(decoder(token -> jwt(Instant.now().plusSeconds(60))));

        assertThatThrownBy(() -> bearer.authenticate(exchange).block())
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.problemType()).isEqualTo(CommonProblem.UNAUTHENTICATED));
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .isEqualTo("Bearer");
    }

    @Test
    void anInvalidTokenIs401WithInvalidTokenAndIsCheckedEveryTime() {
        var calls = new AtomicInteger();
        var bearer = new BearerAuthentication(decoder(token -> {
            calls.incrementAndGet();
            throw new BadJwtException("bad signature");
        }));

        for (int i = 0; i < 3; i++) {
            var exchange = exchange("a.b.c");
            assertThatThrownBy(() -> bearer.authenticate(exchange).block()).isInstanceOf(ApiProblem.class);
            assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                    .isEqualTo("Bearer error=\"invalid_token\"");
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItExpires() {
        var calls = new AtomicInteger();
        var expiresAt = Instant.now().plusMillis(300);
        var bearer = new BearerAuthentication(decoder(token -> {
            // valid the first time only: after expiry the decoder refuses it, as Spring Security's validator does
            if (calls.incrementAndGet() > 1) {
                throw new BadJwtException("expired");
            }
            return jwt(expiresAt);
        }));

        assertThat(bearer.authenticate(exchange("t.o.k")).block()).isNotNull();
        assertThat(bearer.authenticate(exchange("t.o.k")).block()).isNotNull();
        assertThat(calls).as("verified once, then remembered").hasValue(1);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThatThrownBy(
                                () -> bearer.authenticate(exchange("t.o.k")).block())
                        .isInstanceOf(ApiProblem.class));
        assertThat(calls).as("checked again once expired").hasValueGreaterThan(1);
    }

    @Test
    void anotherTokenIsVerifiedOnItsOwn() {
        var calls = new AtomicInteger();
        var bearer = new BearerAuthentication(decoder(token -> {
            calls.incrementAndGet();
            if (token.equals("t.o.k2")) {
                throw new BadJwtException("tampered");
            }
            return jwt(Instant.now().plusSeconds(60));
        }));

        assertThat(bearer.authenticate(exchange("t.o.k")).block()).isNotNull();
        assertThatThrownBy(() -> bearer.authenticate(exchange("t.o.k2")).block())
                .isInstanceOf(ApiProblem.class);
        assertThat(calls).hasValue(2);
    }

    /** Remembered is the exact header that passed Spring Security's converter; anything else meets it again. */
    @Test
    void aRememberedTokenInAMalformedHeaderIsStillRefused() {
        var bearer = new BearerAuthentication(decoder(token -> jwt(Instant.now().plusSeconds(60))));
        assertThat(bearer.authenticate(exchange("t.o.k")).block()).isNotNull();

        for (var header : new String[] {"Bearer t.o.k junk", "Bearer  t.o.k", "Bearer t.o.k\u0000", "Basic t.o.k"}) {
            var exchange = MockServerWebExchange.from(
                    MockServerHttpRequest.post("/api/v1/uploads").header(HttpHeaders.AUTHORIZATION, header));
            assertThatThrownBy(() -> bearer.authenticate(exchange).block())
                    .as(header)
                    .isInstanceOf(ApiProblem.class);
        }
    }

    private static MockServerWebExchange exchange(String token) {
        var request = MockServerHttpRequest.post("/api/v1/uploads");
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return MockServerWebExchange.from(request);
    }

    private static ReactiveJwtDecoder decoder(Function<String, Jwt> decode) {
        return token -> Mono.fromSupplier(() -> decode.apply(token));
    }

    private static Jwt jwt(Instant expiresAt) {
        return Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject("alice")
                .issuedAt(Instant.now().minusSeconds(1))
                .expiresAt(expiresAt)
                .build();
    }
}
